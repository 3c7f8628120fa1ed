#include "adapters/http_xml/http_xml_adapter.h"

#include "absl/strings/str_cat.h"
#include "adapters/http_xml/fetch_call.h"
#include "adapters/http_xml/refund_call.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::http_xml {

HttpXmlAdapter::HttpXmlAdapter(std::shared_ptr<const Backend> backend)
    : backend_(std::move(backend)) {
  info_.system = backend_->system;
  info_.type = "http-xml";
  const auto& mapping = *backend_->mapping;
  if (mapping.FindOperation("list-payments") || mapping.FindOperation("get-payment")) {
    info_.capabilities.Add(sdk::Capability::kPayments);
  }
  if (mapping.FindOperation("list-customers")) {
    info_.capabilities.Add(sdk::Capability::kIdentityScan);
  }
  if (mapping.FindOperation("refund")) info_.capabilities.Add(sdk::Capability::kRefund);
}

void HttpXmlAdapter::Fetch(const sdk::FetchRequest& request,
                           std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done) {
  StartFetch(backend_, request, std::move(context), std::move(done));
}

void HttpXmlAdapter::Act(const sdk::ActionRequest& request,
                         std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done) {
  if (request.kind != sdk::ActionRequest::Kind::kRefund) {
    done(absl::UnimplementedError(info_.system + " supports refunds only"));
    return;
  }
  StartRefund(backend_, request, std::move(context), std::move(done));
}

void HttpXmlAdapter::ScanIdentities(const std::string& cursor,
                                    std::shared_ptr<sdk::CallContext> context,
                                    sdk::ScanCallback done) {
  const auto* operation = backend_->mapping->FindOperation("list-customers");
  if (operation == nullptr) {
    done(absl::UnimplementedError(info_.system + ": the mapping declares no list-customers"));
    return;
  }
  std::map<std::string, std::string> params = {
      {"page_size", std::to_string(backend_->paging.page_size)}};
  if (!cursor.empty()) params["page_token"] = cursor;
  // The page's accounts, filled by the page handler before `done` runs (same call chain).
  auto page = std::make_shared<sdk::IdentityPage>();
  auto backend = backend_;
  RunOperation(
      backend_, *operation, std::move(params), 1, /*idempotent=*/true, std::move(context),
      [page, operation, backend](const mapping::engine::XmlAnswer& answer) -> absl::StatusOr<bool> {
        const std::string& system = backend->system;
        std::vector<v1::Customer> customers;
        auto status =
            mapping::engine::MapXmlRecords(*backend->mapping, *operation, answer,
                                           [&customers] { return &customers.emplace_back(); });
        if (!status.ok()) {
          return absl::DataLossError(absl::StrCat(
              system, " list-customers: the answer cannot be mapped: ", status.message()));
        }
        for (auto& customer : customers) {
          sdk::AccountIdentity identity;
          for (auto& identifier : *customer.mutable_identifiers()) {
            if (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
                identifier.system() == system) {
              identity.account_id = identifier.value();
            } else if (identifier.type() != v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER) {
              identifier.clear_system();  // an e-mail belongs to the person, not the system
            }
            identity.identifiers.push_back(identifier);
          }
          if (identity.account_id.empty()) {
            return absl::DataLossError(absl::StrCat(
                system, " list-customers: a shopper has no account-number identifier"));
          }
          identity.display_name = customer.display_name();
          identity.postal_code = customer.address().postal_code();
          page->accounts.push_back(std::move(identity));
        }
        return false;
      },
      [page, done = std::move(done)](absl::Status status, std::string next_cursor) {
        if (!status.ok()) {
          done(status);
          return;
        }
        page->next_cursor = std::move(next_cursor);
        done(std::move(*page));
      });
}

}  // namespace omnihub::http_xml
