#include "adapters/mapping/engine/operation_catalog.h"

#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/customer.pb.h"
#include "omnihub/v1/order.pb.h"
#include "omnihub/v1/pos.pb.h"

namespace omnihub::mapping::engine {
namespace {

const std::vector<OperationKind>& Catalog() {
  static const std::vector<OperationKind>* catalog = [] {
    using namespace omnihub::v1;
    const std::vector<std::string_view> page = {"account_id", "customer_id", "page_size",
                                                "page_token"};
    return new std::vector<OperationKind>{
        {"get-customer",
         "customer",
         Customer::descriptor(),
         {"account_id", "customer_id", "email", "phone"}},
        {"search-customers",
         "customer",
         Customer::descriptor(),
         // surname: the last word of the name, for backends that search by surname.
         {"email", "phone", "name", "surname", "postal_code", "page_size", "page_token"}},
        {"list-customers", "customer", Customer::descriptor(), {"page_size", "page_token"}},
        {"list-orders", "order", Order::descriptor(), page},
        {"get-order", "order", Order::descriptor(), {"account_id", "order_number"}},
        {"list-contacts", "contact", Contact::descriptor(), page},
        {"list-payments", "payment", Payment::descriptor(), page},
        {"get-payment", "payment", Payment::descriptor(), {"account_id", "order_number"}},
        // A fraud engine's assessment of one order: payment.order_number and payment.fraud.*;
        // the connector joins it to the order's payments.
        {"get-fraud", "payment", Payment::descriptor(), {"account_id", "order_number"}},
        {"get-loyalty", "loyalty", LoyaltySummary::descriptor(), {"account_id", "customer_id"}},
        // Adds a note (a contact) to the customer's account: text as the agent typed it.
        // contact_id and occurred_at are made by the connector for backends whose SQL inserts
        // the note's row itself (odbc): a stable id for the note and the time it was written.
        {"add-note",
         "contact",
         Contact::descriptor(),
         {"account_id", "text", "agent_id", "idempotency_key", "contact_id", "occurred_at",
          "order_number"},
         true},
        // Refunds all or part of an order's payment. amount: major units ("12.50"; empty for a
        // full refund), amount_minor: minor units ("1250"), currency: ISO 4217; the backend's
        // answer maps to an ActionResult (refund.reference, refund.detail, refund.replayed).
        {"refund",
         "refund",
         ActionResult::descriptor(),
         {"account_id", "order_number", "amount", "amount_minor", "currency", "idempotency_key",
          "agent_id", "reason"},
         true},
        // Goodwill for a customer (a discount code, store credit): amount as for refund,
        // reason as the agent wrote it, order_number when it is for one order (may be empty);
        // the answer maps to an ActionResult (goodwill.reference: the code, goodwill.detail).
        {"goodwill",
         "goodwill",
         ActionResult::descriptor(),
         {"account_id", "order_number", "amount", "amount_minor", "currency", "idempotency_key",
          "agent_id", "reason"},
         true},
        // connector="poslog" only: one till transaction of an ARTS POSLog document (a sale or a
        // return), which the stores send; no request parameters.
        {"pos-transaction", "transaction", PosTransaction::descriptor(), {}, false, true},
    };
  }();
  return *catalog;
}

}  // namespace

const OperationKind* FindOperationKind(std::string_view name) {
  for (const OperationKind& kind : Catalog()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

std::vector<std::string> OperationNames() {
  std::vector<std::string> names;
  for (const OperationKind& kind : Catalog()) names.emplace_back(kind.name);
  return names;
}

}  // namespace omnihub::mapping::engine
