#include "adapters/http/client.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/http/verb.hpp>
#include <cctype>

#include "absl/status/status.h"
#include "adapters/http/backoff.h"
#include "adapters/http/gzip.h"

namespace omnihub::http {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using SteadyClock = std::chrono::steady_clock;

namespace {

bool HasLineBreak(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

Response ToResponse(BeastResponse message) {
  Response response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  return response;
}

// Decodes a gzip body in place (Content-Encoding removed, Content-Length updated).
absl::Status DecodeBody(Response& response, std::size_t max_body_bytes) {
  const auto encoding = response.Header("Content-Encoding");
  if (!encoding) return absl::OkStatus();
  const std::string name = Lower(*encoding);
  if (name != "gzip" && name != "x-gzip") return absl::OkStatus();
  auto decoded = Gunzip(response.body, max_body_bytes);
  if (!decoded.ok()) return decoded.status();
  response.body = std::move(*decoded);
  std::erase_if(response.headers, [](const auto& header) {
    const std::string key = Lower(header.first);
    return key == "content-encoding" || key == "content-length";
  });
  response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
  return absl::OkStatus();
}

}  // namespace

// One Send(): its attempts, timers and the connection in use. Lives on the client's strand.
class HttpClient::Call : public std::enable_shared_from_this<Call> {
 public:
  Call(std::shared_ptr<HttpClient> client, std::shared_ptr<const BeastRequest> request, bool head,
       bool idempotent, std::shared_ptr<sdk::CallContext> context, Callback callback)
      : client_(std::move(client)),
        request_(std::move(request)),
        head_(head),
        idempotent_(idempotent),
        context_(std::move(context)),
        callback_(std::move(callback)),
        deadline_timer_(client_->strand_),
        backoff_timer_(client_->strand_) {}

  void Start() {
    client_->budget_.RecordRequest(SteadyClock::now());
    deadline_timer_.expires_at(context_->deadline());
    deadline_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      self->Finish(absl::DeadlineExceededError("deadline exceeded while " + self->phase_ + " " +
                                               self->client_->url_.host_header));
    });
    context_->OnCancel([weak = weak_from_this(), strand = client_->strand_] {
      asio::post(strand, [weak] {
        if (auto self = weak.lock()) {
          self->Finish(absl::CancelledError("request to " + self->client_->url_.host_header +
                                            " cancelled while " + self->phase_));
        }
      });
    });
    Attempt();
  }

 private:
  void Attempt() {
    if (finished_) return;
    phase_ = "waiting for a connection to";
    client_->pool_.Acquire([self = shared_from_this()](std::shared_ptr<Connection> connection) {
      self->OnConnection(std::move(connection));
    });
  }

  void OnConnection(std::shared_ptr<Connection> connection) {
    if (finished_) return client_->pool_.Release(std::move(connection));
    connection_ = std::move(connection);
    if (connection_->connected()) return Exchange(/*reused=*/true);
    phase_ = "connecting to";
    connection_->AsyncConnect(
        client_->options_.connect_timeout,
        [self = shared_from_this()](absl::Status status) { self->OnConnected(std::move(status)); });
  }

  void OnConnected(absl::Status status) {
    if (finished_ || !status.ok()) {
      const bool permanent = connection_->verification_failed();
      ReleaseConnection();
      if (finished_) return;
      // Nothing was sent: safe to retry any request, unless the certificate is not trusted.
      return OnFailure(std::move(status), /*retryable=*/!permanent);
    }
    Exchange(/*reused=*/false);
  }

  void Exchange(bool reused) {
    phase_ = "waiting for the response from";
    connection_->AsyncExchange(
        request_, head_,
        [self = shared_from_this(), reused](absl::StatusOr<BeastResponse> result, bool nothing) {
          self->ReleaseConnection();
          if (self->finished_) return;
          if (!result.ok()) {
            if (reused && nothing && self->idempotent_ && !self->stale_retry_used_) {
              // The server closed the idle connection; so probably the other idle ones too.
              self->stale_retry_used_ = true;
              self->client_->pool_.CloseIdle();
              return self->Attempt();
            }
            const bool retryable =
                self->idempotent_ && result.status().code() == absl::StatusCode::kUnavailable;
            return self->OnFailure(result.status(), retryable);
          }
          self->OnResponse(ToResponse(std::move(*result)));
        });
  }

  void ReleaseConnection() {
    if (connection_) client_->pool_.Release(std::move(connection_));
    connection_.reset();
  }

  void OnFailure(absl::Status status, bool retryable) {
    if (context_->expired()) {
      return Finish(absl::DeadlineExceededError("deadline exceeded while " + phase_ + " " +
                                                client_->url_.host_header + ": " +
                                                std::string(status.message())));
    }
    if (!retryable) return Finish(std::move(status));
    Retry(BackoffDelay(client_->options_.retry, attempts_, client_->rng_), std::move(status));
  }

