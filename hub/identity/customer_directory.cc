#include "hub/identity/customer_directory.h"

#include "absl/strings/str_cat.h"

namespace omnihub::hub {

absl::StatusOr<ResolvedCustomer> CustomerDirectory::Resolve(const omnihub::v1::CustomerRef& ref,
                                                            const std::string& field,
                                                            ResolveError* error) const {
  auto fail = [&](absl::Status status, std::string subfield) -> absl::Status {
    if (error) *error = {status, std::move(subfield)};
    return status;
  };
  ResolvedCustomer resolved{snapshot(), nullptr};
  switch (ref.ref_case()) {
    case omnihub::v1::CustomerRef::kCustomerId: {
      if (ref.customer_id().empty() || ref.customer_id().size() > 64) {
        return fail(absl::InvalidArgumentError("must be a customer id such as C-0123456789abcdef"),
                    field + ".customer_id");
      }
      resolved.customer = resolved.index->FindById(ref.customer_id());
      if (!resolved.customer) {
        return fail(absl::NotFoundError(absl::StrCat("no customer has id ", ref.customer_id())),
                    field + ".customer_id");
      }
      return resolved;
    }
    case omnihub::v1::CustomerRef::kIdentifier: {
      auto normalized = normalizer_.Normalize(ref.identifier());
      if (!normalized.ok()) {
        std::string subfield =
            ref.identifier().type() == omnihub::v1::IDENTIFIER_TYPE_UNSPECIFIED
                ? field + ".identifier.type"
            : ref.identifier().type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
                    ref.identifier().system().empty()
                ? field + ".identifier.system"
                : field + ".identifier.value";
        return fail(normalized.status(), subfield);
      }
      auto found = resolved.index->Find(*normalized);
      if (found.empty()) {
        return fail(absl::NotFoundError(absl::StrCat("no customer is known by ",
                                                     IdentifierNormalizer::Key(*normalized))),
                    field + ".identifier");
      }
      if (found.size() > 1) {
        return fail(absl::FailedPreconditionError(absl::StrCat(
                        IdentifierNormalizer::Key(*normalized), " is shared by ", found.size(),
                        " customers; use SearchCustomers and choose one by customer id")),
                    field + ".identifier");
      }
      resolved.customer = found.front();
      return resolved;
    }
    default:
      return fail(absl::InvalidArgumentError("is required: set customer_id or identifier"), field);
  }
}

}  // namespace omnihub::hub
