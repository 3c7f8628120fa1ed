#include "adapters/odbc/connector/odbc_adapter.h"

#include <boost/asio/steady_timer.hpp>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "adapters/odbc/call_canceller.h"
#include "adapters/odbc/connector/note_writer.h"
#include "adapters/odbc/connector/request_checks.h"
#include "adapters/odbc/connector/sql_runner.h"

namespace omnihub::odbc {
namespace {

namespace v1 = omnihub::v1;
using mapping::engine::CompiledOperation;

bool Wants(const sdk::FetchRequest& request, v1::Section section) {
  for (auto wanted : request.sections) {
    if (wanted == section) return true;
  }
  return false;
}

// Calls a callback at most once, whichever of the work, the deadline timer or cancellation
// answers first.
template <typename Result>
class Once {
 public:
  explicit Once(std::function<void(Result)> done) : done_(std::move(done)) {}
  // False when an earlier call already answered (`result` is dropped).
  bool Call(Result result) {
    std::function<void(Result)> done;
    {
      std::lock_guard lock(mutex_);
      if (!done_) return false;
      done.swap(done_);
    }
    done(std::move(result));
    return true;
  }

 private:
  std::mutex mutex_;
  std::function<void(Result)> done_;
};

// Cancels the statement `canceller`'s call runs, from the backend's canceller thread (never
// blocks the caller: SQLCancel may wait on the network).
std::function<void()> CancelLater(const std::shared_ptr<OdbcBackend>& backend,
                                  std::shared_ptr<CallCanceller> canceller) {
  return [cancel_thread = backend->cancel_thread, canceller = std::move(canceller)] {
    if (!cancel_thread) return canceller->Cancel();
    cancel_thread
        ->Submit(Clock::time_point::max(), [canceller](absl::Status) { canceller->Cancel(); })
        .IgnoreError();  // a full queue: the statement still ends at its query timeout
  };
}

template <typename Result>
using Work = std::function<Result(OdbcBackend&, Clock::time_point, CallCanceller&)>;

// Runs `work` on the backend's database threads under `context`, answering through `done` once.
// At the deadline or on cancellation the caller is answered at once and the running statement is
// cancelled.
template <typename Result>
void Dispatch(const std::shared_ptr<OdbcBackend>& backend,
              const std::shared_ptr<sdk::CallContext>& context, std::function<void(Result)> done,
              Work<Result> work) {
  auto once = std::make_shared<Once<Result>>(std::move(done));
  if (context->cancelled()) {
    once->Call(absl::CancelledError(backend->system + ": the call was cancelled"));
    return;
  }
  const Clock::time_point deadline =
      std::min(context->deadline(), Clock::now() + backend->request_timeout);
  auto canceller = std::make_shared<CallCanceller>();
  auto cancel = CancelLater(backend, canceller);
  if (backend->io) {
    auto timer = std::make_shared<boost::asio::steady_timer>(backend->io, deadline);
    timer->async_wait(
        [timer, once, cancel, system = backend->system](const boost::system::error_code& error) {
          if (error == boost::asio::error::operation_aborted) return;
          // Cancel only work still running (the timer outlives calls that answered in time).
          if (once->Call(
                  absl::DeadlineExceededError(system + ": the database did not answer in time"))) {
            cancel();
          }
        });
    context->OnCancel([timer] { timer->cancel(); });
  }
  context->OnCancel([once, cancel, system = backend->system] {
    if (once->Call(absl::CancelledError(system + ": cancelled"))) cancel();
  });
  auto submitted = backend->executor->Submit(
      deadline, [backend, once, canceller, deadline, work = std::move(work)](absl::Status status) {
        if (!status.ok()) {
          once->Call(
              absl::Status(status.code(), absl::StrCat(backend->system, ": ", status.message())));
          return;
        }
        once->Call(work(*backend, deadline, *canceller));
      });
  if (!submitted.ok()) {
    once->Call(
        absl::Status(submitted.code(), absl::StrCat(backend->system, ": ", submitted.message())));
  }
}

absl::Status MapError(const OdbcBackend& backend, std::string_view operation,
                      const absl::Status& status) {
  return absl::DataLossError(absl::StrCat(backend.system, " ", Absl(operation),
                                          ": the rows cannot be mapped: ", status.message()));
}

// Everything the mapping holds about one account; false when the account does not exist.
absl::StatusOr<bool> FetchAccount(OdbcBackend& backend, Connection& connection,
                                  const sdk::FetchRequest& request, const std::string& account,
                                  Clock::time_point deadline, sdk::SourceData& data) {
  const auto& mapping = *backend.mapping;
  OperationParams params = {
      {"account_id", account},
      {"customer_id", account},
      {"page_size", std::to_string(std::clamp(request.recent_limit, 1, 1000))}};
  const CompiledOperation* get_customer = mapping.FindOperation("get-customer");
  auto customer_tables =
      RunSqlOperation(connection, *get_customer, backend.dialect, params, deadline);
  if (!customer_tables.ok()) return customer_tables.status();
  if (customer_tables->main.rows.empty()) return false;
  if (Wants(request, v1::SECTION_PROFILE) && !data.profile) {
    auto profile = mapping::engine::MapTableCustomer(*get_customer, *customer_tables);
    if (!profile.ok()) return MapError(backend, "get-customer", profile.status());
    bool linked = false;
    for (const auto& account_link : profile->accounts()) {
      linked = linked ||
               (account_link.system() == backend.system && account_link.account_id() == account);
    }
    if (!linked) {
      auto* link = profile->add_accounts();
      link->set_system(backend.system);
      link->set_account_id(account);
    }
    data.profile = std::move(*profile);
  }
  if (Wants(request, v1::SECTION_ORDERS)) {
    const CompiledOperation* operation = nullptr;
    if (!request.order_number.empty()) {
      operation = mapping.FindOperation("get-order");
      params["order_number"] = request.order_number;
    }
    if (operation == nullptr) operation = mapping.FindOperation("list-orders");
    if (operation != nullptr) {
      auto tables = RunSqlOperation(connection, *operation, backend.dialect, params, deadline);
      if (!tables.ok()) return tables.status();
      if (!tables->main.rows.empty()) {
        auto orders = mapping::engine::MapTableOrders(*operation, *tables);
        if (!orders.ok()) return MapError(backend, operation->name, orders.status());
        for (auto& order : *orders) {
          if (!request.order_number.empty() && order.order_number() != request.order_number) {
            continue;
          }
          if (order.seen_in().empty()) order.add_seen_in(backend.system);
          data.orders.push_back(std::move(order));
        }
      }
    }
  }
  if (Wants(request, v1::SECTION_CONTACTS)) {
    if (const auto* operation = mapping.FindOperation("list-contacts")) {
      auto tables = RunSqlOperation(connection, *operation, backend.dialect, params, deadline);
      if (!tables.ok()) return tables.status();
      if (!tables->main.rows.empty()) {
        auto contacts = mapping::engine::MapTableContacts(*operation, *tables);
        if (!contacts.ok()) return MapError(backend, operation->name, contacts.status());
        for (auto& contact : *contacts) data.contacts.push_back(std::move(contact));
      }
    }
  }
  if (Wants(request, v1::SECTION_LOYALTY) && !data.loyalty) {
    if (const auto* operation = mapping.FindOperation("get-loyalty")) {
      auto tables = RunSqlOperation(connection, *operation, backend.dialect, params, deadline);
      if (!tables.ok()) return tables.status();
      if (!tables->main.rows.empty()) {
        v1::LoyaltySummary loyalty;
        auto mapped = mapping::engine::MapTableRecord(*operation, *tables, loyalty);
        if (!mapped.ok()) return MapError(backend, operation->name, mapped);
        if (loyalty.source_system().empty()) loyalty.set_source_system(backend.system);
        data.loyalty = std::move(loyalty);
      }
    }
  }
  return true;
}

absl::StatusOr<sdk::SourceData> DoFetch(OdbcBackend& backend, const sdk::FetchRequest& request,
                                        Clock::time_point deadline, CallCanceller& canceller) {
  for (const auto& account : request.account_ids) {
    if (auto valid = CheckAccountId(account); !valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(backend.system, ": ", valid.message()));
    }
  }
  return backend.pool->Run<sdk::SourceData>(
      deadline, [&](Connection& connection) -> absl::StatusOr<sdk::SourceData> {
        auto attached = canceller.Attach(connection);
        sdk::SourceData data;
        bool found = false;
        for (const auto& account : request.account_ids) {
          auto held = FetchAccount(backend, connection, request, account, deadline, data);
          if (!held.ok()) return held.status();
          found = found || *held;
        }
        if (!found) {
          return absl::NotFoundError(
              absl::StrCat(backend.system, " holds no customer for the given account ids"));
        }
        return data;
      });
}

absl::StatusOr<sdk::IdentityPage> DoScan(OdbcBackend& backend, const std::string& cursor,
                                         Clock::time_point deadline, CallCanceller& canceller) {
  const CompiledOperation* operation = backend.mapping->FindOperation("list-customers");
  OperationParams params = {{"page_size", std::to_string(backend.scan_page_size)}};
  params["page_token"] = cursor.empty() ? std::nullopt : std::optional<std::string>(cursor);
  auto tables = backend.pool->Run<mapping::engine::TableSet>(deadline, [&](Connection& connection) {
    auto attached = canceller.Attach(connection);
    return RunSqlOperation(connection, *operation, backend.dialect, params, deadline);
  });
  if (!tables.ok()) return tables.status();
  sdk::IdentityPage page;
  if (tables->main.rows.empty()) return page;
  auto customers = mapping::engine::MapTableCustomers(*operation, *tables);
  if (!customers.ok()) return MapError(backend, "list-customers", customers.status());
  for (auto& customer : *customers) {
    sdk::AccountIdentity identity;
    for (auto& identifier : *customer.mutable_identifiers()) {
      if (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
          (identifier.system().empty() || identifier.system() == backend.system)) {
        identity.account_id = identifier.value();
        identifier.set_system(backend.system);
      } else if (identifier.type() != v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER) {
        identifier.clear_system();  // an e-mail belongs to the person, not the system
      }
      identity.identifiers.push_back(identifier);
    }
    if (identity.account_id.empty()) {
      return absl::DataLossError(absl::StrCat(
          backend.system, " list-customers: a customer has no account-number identifier"));
    }
    identity.display_name = customer.display_name();
    identity.postal_code = customer.address().postal_code();
    page.accounts.push_back(std::move(identity));
  }
  if (static_cast<int>(tables->main.rows.size()) >= backend.scan_page_size) {
    page.next_cursor = page.accounts.back().account_id;
  }
  return page;
}

}  // namespace