  void OnResponse(Response response) {
    if (absl::Status decoded = DecodeBody(response, client_->options_.limits.max_body_bytes);
        !decoded.ok()) {
      return Finish(std::move(decoded));
    }
    const int status = response.status;
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      if (status == 429 || status == 503) {
        if (auto header = response.Header("Retry-After")) {
          if (auto delay = ParseRetryAfter(*header)) return Retry(*delay, std::move(response));
        }
      }
      if (idempotent_) {
        auto delay = BackoffDelay(client_->options_.retry, attempts_, client_->rng_);
        return Retry(delay, std::move(response));
      }
    }
    Finish(std::move(response));
  }

  // Retries after `delay` if attempts, the deadline and the budget allow; else returns `last`.
  void Retry(SteadyClock::duration delay, absl::StatusOr<Response> last) {
    const auto now = SteadyClock::now();
    if (attempts_ >= client_->options_.retry.max_attempts || now + delay >= context_->deadline() ||
        !client_->budget_.TryRetry(now)) {
      return Finish(std::move(last));
    }
    ++attempts_;
    phase_ = "backing off before retrying";
    backoff_timer_.expires_after(delay);
    backoff_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (!ec) self->Attempt();
    });
  }

  void Finish(absl::StatusOr<Response> result) {
    if (finished_) return;
    finished_ = true;
    deadline_timer_.cancel();
    backoff_timer_.cancel();
    // A pending operation completes with an error and releases the connection (not reused).
    if (connection_) connection_->Close();
    auto callback = std::move(callback_);
    callback(std::move(result));
  }

  std::shared_ptr<HttpClient> client_;
  std::shared_ptr<const BeastRequest> request_;
  const bool head_;
  const bool idempotent_;
  std::shared_ptr<sdk::CallContext> context_;
  Callback callback_;
  asio::steady_timer deadline_timer_;
  asio::steady_timer backoff_timer_;
  std::shared_ptr<Connection> connection_;
  int attempts_ = 1;
  bool stale_retry_used_ = false;
  bool finished_ = false;
  std::string phase_ = "starting";
};

absl::StatusOr<std::shared_ptr<HttpClient>> HttpClient::Create(asio::any_io_executor executor,
                                                               HttpClientOptions options) {
  auto url = BaseUrl::Parse(options.base_url);
  if (!url.ok()) return url.status();
  std::unique_ptr<asio::ssl::context> tls;
  if (url->tls) {
    tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    tls->set_default_verify_paths(ec);
    if (!options.tls.ca_file.empty()) {
      tls->load_verify_file(options.tls.ca_file, ec);
      if (ec) {
        return absl::InvalidArgumentError("cannot load CA file " + options.tls.ca_file + ": " +
                                          ec.message());
      }
    }
    if (!options.tls.ca_pem.empty()) {
      tls->add_certificate_authority(asio::buffer(options.tls.ca_pem), ec);
      if (ec) return absl::InvalidArgumentError("cannot load CA certificate: " + ec.message());
    }
  }
  if (options.retry.max_attempts < 1) options.retry.max_attempts = 1;
  return std::shared_ptr<HttpClient>(
      new HttpClient(std::move(executor), std::move(options), *std::move(url), std::move(tls)));
}

HttpClient::HttpClient(asio::any_io_executor executor, HttpClientOptions options, BaseUrl url,
                       std::unique_ptr<asio::ssl::context> tls)
    : options_(std::move(options)),
      url_(std::move(url)),
      strand_(asio::make_strand(std::move(executor))),
      tls_(std::move(tls)),
      pool_(strand_, options_.pool,
            [this] {
              return std::make_shared<Connection>(strand_, url_, tls_.get(), options_.tls,
                                                  options_.limits);
            }),
      budget_(options_.retry.budget_ratio, options_.retry.budget_min_retries,
              options_.retry.budget_window),
      rng_(std::random_device{}()) {}

HttpClient::~HttpClient() = default;

void HttpClient::Send(Request request, std::shared_ptr<sdk::CallContext> context,
                      Callback callback) {
  auto fail = [&](std::string message) {
    asio::post(strand_, [callback = std::move(callback), message = std::move(message)] {
      callback(absl::InvalidArgumentError(message));
    });
  };
  const bhttp::verb verb = bhttp::string_to_verb(request.method);
  if (verb == bhttp::verb::unknown) return fail("unknown HTTP method: " + request.method);
  if (request.target.empty() || request.target.front() != '/' || HasLineBreak(request.target)) {
    return fail("request target must start with '/' and hold no line break: " + request.target);
  }
  auto message = std::make_shared<BeastRequest>(verb, url_.path + request.target, 11);
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || HasLineBreak(name) || HasLineBreak(value)) {
      return fail("bad request header: " + name);
    }
    message->insert(name, value);
  }
  auto set_default = [&](bhttp::field field, const std::string& value) {
    if (message->find(field) == message->end()) message->set(field, value);
  };
  set_default(bhttp::field::host, url_.host_header);
  set_default(bhttp::field::user_agent, options_.user_agent);
  if (options_.accept_gzip) set_default(bhttp::field::accept_encoding, "gzip");
  message->keep_alive(true);
  message->body() = std::move(request.body);
  message->prepare_payload();

  auto call =
      std::make_shared<Call>(shared_from_this(), std::move(message), verb == bhttp::verb::head,
                             request.IsIdempotent(), std::move(context), std::move(callback));
  asio::post(strand_, [call] { call->Start(); });
}

}  // namespace omnihub::http
