// Contacts and cases as readable text.
#include "tools/hubctl/contact_view.h"

#include "tools/hubctl/format.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {

void PrintContactTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Contact>& contacts) {
  if (contacts.empty()) {
    out << "  (no contacts)\n";
    return;
  }
  Table table({"WHEN", "CHANNEL", "DIRECTION", "SUMMARY", "CASE", "SYSTEM"});
  for (const auto& contact : contacts) {
    table.AddRow({FormatTimestamp(contact.occurred_at()),
                  EnumLabel(v1::ContactChannel_Name(contact.channel()), "CONTACT_CHANNEL_"),
                  EnumLabel(v1::ContactDirection_Name(contact.direction()), "CONTACT_DIRECTION_"),
                  contact.summary(), OrDash(contact.case_id()), OrDash(contact.source_system())});
  }
  table.Print(out);
}

void PrintCaseTable(std::ostream& out, const google::protobuf::RepeatedPtrField<v1::Case>& cases) {
  if (cases.empty()) {
    out << "  (no cases)\n";
    return;
  }
  Table table({"CASE", "SUBJECT", "STATUS", "PRIORITY", "CREATED", "UPDATED", "ORDER"});
  for (const auto& item : cases) {
    table.AddRow({item.case_id(), item.subject(),
                  EnumLabel(v1::CaseStatus_Name(item.status()), "CASE_STATUS_"),
                  EnumLabel(v1::CasePriority_Name(item.priority()), "CASE_PRIORITY_"),
                  FormatDate(item.created_at()), FormatDate(item.updated_at()),
                  OrDash(item.order_number())});
  }
  table.Print(out);
}

}  // namespace omnihub::hubctl
