#include "adapters/http_xml/backend.h"

#include "absl/strings/str_cat.h"
#include "adapters/http_json/response_status.h"
#include "adapters/http_xml/response_status.h"

namespace omnihub::http_xml {
namespace {

// A context that ends at the earlier of the parent's deadline and `timeout` from now, and is
// cancelled with the parent.
std::shared_ptr<sdk::CallContext> BoundedContext(const std::shared_ptr<sdk::CallContext>& parent,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::min(parent->deadline(), sdk::Clock::now() + timeout);
  auto child = std::make_shared<sdk::CallContext>(deadline);
  parent->OnCancel([weak = std::weak_ptr<sdk::CallContext>(child)] {
    if (auto context = weak.lock()) context->Cancel();
  });
  return child;
}

class OperationRun : public std::enable_shared_from_this<OperationRun> {
 public:
  OperationRun(std::shared_ptr<const Backend> backend,
               const mapping::engine::CompiledOperation& operation,
               std::map<std::string, std::string> params, int max_pages, bool idempotent,
               std::shared_ptr<sdk::CallContext> context, PageHandler on_page, OperationDone done)
      : backend_(std::move(backend)),
        operation_(operation),
        params_(std::move(params)),
        pages_left_(max_pages),
        idempotent_(idempotent),
        context_(std::move(context)),
        on_page_(std::move(on_page)),
        done_(std::move(done)) {}

  void Next() {
    auto rendered = operation_.request.Render(params_);
    absl::StatusOr<std::string> body = std::string();
    if (rendered.ok() && !operation_.body.empty()) body = operation_.body.Render(params_);
    if (!rendered.ok() || !body.ok()) {
      const absl::Status& bad = !rendered.ok() ? rendered.status() : body.status();
      done_(absl::InvalidArgumentError(
                absl::StrCat(backend_->system, " ", operation_.name, ": ", bad.message())),
            "");
      return;
    }
    http::Request request;
    request.method = rendered->method;
    request.target = std::move(rendered->target);
    request.headers = backend_->credential_headers;
    request.headers.emplace_back("Accept", "application/xml, text/xml");
    if (!operation_.body.empty()) {
      request.body = *std::move(body);
      request.headers.emplace_back("Content-Type", operation_.body.content_type());
    }
    request.idempotent = idempotent_;
    --pages_left_;
    backend_->client->Send(std::move(request),
                           BoundedContext(context_, backend_->paging.request_timeout),
                           [self = shared_from_this()](absl::StatusOr<http::Response> response) {
                             self->OnResponse(std::move(response));
                           });
  }

 private:
  void OnResponse(absl::StatusOr<http::Response> response) {
    if (!response.ok()) {
      done_(absl::Status(response.status().code(),
                         absl::StrCat(backend_->system, " ", operation_.name, ": ",
                                      response.status().message())),
            "");
      return;
    }
    auto answer = ReadAnswer(*backend_->mapping, operation_, *response);
    if (!answer.ok()) {
      done_(answer.status(), "");
      return;
    }
    auto more = on_page_(*answer);
    if (!more.ok()) {
      done_(more.status(), "");
      return;
    }
    std::string next = http_json::NextCursor(*response, backend_->paging.cursor_param).value_or("");
    if (next.empty() || !*more || pages_left_ <= 0 || context_->done()) {
      done_(absl::OkStatus(), std::move(next));
      return;
    }
    if (params_["page_token"] == next) {
      done_(absl::DataLossError(absl::StrCat(backend_->system, " ", operation_.name,
                                             ": the next page has the same cursor")),
            "");
      return;
    }
    params_["page_token"] = std::move(next);
    Next();
  }

  std::shared_ptr<const Backend> backend_;
  const mapping::engine::CompiledOperation& operation_;
  std::map<std::string, std::string> params_;
  int pages_left_;
  const bool idempotent_;
  std::shared_ptr<sdk::CallContext> context_;
  PageHandler on_page_;
  OperationDone done_;
};

}  // namespace

void RunOperation(std::shared_ptr<const Backend> backend,
                  const mapping::engine::CompiledOperation& operation,
                  std::map<std::string, std::string> params, int max_pages, bool idempotent,
                  std::shared_ptr<sdk::CallContext> context, PageHandler on_page,
                  OperationDone done) {
  auto run = std::make_shared<OperationRun>(std::move(backend), operation, std::move(params),
                                            std::max(max_pages, 1), idempotent, std::move(context),
                                            std::move(on_page), std::move(done));
  run->Next();
}

absl::Status CheckReference(const std::string& what, const std::string& value) {
  if (value.empty() || value.size() > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must have 1 to 256 bytes, got ", value.size()));
  }
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(absl::StrCat(what, " must not contain control characters"));
    }
  }
  return absl::OkStatus();
}

}  // namespace omnihub::http_xml
