#include "tools/simulators/ecommerce/api.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "tools/simulators/ecommerce/customer_body.h"
#include "tools/simulators/ecommerce/representation.h"
#include "tools/simulators/http/request_target.h"

namespace omnihub::ecommerce_sim {

using sim_http::Encode;
using sim_http::ParseTarget;
using sim_http::Target;
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteBytes = 5000;
constexpr size_t kMaxReasonBytes = 500;
constexpr size_t kMaxAuthorBytes = 100;
constexpr int64_t kMaxDiscountMinor = 100000;  // £1,000
constexpr size_t kMaxReplays = 100000;

ApiResponse Json(int status, const json& body, Headers headers = {}) {
  ApiResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  response.body = Dump(body);
  return response;
}

ApiResponse Error(int status, const json& errors, Headers headers = {}) {
  return Json(status, json{{"errors", errors}}, std::move(headers));
}

// 400/422 naming the field, as the shop's API does: {"errors": {"limit": ["..."]}}.
ApiResponse FieldError(int status, const std::string& field, const std::string& message) {
  return Error(status, json{{field, json::array({message})}});
}

ApiResponse NotFound() { return Error(404, "Not Found"); }

bool IsCustomerId(std::string_view id) {
  return !id.empty() && id.size() <= 19 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

world::Time Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The Host header if it looks like one, for absolute URLs in Link headers.
std::string Authority(const ApiRequest& request) {
  auto host = request.Header("Host");
  if (!host || host->empty() || host->size() > 255) return "127.0.0.1";
  for (char c : *host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != ':' && c != '-' &&
        c != '[' && c != ']') {
      return "127.0.0.1";
    }
  }
  return *host;
}

// One page of a list: which items, and the cursor of the next page (empty: last page).
struct Page {
  size_t begin = 0;
  size_t end = 0;
  std::string next;
  int limit = 0;
};

std::string Cursor(size_t offset) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  do {
    hex.insert(hex.begin(), kHex[offset & 15]);
    offset >>= 4;
  } while (offset != 0);
  return "c" + hex;
}

// Reads `limit` and `page_info` for a list of `total` items; nullopt + `error` when invalid.
std::optional<Page> Paginate(const Target& target, size_t total, ApiResponse& error) {
  Page page;
  page.limit = ShopApi::kDefaultLimit;
  if (auto it = target.query.find("limit"); it != target.query.end()) {
    const std::string& text = it->second;
    const bool digits =
        !text.empty() && text.size() <= 9 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int value = digits ? std::stoi(text) : 0;
    if (value < 1) {
      error = FieldError(400, "limit", "must be a whole number from 1 to 250");
      return std::nullopt;
    }
    page.limit = std::min(value, ShopApi::kMaxLimit);
  }
  if (auto it = target.query.find("page_info"); it != target.query.end()) {
    const std::string& cursor = it->second;
    bool valid = cursor.size() >= 2 && cursor.size() <= 9 && cursor[0] == 'c';
    size_t offset = 0;
    for (size_t i = 1; valid && i < cursor.size(); ++i) {
      const char c = cursor[i];
      const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) valid = false;
      offset = offset * 16 + static_cast<size_t>(std::max(digit, 0));
    }
    if (!valid || offset == 0 || offset > total) {
      error = FieldError(400, "page_info", "is not a valid cursor for this list");
      return std::nullopt;
    }
    page.begin = offset;
  }
  page.end = std::min(total, page.begin + static_cast<size_t>(page.limit));
  if (page.end < total) page.next = Cursor(page.end);
  return page;
}

// The Link header of a page with a next one.
Headers LinkHeaders(const ApiRequest& request, const std::string& path, const Page& page) {
  if (page.next.empty()) return {};
  return {{"Link", "<http://" + Authority(request) + path + "?limit=" + std::to_string(page.limit) +
                       "&page_info=" + page.next + ">; rel=\"next\""}};
}

// An optional string member: absent or null gives "", a non-string is an error.
bool OptionalString(const json& object, const char* name, std::string& out) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