OdbcAdapter::OdbcAdapter(std::shared_ptr<OdbcBackend> backend) : backend_(std::move(backend)) {
  info_.system = backend_->system;
  info_.type = "odbc";
  const auto& mapping = *backend_->mapping;
  if (mapping.FindOperation("get-customer")) info_.capabilities.Add(sdk::Capability::kProfile);
  if (mapping.FindOperation("list-orders")) info_.capabilities.Add(sdk::Capability::kOrders);
  if (mapping.FindOperation("list-contacts")) info_.capabilities.Add(sdk::Capability::kContacts);
  if (mapping.FindOperation("get-loyalty")) info_.capabilities.Add(sdk::Capability::kLoyalty);
  if (mapping.FindOperation("list-customers")) {
    info_.capabilities.Add(sdk::Capability::kIdentityScan);
  }
  if (mapping.FindOperation("add-note")) info_.capabilities.Add(sdk::Capability::kAddNote);
}

OdbcAdapter::~OdbcAdapter() {
  // Finish the running calls (queued ones are told CANCELLED) while the backend is alive, so no
  // database thread ever holds the last reference to it.
  backend_->executor.reset();
  backend_->cancel_thread.reset();
}

void OdbcAdapter::Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
                        sdk::FetchCallback done) {
  if (request.account_ids.empty()) {
    done(absl::InvalidArgumentError(info_.system + ": a fetch needs at least one account id"));
    return;
  }
  Dispatch<absl::StatusOr<sdk::SourceData>>(
      backend_, context, std::move(done),
      [request](OdbcBackend& backend, Clock::time_point deadline, CallCanceller& canceller) {
        return DoFetch(backend, request, deadline, canceller);
      });
}

