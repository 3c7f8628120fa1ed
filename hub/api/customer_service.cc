#include "hub/api/customer_service.h"

#include <grpcpp/support/proto_buffer_reader.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "hub/aggregate/search_matches.h"
#include "hub/api/fan_out_reactor.h"
#include "hub/api/page_token.h"
#include "hub/api/request_checks.h"

namespace omnihub::hub {
namespace {

// The most matches a search pages through.
constexpr size_t kMaxMatches = 1000;

// The most hits asked of each searching backend.
constexpr int kBackendSearchLimit = 100;

}  // namespace

grpc::ServerUnaryReactor* CustomerService::GetCustomer(
    grpc::CallbackServerContext* call, const omnihub::v1::GetCustomerRequest* request,
    omnihub::v1::GetCustomerResponse* response) {
  FanOutRequest fan_out{{omnihub::v1::SECTION_PROFILE}, context_.recent_limit, ""};
  return ResolveAndFanOut(context_, call, request->customer(), "customer", fan_out,
                          [this, response](const ResolvedCustomer& resolved,
                                           const std::vector<SourceOutcome>& outcomes) {
                            if (auto status = AnySourceAnswered(outcomes); !status.ok())
                              return ToGrpcStatus(status);
                            *response->mutable_customer() =
                                context_.merger.Profile(*resolved.customer, outcomes);
                            for (auto& status : Merger::Statuses(outcomes))
                              *response->add_sources() = std::move(status);
                            return grpc::Status::OK;
                          });
}

grpc::ServerUnaryReactor* CustomerService::GetCustomer360(grpc::CallbackServerContext* call,
                                                          const grpc::ByteBuffer* request_bytes,
                                                          grpc::ByteBuffer* response) {
  omnihub::v1::GetCustomer360Request request;
  grpc::ByteBuffer input(*request_bytes);  // shares the slices; Deserialize consumes its argument
  if (!grpc::SerializationTraits<omnihub::v1::GetCustomer360Request>::Deserialize(&input, &request)
           .ok()) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(ToGrpcStatus(absl::InvalidArgumentError(
        "the request is not a valid omnihub.v1.GetCustomer360Request message")));
    return reactor;
  }
  if (request.recent_limit() < 0 || request.recent_limit() > 100) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(InvalidRequest(
        {{"recent_limit",
          absl::StrCat("must be between 0 and 100 (0 = default), got ", request.recent_limit())}}));
    return reactor;
  }
  const int limit = request.recent_limit() == 0 ? context_.recent_limit : request.recent_limit();

  // A kept answer: sent as it is.
  uint64_t generation = 0;
  if (context_.cache != nullptr) {
    ResolveError error;
    if (auto resolved = context_.directory.Resolve(request.customer(), "customer", &error);
        resolved.ok()) {
      const std::string& id = resolved->customer->customer_id;
      generation = context_.cache->ReplyGeneration(id);
      if (auto bytes = context_.cache->FindReply(id, limit)) {
        grpc::ByteBuffer kept(&*bytes, 1);
        response->Swap(&kept);
        auto* reactor = call->DefaultReactor();
        reactor->Finish(grpc::Status::OK);
        return reactor;
      }
    }  // resolution errors are reported by ResolveAndFanOut below
  }

  FanOutRequest fan_out{
      {omnihub::v1::SECTION_PROFILE, omnihub::v1::SECTION_ORDERS, omnihub::v1::SECTION_CONTACTS,
       omnihub::v1::SECTION_PAYMENTS, omnihub::v1::SECTION_LOYALTY, omnihub::v1::SECTION_CASES},
      limit,
      ""};
  return ResolveAndFanOut(
      context_, call, request.customer(), "customer", fan_out,
      [this, response, limit, generation](const ResolvedCustomer& resolved,
                                          const std::vector<SourceOutcome>& outcomes) {
        if (auto status = AnySourceAnswered(outcomes); !status.ok()) return ToGrpcStatus(status);
        const auto view =
            context_.merger.Customer360(*resolved.customer, outcomes, static_cast<size_t>(limit));
        grpc::Slice bytes(view.SerializeAsString());
        if (context_.cache != nullptr) {
          context_.cache->KeepReply(resolved.customer->customer_id, limit, generation, outcomes,
                                    bytes);
        }
        grpc::ByteBuffer answer(&bytes, 1);
        response->Swap(&answer);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* CustomerService::SearchCustomers(
    grpc::CallbackServerContext* call, const omnihub::v1::SearchCustomersRequest* request,
    omnihub::v1::SearchCustomersResponse* response) {
  std::vector<FieldViolation> violations;
  std::string query;
  if (request->has_name()) {
    CheckText(request->name().name(), "name.name", 200, true, violations);
    CheckText(request->name().postal_code(), "name.postal_code", 16, true, violations);
    query = absl::StrCat("name|", request->name().name(), "|", request->name().postal_code());
  } else if (request->has_identifier()) {
    query = absl::StrCat("id|", request->identifier().type(), "|", request->identifier().system(),
                         "|", request->identifier().value());
  } else {
    violations.push_back({"query", "is required: set identifier or name"});
  }
  const PageWindow page = CheckPage(request->page_size(), request->page_token(), query,
                                    context_.recent_limit, kMaxMatches, "matches", violations);
  if (!violations.empty()) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }

  if (request->has_name()) return SearchByName(call, request->name(), page, query, response);

  auto snapshot = context_.directory.snapshot();
  auto* reactor = call->DefaultReactor();
  std::vector<omnihub::v1::CustomerMatch> matches;
  auto normalized = context_.directory.normalizer().Normalize(request->identifier());
  if (!normalized.ok()) {
    reactor->Finish(ToGrpcStatus(normalized.status(), "", "identifier.value"));
    return reactor;
  }
  for (const auto* customer : snapshot->Find(*normalized)) {
    omnihub::v1::CustomerMatch match;
    *match.mutable_customer() = IndexProfile(*customer);
    match.set_kind(omnihub::v1::MATCH_KIND_EXACT);
    match.set_score(1.0);
    const std::string key = IdentifierNormalizer::Key(*normalized);
    match.add_evidence(absl::StrCat("holds ", key));
    if (auto manual = customer->manual_links.find(key); manual != customer->manual_links.end()) {
      match.add_evidence(manual->second);
    }
    matches.push_back(std::move(match));
  }
  response->set_next_page_token(EmitPage(
      matches, page, query, [&](auto match) { *response->add_matches() = std::move(match); }));
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* CustomerService::SearchByName(
    grpc::CallbackServerContext* call, const omnihub::v1::NameQuery& name, const PageWindow& page,
    const std::string& query, omnihub::v1::SearchCustomersResponse* response) {
  auto snapshot = context_.directory.snapshot();
  auto candidates = snapshot->FindByName(name.name(), name.postal_code(), kMaxMatches);
  // Answers the page from the index's candidates and the backends' outcomes.
  auto answer = [this, snapshot, candidates = std::move(candidates), page, query, response,
                 name = name.name()](std::vector<SearchOutcome> outcomes) {
    auto matches = CombineSearchMatches(*snapshot, context_.directory.normalizer(), name,
                                        candidates, kBackendSearchLimit, outcomes, kMaxMatches);
    std::vector<SourceOutcome> sources;
    for (auto& outcome : outcomes) sources.push_back(std::move(outcome.source));
    for (auto& status : Merger::Statuses(sources)) *response->add_sources() = std::move(status);
    response->set_next_page_token(EmitPage(
        matches, page, query, [&](auto match) { *response->add_matches() = std::move(match); }));
  };

  auto backend = context_.search == nullptr || context_.search->empty()
                     ? std::nullopt
                     : BackendSearchRequest(name.name(), name.postal_code(), kBackendSearchLimit);
  if (!backend) {
    auto* reactor = call->DefaultReactor();
    answer({});
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  // The backends answer on their own threads; the gRPC thread returns at once.
  auto* reactor = new FanOutReactor();
  auto handle = context_.search->Prepare(
      *backend, context_.deadlines.For(*call),
      [reactor, answer = std::move(answer)](std::vector<SearchOutcome> outcomes) {
        for (const auto& outcome : outcomes) {
          if (outcome.source.status.code() == absl::StatusCode::kCancelled) {
            reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the client"));
            return;
          }
        }
        answer(std::move(outcomes));
        reactor->Finish(grpc::Status::OK);
      });
  reactor->Attach(handle);
  handle->Start();
  return reactor;
}

namespace {

// Control characters (line breaks included) would let a value forge lines of the audit trail.
bool HasControlCharacter(const std::string& text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Checks a link/unlink request (both carry the same fields) and builds its event, the identifier
// normalised; `violations` collects what is wrong.
template <typename Request>
ManualLinkEvent LinkEvent(const Request& request, ManualLinkAction action,
                          const IdentifierNormalizer& normalizer,
                          std::vector<FieldViolation>& violations) {
  CheckText(request.customer_id(), "customer_id", 64, true, violations);
  CheckText(request.agent_id(), "agent_id", 64, true, violations);
  CheckText(request.reason(), "reason", 500, true, violations);
  if (HasControlCharacter(request.customer_id())) {
    violations.push_back({"customer_id", "must be a customer id such as C-0123456789abcdef"});
  }
  if (HasControlCharacter(request.agent_id())) {
    violations.push_back({"agent_id", "must not contain control characters or line breaks"});
  }
  if (HasControlCharacter(request.reason())) {
    violations.push_back({"reason", "must be one line without control characters"});
  }
  if (!request.reason().empty() && absl::StripAsciiWhitespace(request.reason()).empty()) {
    violations.push_back({"reason", "is required: say why the identifier is (un)linked"});
  }
  ManualLinkEvent event;
  event.action = action;
  event.customer_id = request.customer_id();
  event.agent_id = request.agent_id();
  event.reason = request.reason();
  if (!request.has_identifier()) {
    violations.push_back({"identifier", "is required"});
    return event;
  }
  auto normalized = normalizer.Normalize(request.identifier());
  if (!normalized.ok()) {
    const auto& identifier = request.identifier();
    const char* field = identifier.type() == omnihub::v1::IDENTIFIER_TYPE_UNSPECIFIED
                            ? "identifier.type"
                        : identifier.type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
                                identifier.system().empty()
                            ? "identifier.system"
                            : "identifier.value";
    violations.push_back({field, std::string(normalized.status().message())});
    return event;
  }
  event.identifier = *std::move(normalized);
  return event;
}

// The shared body of LinkIdentifier and UnlinkIdentifier.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* ChangeLink(const ApiContext& context, grpc::CallbackServerContext* call,
                                     const Request& request, Response* response,
                                     ManualLinkAction action) {
  auto* reactor = call->DefaultReactor();
  std::vector<FieldViolation> violations;
  ManualLinkEvent event = LinkEvent(request, action, context.directory.normalizer(), violations);
  if (!violations.empty()) {
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }
  if (context.linker == nullptr) {
    reactor->Finish(ToGrpcStatus(absl::FailedPreconditionError(
        "this hub has no store for agents' identity links (see <store> in hubd.xml)")));
    return reactor;
  }
  // The store is written on its own threads; the answer comes from there.
  context.linker->Submit(
      std::move(event), context.deadlines.For(*call),
      [reactor, response](absl::StatusOr<ResolvedCustomer> changed) {
        if (!changed.ok()) {
          const auto code = changed.status().code();
          reactor->Finish(ToGrpcStatus(
              changed.status(), code == absl::StatusCode::kNotFound
                                    ? "CUSTOMER_OR_IDENTIFIER_NOT_FOUND"
                                : code == absl::StatusCode::kFailedPrecondition ? "LINK_REFUSED"
                                                                                : ""));
          return;
        }
        *response->mutable_customer() = IndexProfile(*changed->customer);
        reactor->Finish(grpc::Status::OK);
      });
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* CustomerService::LinkIdentifier(
    grpc::CallbackServerContext* call, const omnihub::v1::LinkIdentifierRequest* request,
    omnihub::v1::LinkIdentifierResponse* response) {
  return ChangeLink(context_, call, *request, response, ManualLinkAction::kLink);
}

grpc::ServerUnaryReactor* CustomerService::UnlinkIdentifier(
    grpc::CallbackServerContext* call, const omnihub::v1::UnlinkIdentifierRequest* request,
    omnihub::v1::UnlinkIdentifierResponse* response) {
  return ChangeLink(context_, call, *request, response, ManualLinkAction::kUnlink);
}

}  // namespace omnihub::hub