bool IsJson(const ApiRequest& request) {
  const auto content_type = request.Header("Content-Type");
  return content_type &&
         sim_http::EqualsIgnoreCase(content_type->substr(0, 16), "application/json");
}

bool Blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

}  // namespace

ShopApi::ShopApi(std::shared_ptr<Shop> shop, ApiOptions options)
    : shop_(std::move(shop)), options_(std::move(options)), rng_(options_.seed) {}

std::optional<ApiResponse> ShopApi::InjectedFault(const ApiRequest& request) {
  std::lock_guard lock(mutex_);
  const uint64_t requests =
      ++requests_per_path_[request.target.substr(0, request.target.find('?'))];
  if (options_.rate_limit_every > 0 &&
      requests % static_cast<uint64_t>(options_.rate_limit_every) == 0) {
    return Error(429,
                 "Exceeded 2 calls per second for api client. Reduce request rates to resume "
                 "uninterrupted service.",
                 {{"Retry-After", std::to_string(options_.retry_after_s)}});
  }
  if (options_.error_rate > 0 &&
      std::uniform_real_distribution<double>(0, 1)(rng_) < options_.error_rate) {
    return Error(503, "Service Unavailable: the shop is temporarily overloaded, try again");
  }
  return std::nullopt;
}

bool ShopApi::Garbage() {
  if (options_.garbage_rate <= 0) return false;
  std::lock_guard lock(mutex_);
  return std::uniform_real_distribution<double>(0, 1)(rng_) < options_.garbage_rate;
}

ApiResponse ShopApi::Handle(const ApiRequest& request) {
  if (!options_.api_key.empty() && request.Header("X-Api-Key") != options_.api_key) {
    return Error(401,
                 "[API] Invalid API key or access token (unrecognized login or wrong password)");
  }
  if (auto fault = InjectedFault(request)) return *fault;
  ApiResponse response = Route(request);
  if (request.method == "GET" && response.status == 200 && Garbage()) {
    response.body.resize(response.body.size() / 2);
  }
  return response;
}

