#include "adapters/tn3270/connector/customer_search.h"

#include <boost/asio/post.hpp>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "adapters/tn3270/connector/session_call.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;
namespace v1 = omnihub::v1;

// The next code point of well-formed UTF-8 (checked before) at `i`, advancing `i`.
char32_t NextCodePoint(absl::string_view text, size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  int extra = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
  char32_t point = extra == 0 ? lead : lead & (0x3F >> extra);
  for (int k = 1; k <= extra && i + k < text.size(); ++k) {
    point = (point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += extra + 1;
  return point;
}

// The account a mapped row names: its account-number identifier.
const v1::Identifier* AccountIdentifier(const v1::Customer& customer) {
  for (const auto& identifier : customer.identifiers()) {
    if (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER && !identifier.value().empty()) {
      return &identifier;
    }
  }
  return nullptr;
}

absl::StatusOr<sdk::SearchHit> ToHit(const std::string& system, v1::Customer customer) {
  const v1::Identifier* account = AccountIdentifier(customer);
  if (account == nullptr) {
    return absl::DataLossError(
        "a listed customer has no account number (the mapping's account-number identifier)");
  }
  sdk::SearchHit hit;
  hit.identity.account_id = account->value();
  for (auto identifier : customer.identifiers()) {
    if (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER && identifier.system().empty()) {
      identifier.set_system(system);
    }
    hit.identity.identifiers.push_back(std::move(identifier));
  }
  std::string name = customer.display_name();
  if (name.empty()) {
    name = customer.given_name();
    if (!customer.family_name().empty()) {
      absl::StrAppend(&name, name.empty() ? "" : " ", customer.family_name());
    }
  }
  hit.identity.display_name = std::move(name);
  hit.identity.postal_code = customer.address().postal_code();
  hit.profile = std::move(customer);
  return hit;
}

}  // namespace

absl::Status CheckScreenText(absl::string_view system, absl::string_view field,
                             absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t point = NextCodePoint(text, i);
    if (point > 0xFF || (point >= 0x80 && point < 0xA0)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: search %s holds U+%04X, which a 3270 screen cannot show (Latin-1 only)", system,
          field, static_cast<uint32_t>(point)));
    }
  }
  return absl::OkStatus();
}

void SearchOnHost(std::shared_ptr<const Backend> backend,
                  const engine::CompiledOperation* operation, const sdk::SearchRequest& request,
                  std::shared_ptr<sdk::CallContext> context, sdk::SearchCallback done) {
  const std::string system = backend->system;
  absl::Status valid = sdk::ValidateSearchRequest(request, system);
  if (valid.ok()) valid = CheckScreenText(system, "surname", request.surname);
  if (valid.ok()) valid = CheckScreenText(system, "postal_code", request.postal_code);
  if (!valid.ok()) {
    boost::asio::post(backend->executor,
                      [done = std::move(done), valid = std::move(valid)] { done(valid); });
    return;
  }
  auto result = std::make_shared<sdk::SearchResult>();
  const size_t limit = static_cast<size_t>(request.limit);
  std::vector<OperationRun> runs;
  runs.push_back(
      {operation,
       {{"surname", std::string(absl::StripAsciiWhitespace(request.surname))},
        {"postal_code", std::string(absl::StripAsciiWhitespace(request.postal_code))}},
       [operation, result, system, limit](ScriptResult& read) -> absl::Status {
         engine::TableSet tables;
         tables.main = std::move(read.table);
         auto customers = engine::MapTableCustomers(*operation, tables);
         if (!customers.ok()) {
           return absl::DataLossError(absl::StrCat(
               system, " ", operation->name,
               ": what the screens showed could not be mapped: ", customers.status().message()));
         }
         result->truncated = read.truncated || customers->size() > limit;
         for (auto& customer : *customers) {
           if (result->hits.size() == limit) break;
           auto hit = ToHit(system, std::move(customer));
           if (!hit.ok()) {
             return absl::DataLossError(absl::StrCat(system, " ", operation->name, " row ",
                                                     result->hits.size() + 1, ": ",
                                                     hit.status().message()));
           }
           result->hits.push_back(*std::move(hit));
         }
         return absl::OkStatus();
       }});
  RunOperations(std::move(backend), std::move(context), std::move(runs),
                [result, done = std::move(done)](absl::Status status) {
                  if (!status.ok()) return done(status);
                  done(std::move(*result));
                });
}

}  // namespace omnihub::tn3270
