#include "adapters/http_json/backend.h"

#include "absl/strings/str_cat.h"
#include "adapters/http_json/response_status.h"

namespace omnihub::http_json {
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
               std::map<std::string, std::string> params, int max_pages,
               std::shared_ptr<sdk::CallContext> context, PageHandler on_page, OperationDone done)
      : backend_(std::move(backend)),
        operation_(operation),
        params_(std::move(params)),
        pages_left_(max_pages),
        context_(std::move(context)),
        on_page_(std::move(on_page)),
        done_(std::move(done)) {}

  void Next() {
    auto rendered = operation_.request.Render(params_);
    if (!rendered.ok()) {
      done_(absl::InvalidArgumentError(absl::StrCat(backend_->system, " ", operation_.name, ": ",
                                                    rendered.status().message())),
            "");
      return;
    }
    http::Request request;
    request.method = rendered->method;
    request.target = std::move(rendered->target);
    request.headers = backend_->credential_headers;
    request.headers.emplace_back("Accept", "application/json");
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
    if (auto status = StatusOfResponse(backend_->system, operation_.name, *response);
        !status.ok()) {
      done_(status, "");
      return;
    }
    auto more = on_page_(response->body);
    if (!more.ok()) {
      done_(more.status(), "");
      return;
    }
    std::string next = NextCursor(*response, backend_->paging.cursor_param).value_or("");
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
  std::shared_ptr<sdk::CallContext> context_;
  PageHandler on_page_;
  OperationDone done_;
};

}  // namespace

void RunOperation(std::shared_ptr<const Backend> backend,
                  const mapping::engine::CompiledOperation& operation,
                  std::map<std::string, std::string> params, int max_pages,
                  std::shared_ptr<sdk::CallContext> context, PageHandler on_page,
                  OperationDone done) {
  auto run = std::make_shared<OperationRun>(std::move(backend), operation, std::move(params),
                                            std::max(max_pages, 1), std::move(context),
                                            std::move(on_page), std::move(done));
  run->Next();
}

}  // namespace omnihub::http_json
