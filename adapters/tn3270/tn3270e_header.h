// The 5-byte TN3270E message header (RFC 2355 section 8): data-type, request-flag, response-flag
// and a big-endian sequence number, in front of every record once TN3270E is in effect.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/tn3270/bytes.h"

namespace omnihub::tn3270 {

enum class DataType : std::uint8_t {
  k3270Data = 0x00,
  kScsData = 0x01,
  kResponse = 0x02,
  kBindImage = 0x03,
  kUnbind = 0x04,
  kNvtData = 0x05,
  kRequest = 0x06,
  kSscpLuData = 0x07,
  kPrintEoj = 0x08,
};
std::string_view DataTypeName(DataType type);

// REQUEST-FLAG values.
inline constexpr std::uint8_t kRequestErrCondCleared = 0x00;
// RESPONSE-FLAG values for 3270-DATA and SCS-DATA.
inline constexpr std::uint8_t kResponseNone = 0x00;
inline constexpr std::uint8_t kResponseError = 0x01;
inline constexpr std::uint8_t kResponseAlways = 0x02;
// RESPONSE-FLAG values in a RESPONSE message.
inline constexpr std::uint8_t kResponsePositive = 0x00;
inline constexpr std::uint8_t kResponseNegative = 0x01;
// First data byte of a RESPONSE message.
inline constexpr std::uint8_t kResponseDeviceEnd = 0x00;
inline constexpr std::uint8_t kResponseCommandReject = 0x01;
inline constexpr std::uint8_t kResponseInterventionRequired = 0x02;
inline constexpr std::uint8_t kResponseOperationCheck = 0x03;
inline constexpr std::uint8_t kResponseComponentDisconnected = 0x04;

struct Tn3270eHeader {
  static constexpr std::size_t kSize = 5;

  DataType data_type = DataType::k3270Data;
  std::uint8_t request_flag = 0;
  std::uint8_t response_flag = 0;
  std::uint16_t seq_number = 0;

  void AppendTo(Bytes& out) const;
  // InvalidArgument when fewer than kSize bytes or the data type is unknown.
  static absl::StatusOr<Tn3270eHeader> Decode(ByteView bytes);

  friend bool operator==(const Tn3270eHeader&, const Tn3270eHeader&) = default;
};

}  // namespace omnihub::tn3270