ApiResponse ShopApi::Route(const ApiRequest& request) {
  const auto target = ParseTarget(request.target);
  if (!target) return Error(400, "the request target is malformed (bad percent-encoding?)");
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  const bool put = request.method == "PUT";
  const std::string& path = target->path;
  constexpr std::string_view kPrefix = "/admin/customers";
  if (!path.starts_with(kPrefix)) return NotFound();
  const std::string_view rest = std::string_view(path).substr(kPrefix.size());
  auto only = [&](bool allowed, const char* methods) -> std::optional<ApiResponse> {
    if (allowed) return std::nullopt;
    return Error(405, "Method Not Allowed", {{"Allow", methods}});
  };

  if (rest == ".json") {  // the paged customer list, or a new customer
    if (auto refused = only(get || post, "GET, POST")) return *refused;
    if (post) return WriteCustomer(request, path, "");
    ApiResponse error;
    auto page = Paginate(*target, shop_->customer_count(), error);
    if (!page) return error;
    json customers = json::array();
    for (size_t i = page->begin; i < page->end; ++i) {
      customers.push_back(CustomerJson(*shop_, shop_->customer_at(i)));
    }
    return Json(200, {{"customers", customers}}, LinkHeaders(request, path, *page));
  }
  if (rest == "/search.json") {
    if (auto refused = only(get, "GET")) return *refused;
    std::string email, phone;
    if (auto it = target->query.find("email"); it != target->query.end()) email = it->second;
    if (auto it = target->query.find("phone"); it != target->query.end()) phone = it->second;
    if (auto it = target->query.find("query"); it != target->query.end()) {
      const std::string& query = it->second;
      if (query.starts_with("email:"))
        email = query.substr(6);
      else if (query.starts_with("phone:"))
        phone = query.substr(6);
      else
        return FieldError(400, "query", "must be email:ADDRESS or phone:NUMBER");
    }
    if (email.empty() == phone.empty()) {
      return FieldError(400, "query", "give exactly one of email, phone, query=email:..|phone:..");
    }
    if (email.size() > 320 || phone.size() > 64) {
      return FieldError(400, email.empty() ? "phone" : "email", "is too long");
    }
    auto found = email.empty() ? shop_->FindByPhone(phone) : shop_->FindByEmail(email);
    ApiResponse error;
    auto page = Paginate(*target, found.size(), error);
    if (!page) return error;
    json customers = json::array();
    for (size_t i = page->begin; i < page->end; ++i) {
      customers.push_back(CustomerJson(*shop_, found[i]));
    }
    return Json(200, {{"customers", customers}});
  }
  if (!rest.starts_with("/")) return NotFound();
  const std::string_view tail = rest.substr(1);
  const size_t slash = tail.find('/');
  std::string_view id = tail.substr(0, slash);
  const std::string_view sub = slash == std::string_view::npos ? "" : tail.substr(slash);
  if (sub.empty()) {
    if (!id.ends_with(".json")) return NotFound();
    id.remove_suffix(5);
  }
  if (sub != "" && sub != "/orders.json" && sub != "/notes.json" && sub != "/discount_codes.json") {
    return NotFound();
  }
  if (!IsCustomerId(id)) {
    return FieldError(400, "id", "must be a numeric customer id (1 to 19 digits)");
  }
  const bool writes = sub == "/notes.json" || sub == "/discount_codes.json";
  if (auto refused = only(get || (post && writes) || (put && sub.empty()),
                          sub == "/notes.json"            ? "GET, POST"
                          : sub == "/discount_codes.json" ? "POST"
                          : sub.empty()                   ? "GET, PUT"
                                                          : "GET")) {
    return *refused;
  }
  if (put) return WriteCustomer(request, path, id);
  if (sub == "/discount_codes.json" && !post)
    return Error(405, "Method Not Allowed", {{"Allow", "POST"}});
  const std::optional<world::EcomCustomer> customer = shop_->FindCustomer(id);
  if (!customer) return NotFound();

  if (sub.empty()) return Json(200, {{"customer", CustomerJson(*shop_, *customer)}});
  if (sub == "/orders.json") {
    const auto orders = shop_->Orders(customer->id);
    ApiResponse error;
    auto page = Paginate(*target, orders.size(), error);
    if (!page) return error;
    json out = json::array();
    for (size_t i = page->begin; i < page->end; ++i) out.push_back(OrderJson(*shop_, *orders[i]));
    return Json(200, {{"orders", out}}, LinkHeaders(request, path, *page));
  }
  if (get) {  // notes
    const auto notes = shop_->Notes(customer->id);
    ApiResponse error;
    auto page = Paginate(*target, notes.size(), error);
    if (!page) return error;
    json out = json::array();
    for (size_t i = page->begin; i < page->end; ++i) out.push_back(NoteJson(notes[i]));
    return Json(200, {{"notes", out}}, LinkHeaders(request, path, *page));
  }

  // POST: a note or a discount code.
  if (!IsJson(request)) return Error(415, "Content-Type must be application/json");
  return Idempotent(request, path, [&]() -> ApiResponse {
    const json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return Error(400, "the body is not valid JSON (UTF-8)");
    const char* root = sub == "/notes.json" ? "note" : "discount_code";
    if (!body.is_object() || !body.contains(root) || !(*body.find(root)).is_object()) {
      return FieldError(400, root, std::string("the body must be {\"") + root + "\": {...}}");
    }
    const json& fields = *body.find(root);
    std::string order_number;
    if (!OptionalString(fields, "order_number", order_number)) {
      return FieldError(400, "order_number", "must be a string");
    }
    const world::EcomOrder* order = nullptr;
    if (!order_number.empty()) {
      order = shop_->FindOrder(customer->id, order_number);
      if (!order) return FieldError(422, "order_number", "is not an order of this customer");
    }
    if (sub == "/notes.json") {
      std::string text, author = "api";
      if (!OptionalString(fields, "body", text) || Blank(text) || text.size() > kMaxNoteBytes) {
        return FieldError(422, "body", "must be text of 1 to 5000 bytes");
      }
      if (!OptionalString(fields, "author", author) || author.empty() ||
          author.size() > kMaxAuthorBytes) {
        return FieldError(422, "author", "must be text of 1 to 100 bytes");
      }
      const Note note = shop_->AddNote(*customer, order, author, text, Now());
      if (options_.on_note_added) options_.on_note_added(customer->id, note);
      return Json(201, {{"note", NoteJson(note)}});
    }
    const auto amount = fields.find("amount_minor");
    if (amount == fields.end() || !amount->is_number_integer() || amount->get<int64_t>() < 1 ||
        amount->get<int64_t>() > kMaxDiscountMinor) {
      return FieldError(422, "amount_minor", "must be a whole number of pence from 1 to 100000");
    }
    std::string currency = "GBP", reason;
    if (!OptionalString(fields, "currency", currency) || currency != "GBP") {
      return FieldError(422, "currency", "the shop sells in GBP only");
    }
    if (!OptionalString(fields, "reason", reason) || Blank(reason) ||
        reason.size() > kMaxReasonBytes) {
      return FieldError(422, "reason", "must be text of 1 to 500 bytes");
    }
    const DiscountCode code = shop_->AddDiscountCode(
        *customer, order_number, amount->get<int64_t>(), currency, reason, Now());
    return Json(201, {{"discount_code", DiscountCodeJson(code)}});
  });
}

