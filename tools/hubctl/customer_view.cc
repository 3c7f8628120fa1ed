// A customer's profile and Customer 360 as readable sections.
#include "tools/hubctl/customer_view.h"

#include "tools/hubctl/contact_view.h"
#include "tools/hubctl/format.h"
#include "tools/hubctl/order_view.h"
#include "tools/hubctl/sources_view.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {
namespace {

std::string FieldSource(const v1::Customer& customer, const std::string& field) {
  auto it = customer.field_sources().find(field);
  return it == customer.field_sources().end() ? "" : it->second;
}

void PrintLoyalty(std::ostream& out, const v1::LoyaltySummary& loyalty) {
  Table table({"FIELD", "VALUE", "SOURCE"});
  if (!loyalty.card_number().empty()) {
    table.AddRow({"loyalty card", loyalty.card_number(), loyalty.source_system()});
    table.AddRow({"tier", OrDash(loyalty.tier()), loyalty.source_system()});
    table.AddRow({"points", std::to_string(loyalty.points_balance()), loyalty.source_system()});
  }
  if (loyalty.has_store_card()) {
    const auto& card = loyalty.store_card();
    table.AddRow({"store card", card.account_number(), card.source_system()});
    table.AddRow({"status", OrDash(card.status()), card.source_system()});
    table.AddRow({"balance", FormatMoney(card.balance()), card.source_system()});
    table.AddRow({"credit limit", FormatMoney(card.credit_limit()), card.source_system()});
  }
  if (table.empty()) {
    out << "  (no loyalty membership or store card)\n";
  } else {
    table.Print(out);
  }
}

void PrintPayments(std::ostream& out, const v1::PaymentSummary& payments) {
  out << "  captured " << FormatMoney(payments.total_captured()) << ", refunded "
      << FormatMoney(payments.total_refunded())
      << (payments.has_fraud_hold() ? ", FRAUD HOLD on a recent payment" : "") << "\n";
  PrintPaymentTable(out, payments.recent_payments());
}

}  // namespace

void PrintProfile(std::ostream& out, const v1::Customer& customer) {
  out << "Profile\n";
  Table profile({"FIELD", "VALUE", "SOURCE"});
  auto row = [&](const char* label, const std::string& field, const std::string& value) {
    profile.AddRow({label, OrDash(value), FieldSource(customer, field)});
  };
  profile.AddRow({"customer id", customer.customer_id(), "hub"});
  row("name", "display_name", customer.display_name());
  row("given name", "given_name", customer.given_name());
  row("family name", "family_name", customer.family_name());
  row("email", "email", customer.email());
  row("phone", "phone", customer.phone());
  row("address", "address", FormatAddress(customer.address()));
  row("customer since", "customer_since",
      customer.has_customer_since() ? FormatDate(customer.customer_since()) : "");
  profile.Print(out);

  out << "\nIdentifiers\n";
  Table identifiers({"TYPE", "VALUE", "SYSTEM"});
  for (const auto& identifier : customer.identifiers()) {
    identifiers.AddRow({EnumLabel(v1::IdentifierType_Name(identifier.type()), "IDENTIFIER_TYPE_"),
                        identifier.value(), identifier.system()});
  }
  if (identifiers.empty()) {
    out << "  (none)\n";
  } else {
    identifiers.Print(out);
  }

  out << "\nAccounts\n";
  Table accounts({"SYSTEM", "ACCOUNT", "LINKED BY"});
  for (const auto& account : customer.accounts()) {
    accounts.AddRow({account.system(), account.account_id(), account.linked_by()});
  }
  if (accounts.empty()) {
    out << "  (none)\n";
  } else {
    accounts.Print(out);
  }
}

void PrintCustomer360(std::ostream& out, const v1::Customer360& view) {
  out << "Customer 360: " << OrDash(view.customer().display_name()) << " (assembled "
      << FormatTimestamp(view.assembled_at()) << ")\n\n";
  PrintProfile(out, view.customer());
  out << "\nOrders\n";
  PrintOrderTable(out, view.recent_orders());
  out << "\nPayments\n";
  PrintPayments(out, view.payments());
  out << "\nLoyalty / store card\n";
  PrintLoyalty(out, view.loyalty());
  out << "\nContacts\n";
  PrintContactTable(out, view.recent_contacts());
  out << "\nOpen cases\n";
  PrintCaseTable(out, view.open_cases());
  PrintSources(out, view.sources());
}

}  // namespace omnihub::hubctl
