// Contacts and cases as readable text.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>

#include "omnihub/v1/contact.pb.h"

namespace omnihub::hubctl {

// One row per contact: when, channel, direction, summary, case, system.
void PrintContactTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Contact>& contacts);

// One row per case: id, subject, status, priority, created, updated, order.
void PrintCaseTable(std::ostream& out, const google::protobuf::RepeatedPtrField<v1::Case>& cases);

}  // namespace omnihub::hubctl
