#include "hub/admin/admin_server.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <future>
#include <mutex>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "hub/admin/admin_session.h"

namespace omnihub::hub {
using boost::asio::ip::tcp;
namespace {

constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr std::chrono::seconds kStopWait{2};

}  // namespace

// Accepts connections and keeps track of the live ones so Stop() can close them. Shared with the
// pending accept and with every session (through their close callbacks), so it outlives the
// AdminServer until the last of them is gone. The acceptor is used on its strand only, except in
// Bind (before any asynchronous work).
class AdminListener : public std::enable_shared_from_this<AdminListener> {
 public:
  AdminListener(boost::asio::io_context& io, std::shared_ptr<const AdminRoutes> routes,
                AdminServer::Options options)
      : io_(io),
        strand_(boost::asio::make_strand(io)),
        acceptor_(strand_),
        retry_timer_(strand_),
        routes_(std::move(routes)),
        options_(options) {}

  absl::StatusOr<uint16_t> Bind(const ListenAddress& address) {
    boost::system::error_code error;
    const std::string host = address.host == "localhost" ? "127.0.0.1" : address.host;
    const auto ip = boost::asio::ip::make_address(host, error);
    if (error) {
      return absl::InvalidArgumentError(absl::StrCat("cannot listen on ", address.ToString(), ": '",
                                                     address.host, "' is not an IP address"));
    }
    const tcp::endpoint endpoint(ip, address.port);
    auto fail = [&](const boost::system::error_code& why) {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", address.ToString(), ": ", why.message()));
    };
    if (acceptor_.open(endpoint.protocol(), error); error) return fail(error);
    if (acceptor_.set_option(tcp::acceptor::reuse_address(true), error); error) return fail(error);
    if (acceptor_.bind(endpoint, error); error) return fail(error);
    if (acceptor_.listen(tcp::acceptor::max_listen_connections, error); error) return fail(error);
    const auto local = acceptor_.local_endpoint(error);
    if (error) return fail(error);
    return local.port();
  }

  void StartAccepting() {
    boost::asio::post(strand_, [self = shared_from_this()] { self->Accept(); });
  }

  // Returns a future that is ready once the acceptor is closed and every session told to close.
  std::future<void> Stop() {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> future = done->get_future();
    boost::asio::post(strand_, [self = shared_from_this(), done] {
      self->CloseAll();
      done->set_value();
    });
    return future;
  }

  // For when the io_context no longer runs: nothing else can touch the sockets.
  void StopNow() { CloseAll(); }

 private:
  void CloseAll() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
    std::vector<std::shared_ptr<AdminSession>> live;
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      for (auto& [id, weak] : sessions_) {
        if (auto session = weak.lock()) live.push_back(std::move(session));
      }
    }
    for (auto& session : live) session->Close();
  }

  void Accept() {
    if (!acceptor_.is_open()) return;
    acceptor_.async_accept(
        boost::asio::make_strand(io_),
        [self = shared_from_this()](boost::system::error_code error, tcp::socket socket) {
          self->OnAccept(error, std::move(socket));
        });
  }

  void OnAccept(boost::system::error_code error, tcp::socket socket) {
    if (error == boost::asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (error) {
      // E.g. out of file descriptors: back off instead of spinning.
      retry_timer_.expires_after(kAcceptRetryDelay);
      retry_timer_.async_wait([self = shared_from_this()](boost::system::error_code wait_error) {
        if (!wait_error) self->Accept();
      });
      return;
    }
    std::shared_ptr<AdminSession> session;
    {
      std::lock_guard lock(mutex_);
      if (!stopped_ && sessions_.size() < options_.max_connections) {
        const uint64_t id = next_id_++;
        session =
            std::make_shared<AdminSession>(std::move(socket), routes_, options_,
                                           [self = shared_from_this(), id] { self->Forget(id); });
        sessions_.emplace(id, session);
      }
    }
    if (session) {
      session->Start();
    } else {
      boost::system::error_code ignored;
      socket.close(ignored);  // over the connection cap
    }
    Accept();
  }

  void Forget(uint64_t id) {
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
  }

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  const std::shared_ptr<const AdminRoutes> routes_;
  const AdminServer::Options options_;

  std::mutex mutex_;
  bool stopped_ = false;                                                // guarded by mutex_
  uint64_t next_id_ = 0;                                                // guarded by mutex_
  std::unordered_map<uint64_t, std::weak_ptr<AdminSession>> sessions_;  // guarded by mutex_
};

AdminServer::AdminServer(boost::asio::io_context& io, ListenAddress address)
    : AdminServer(io, std::move(address), Options{}) {}

AdminServer::AdminServer(boost::asio::io_context& io, ListenAddress address, Options options)
    : io_(io), address_(std::move(address)), options_(options) {}

AdminServer::~AdminServer() { Stop(); }

void AdminServer::Handle(std::string path, Handler handler) {
  if (listener_) return;
  routes_[std::move(path)] = std::move(handler);
}

absl::Status AdminServer::Start() {
  if (listener_) return absl::FailedPreconditionError("the admin server is already started");
  auto listener =
      std::make_shared<AdminListener>(io_, std::make_shared<const AdminRoutes>(routes_), options_);
  auto port = listener->Bind(address_);
  if (!port.ok()) return port.status();
  port_ = *port;
  listener_ = std::move(listener);
  listener_->StartAccepting();
  return absl::OkStatus();
}

void AdminServer::Stop() {
  if (!listener_) return;
  std::shared_ptr<AdminListener> listener = std::move(listener_);
  listener_.reset();
  if (io_.stopped()) {
    listener->StopNow();
    return;
  }
  std::future<void> done = listener->Stop();
  if (!io_.get_executor().running_in_this_thread()) done.wait_for(kStopWait);
}

}  // namespace omnihub::hub
