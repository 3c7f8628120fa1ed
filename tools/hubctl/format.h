// Turning API values into short, readable text: money, timestamps, durations, enum values.
#pragma once

#include <google/protobuf/duration.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <string>
#include <string_view>

#include "omnihub/v1/common.pb.h"

namespace omnihub::hubctl {

// "£42.50", "-€3.00", "£1,500.00", "JPY 1,200", "CHF 12.00"; "-" when the currency is unset.
std::string FormatMoney(const v1::Money& money);

// "2026-11-28 12:38:29Z" (UTC); "-" when unset.
std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp);

// "2026-11-28" (UTC); "-" when unset.
std::string FormatDate(const google::protobuf::Timestamp& timestamp);

// "15 ms", "1.25 s"; "-" when unset.
std::string FormatDuration(const google::protobuf::Duration& duration);

// An enum value name without its type prefix, in lower case with spaces:
// ("ORDER_STATUS_PARTIALLY_RETURNED", "ORDER_STATUS_") -> "partially returned".
std::string EnumLabel(std::string_view name, std::string_view prefix);

// The postal address on one line, parts joined by ", ".
std::string FormatAddress(const v1::PostalAddress& address);

// `text`, or "-" when it is empty (tables show every cell).
std::string OrDash(const std::string& text);

}  // namespace omnihub::hubctl