void OdbcAdapter::ScanIdentities(const std::string& cursor,
                                 std::shared_ptr<sdk::CallContext> context,
                                 sdk::ScanCallback done) {
  if (!info_.capabilities.Has(sdk::Capability::kIdentityScan)) {
    done(absl::UnimplementedError(info_.system + ": the mapping declares no list-customers"));
    return;
  }
  if (auto valid = CheckAccountId(cursor); !cursor.empty() && !valid.ok()) {
    done(absl::InvalidArgumentError(info_.system +
                                    ": bad scan cursor: " + std::string(valid.message())));
    return;
  }
  Dispatch<absl::StatusOr<sdk::IdentityPage>>(
      backend_, context, std::move(done),
      [cursor](OdbcBackend& backend, Clock::time_point deadline, CallCanceller& canceller) {
        return DoScan(backend, cursor, deadline, canceller);
      });
}

void OdbcAdapter::Act(const sdk::ActionRequest& request, std::shared_ptr<sdk::CallContext> context,
                      sdk::ActCallback done) {
  if (request.kind != sdk::ActionRequest::Kind::kAddNote ||
      !info_.capabilities.Has(sdk::Capability::kAddNote)) {
    done(absl::UnimplementedError(info_.system + ": the mapping declares no such action (only "
                                                 "add-note is supported)"));
    return;
  }
  if (auto valid = CheckAddNote(request); !valid.ok()) {
    done(absl::InvalidArgumentError(absl::StrCat(info_.system, " add-note: ", valid.message())));
    return;
  }
  const auto written_at = backend_->wall_clock();
  Dispatch<absl::StatusOr<sdk::ActionResponse>>(
      backend_, context, std::move(done),
      [request, written_at](OdbcBackend& backend, Clock::time_point deadline,
                            CallCanceller& canceller) {
        return WriteNote(backend, request, written_at, deadline, canceller);
      });
}

}  // namespace omnihub::odbc