ApiResponse ShopApi::WriteCustomer(const ApiRequest& request, const std::string& path,
                                   std::string_view id) {
  if (!IsJson(request)) return Error(415, "Content-Type must be application/json");
  return Idempotent(request, path, [&]() -> ApiResponse {
    const bool creating = id.empty();
    const CustomerBody body = ReadCustomerBody(request.body, creating);
    if (body.error) {
      if (body.error->field == "customer") return Error(body.error->status, body.error->message);
      return FieldError(body.error->status, body.error->field, body.error->message);
    }
    world::EcomCustomer customer;
    Shop::WriteResult result;
    if (creating) {
      const CustomerChanges& fields = body.changes;
      customer.email = *fields.email;
      customer.phone = fields.phone.value_or("");
      customer.first_name = fields.first_name.value_or("");
      customer.last_name = fields.last_name.value_or("");
      customer.twitter_handle = fields.twitter_handle.value_or("");
      customer.facebook_id = fields.facebook_id.value_or("");
      result = shop_->AddCustomer(customer, Now());
    } else {
      result = shop_->ChangeCustomer(id, body.changes, customer);
    }
    if (result == Shop::WriteResult::kNotFound) return NotFound();
    if (result == Shop::WriteResult::kEmailTaken) {
      return FieldError(422, "email", "has already been taken");
    }
    if (options_.on_customer_changed) options_.on_customer_changed(customer, creating);
    return Json(creating ? 201 : 200, {{"customer", CustomerJson(*shop_, customer)}});
  });
}

ApiResponse ShopApi::Idempotent(const ApiRequest& request, const std::string& path,
                                const std::function<ApiResponse()>& perform) {
  const auto key = request.Header("Idempotency-Key");
  if (!key) return perform();
  if (key->empty() || key->size() > 255 ||
      !std::all_of(key->begin(), key->end(), [](char c) { return c > ' ' && c < 127; })) {
    return Error(400, "Idempotency-Key must be 1 to 255 printable ASCII characters");
  }
  const std::string slot = request.method + " " + path + " " + *key;
  // Held while performing, so two concurrent requests with one key cannot both perform.
  std::lock_guard lock(mutex_);
  if (auto it = replays_.find(slot); it != replays_.end()) {
    if (it->second.request_body != request.body) {
      return Error(422, "Idempotency-Key was already used with a different request");
    }
    ApiResponse replay = it->second.response;
    replay.headers.emplace_back("Idempotent-Replayed", "true");
    return replay;
  }
  ApiResponse response = perform();
  // Only completed writes are remembered: a refused request may be corrected and retried.
  if (response.status < 300 && replays_.size() < kMaxReplays) {
    replays_.emplace(slot, Replay{request.body, response});
  }
  return response;
}

}  // namespace omnihub::ecommerce_sim
