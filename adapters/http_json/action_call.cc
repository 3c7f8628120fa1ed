#include "adapters/http_json/action_call.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/http_json/response_status.h"

namespace omnihub::http_json {

void SendWrite(std::shared_ptr<const Backend> backend,
               const mapping::engine::CompiledOperation& operation,
               std::map<std::string, std::string> params, const std::string& idempotency_key,
               std::shared_ptr<sdk::CallContext> context, WriteDone done) {
  const std::string where = absl::StrCat(backend->system, " ", operation.name, ": ");
  auto rendered = operation.request.Render(params);
  absl::StatusOr<std::string> body = std::string();
  if (rendered.ok() && !operation.json_body.empty()) body = operation.json_body.Render(params);
  if (!rendered.ok() || !body.ok()) {
    const absl::Status& bad = !rendered.ok() ? rendered.status() : body.status();
    done(absl::InvalidArgumentError(absl::StrCat(where, bad.message())));
    return;
  }
  http::Request request;
  request.method = rendered->method;
  request.target = std::move(rendered->target);
  request.headers = backend->credential_headers;
  request.headers.emplace_back("Accept", "application/json");
  if (!operation.json_body.empty()) {
    request.body = *std::move(body);
    request.headers.emplace_back("Content-Type", operation.json_body.content_type());
  }
  const bool keyed = !idempotency_key.empty() && !operation.idempotency_header.empty();
  if (keyed) request.headers.emplace_back(operation.idempotency_header, idempotency_key);
  request.idempotent = keyed;
  const auto deadline =
      std::min(context->deadline(), sdk::Clock::now() + backend->paging.request_timeout);
  auto bounded = std::make_shared<sdk::CallContext>(deadline);
  context->OnCancel([weak = std::weak_ptr<sdk::CallContext>(bounded)] {
    if (auto c = weak.lock()) c->Cancel();
  });
  backend->client->Send(
      std::move(request), std::move(bounded),
      [backend, name = operation.name, keyed, where,
       done = std::move(done)](absl::StatusOr<http::Response> response) {
        if (!response.ok()) {
          done(absl::Status(response.status().code(),
                            absl::StrCat(where, response.status().message())));
          return;
        }
        if (auto status = StatusOfWriteResponse(backend->system, name, *response, keyed);
            !status.ok()) {
          done(status);
          return;
        }
        WriteAnswer answer;
        const auto replayed = response->Header("Idempotent-Replayed");
        answer.replayed = replayed && absl::EqualsIgnoreCase(*replayed, "true");
        answer.body = std::move(response->body);
        done(std::move(answer));
      });
}

}  // namespace omnihub::http_json
