#include "adapters/tn3270/tn3270e_header.h"

#include <string>

#include "absl/status/status.h"

namespace omnihub::tn3270 {

std::string_view DataTypeName(DataType type) {
  switch (type) {
    case DataType::k3270Data:
      return "3270-DATA";
    case DataType::kScsData:
      return "SCS-DATA";
    case DataType::kResponse:
      return "RESPONSE";
    case DataType::kBindImage:
      return "BIND-IMAGE";
    case DataType::kUnbind:
      return "UNBIND";
    case DataType::kNvtData:
      return "NVT-DATA";
    case DataType::kRequest:
      return "REQUEST";
    case DataType::kSscpLuData:
      return "SSCP-LU-DATA";
    case DataType::kPrintEoj:
      return "PRINT-EOJ";
  }
  return "UNKNOWN";
}

void Tn3270eHeader::AppendTo(Bytes& out) const {
  out.push_back(static_cast<std::uint8_t>(data_type));
  out.push_back(request_flag);
  out.push_back(response_flag);
  out.push_back(static_cast<std::uint8_t>(seq_number >> 8));
  out.push_back(static_cast<std::uint8_t>(seq_number & 0xFF));
}

absl::StatusOr<Tn3270eHeader> Tn3270eHeader::Decode(ByteView bytes) {
  if (bytes.size() < kSize) {
    return absl::InvalidArgumentError("TN3270E header truncated: " + std::to_string(bytes.size()) +
                                      " of 5 bytes");
  }
  if (bytes[0] > static_cast<std::uint8_t>(DataType::kPrintEoj)) {
    return absl::InvalidArgumentError("TN3270E header: unknown data type " +
                                      std::to_string(bytes[0]));
  }
  Tn3270eHeader header;
  header.data_type = static_cast<DataType>(bytes[0]);
  header.request_flag = bytes[1];
  header.response_flag = bytes[2];
  header.seq_number = static_cast<std::uint16_t>((bytes[3] << 8) | bytes[4]);
  return header;
}

}  // namespace omnihub::tn3270
