#include "tools/simulators/payment/api.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "tools/simulators/http/request_target.h"
#include "tools/simulators/payment/representation.h"

namespace omnihub::payment_sim {

using sim_http::Encode;
using sim_http::ParseTarget;
using sim_http::Target;
namespace {

constexpr char kXmlType[] = "application/xml; charset=utf-8";
constexpr size_t kMaxReferenceBytes = 80;

ApiResponse Xml(int status, std::string body, Headers headers = {}) {
  ApiResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.headers.emplace_back("Content-Type", kXmlType);
  response.body = std::move(body);
  return response;
}

ApiResponse HttpError(int status, const std::string& message, Headers headers = {}) {
  return Xml(status, ResultOnlyXml("Error", kPaymentsNs, kFormatError, message),
             std::move(headers));
}

// References in paths: printable ASCII without '/', 1..80 bytes.
bool IsReference(std::string_view text) {
  return !text.empty() && text.size() <= kMaxReferenceBytes &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c > 0x20 && c < 0x7f && c != '/'; });
}

world::Time Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

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

struct Page {
  size_t begin = 0;
  size_t end = 0;
  int limit = 0;
};

// limit 1..100 (default 20, larger capped), cursor "o<offset>"; nullopt + `error` when invalid.
std::optional<Page> Paginate(const Target& target, size_t total, ApiResponse& error) {
  Page page;
  page.limit = PaymentApi::kDefaultLimit;
  if (auto it = target.query.find("limit"); it != target.query.end()) {
    const std::string& text = it->second;
    const bool digits =
        !text.empty() && text.size() <= 9 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const int value = digits ? std::stoi(text) : 0;
    if (value < 1) {
      error = HttpError(400, "limit must be a whole number from 1 to 100");
      return std::nullopt;
    }
    page.limit = std::min(value, PaymentApi::kMaxLimit);
  }
  if (auto it = target.query.find("cursor"); it != target.query.end()) {
    const std::string& cursor = it->second;
    const bool valid =
        cursor.size() >= 2 && cursor.size() <= 10 && cursor[0] == 'o' &&
        std::all_of(cursor.begin() + 1, cursor.end(), [](char c) { return c >= '0' && c <= '9'; });
    const size_t offset = valid ? std::stoul(cursor.substr(1)) : 0;
    if (!valid || offset == 0 || offset > total) {
      error = HttpError(400, "cursor is not a valid cursor for this list");
      return std::nullopt;
    }
    page.begin = offset;
  }
  page.end = std::min(total, page.begin + static_cast<size_t>(page.limit));
  return page;
}

Headers NextLink(const ApiRequest& request, const std::string& path, const Page& page,
                 size_t total) {
  if (page.end >= total) return {};
  std::string encoded;  // each segment encoded, the slashes kept
  for (size_t start = 1; start <= path.size();) {
    const size_t slash = path.find('/', start);
    encoded += "/" + Encode(path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return {{"Link", "<http://" + Authority(request) + encoded +
                       "?limit=" + std::to_string(page.limit) + "&cursor=o" +
                       std::to_string(page.end) + ">; rel=\"next\""}};
}

// The text of the first child element of `parent` named `name` in the payments namespace.
const xmlNode* Child(const xmlNode* parent, const char* name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0 && c->ns != nullptr &&
        xmlStrcmp(c->ns->href, BAD_CAST kPaymentsNs) == 0) {
      return c;
    }
  }
  return nullptr;
}

std::string Text(const xmlNode* node) {
  if (node == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(node);
  std::string out = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  const auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(" \t\r\n") - first + 1);
}

std::string Attribute(const xmlNode* node, const char* name) {
  if (node == nullptr) return "";
  xmlChar* value = xmlGetProp(node, BAD_CAST name);
  std::string out = value != nullptr ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return out;
}

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

ApiResponse RefundFormatError(const std::string& message, const std::string& reference = "") {
  RefundOutcome outcome;
  outcome.code = kFormatError;
  outcome.message = message;
  outcome.merchant_reference = reference;
  return Xml(200, RefundXml(outcome));
}

}  // namespace

std::optional<Fault> ParseFault(std::string_view name) {
  static const std::pair<std::string_view, Fault> kNames[] = {
      {"none", Fault::kNone},
      {"truncated", Fault::kTruncated},
      {"wrong-content-type", Fault::kWrongContentType},
      {"malformed", Fault::kMalformed},
      {"xml-bomb", Fault::kXmlBomb},
      {"external-entity", Fault::kExternalEntity},
      {"deep-nesting", Fault::kDeepNesting},
      {"oversized", Fault::kOversized},
      {"result-96", Fault::kSystemMalfunction}};
  for (const auto& [n, fault] : kNames) {
    if (n == name) return fault;
  }
  return std::nullopt;
}

ApiResponse FaultyAnswer(Fault fault, ApiResponse good) {
  switch (fault) {
    case Fault::kNone:
      return good;
    case Fault::kTruncated:
      good.truncate = true;
      return good;
    case Fault::kWrongContentType: {
      ApiResponse html;
      html.headers = {{"Content-Type", "text/html; charset=utf-8"}};
      html.body = "<html><body><h1>Gateway maintenance</h1></body></html>";
      return html;
    }
    case Fault::kMalformed:
      good.body.resize(good.body.size() / 2);
      return good;
    case Fault::kXmlBomb:
      return Xml(200, R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<TransactionList xmlns="urn:psp:payments:v1"><Result><Code>00</Code><Message>&lol9;</Message></Result></TransactionList>
)");
    case Fault::kExternalEntity:
      return Xml(200, R"(<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<TransactionList xmlns="urn:psp:payments:v1"><Result><Code>00</Code><Message>&secret;</Message></Result></TransactionList>
)");
    case Fault::kDeepNesting: {
      std::string deep = "<?xml version=\"1.0\"?>\n<TransactionList xmlns=\"urn:psp:payments:v1\">";
      for (int i = 0; i < 10000; ++i) deep += "<a>";
      for (int i = 0; i < 10000; ++i) deep += "</a>";
      deep += "</TransactionList>\n";
      return Xml(200, std::move(deep));
    }
    case Fault::kOversized: {
      std::string big =
          "<?xml version=\"1.0\"?>\n<TransactionList xmlns=\"urn:psp:payments:v1\">"
          "<Result><Code>00</Code><Message>";
      big.append(6u << 20, 'x');
      big += "</Message></Result></TransactionList>\n";
      return Xml(200, std::move(big));
    }
    case Fault::kSystemMalfunction:
      return Xml(200, ResultOnlyXml("Error", kPaymentsNs, kSystemMalfunction,
                                    "system malfunction, try again later"));
  }
  return good;
}

PaymentApi::PaymentApi(std::shared_ptr<Gateway> gateway, ApiOptions options)
    : gateway_(std::move(gateway)), options_(std::move(options)), rng_(options_.seed) {}

std::optional<ApiResponse> PaymentApi::InjectedError(const ApiRequest& request) {
  std::lock_guard lock(mutex_);
  const uint64_t requests =
      ++requests_per_path_[request.target.substr(0, request.target.find('?'))];
  if (options_.rate_limit_every > 0 &&
      requests % static_cast<uint64_t>(options_.rate_limit_every) == 0) {
    return HttpError(429, "too many requests",
                     {{"Retry-After", std::to_string(options_.retry_after_s)}});
  }
  if (options_.error_rate > 0 &&
      std::uniform_real_distribution<double>(0, 1)(rng_) < options_.error_rate) {
    return HttpError(503, "service unavailable");
  }
  return std::nullopt;
}

bool PaymentApi::FaultNow() {
  if (options_.fault == Fault::kNone) return false;
  std::lock_guard lock(mutex_);
  return std::uniform_real_distribution<double>(0, 1)(rng_) < options_.fault_rate;
}

ApiResponse PaymentApi::Handle(const ApiRequest& request) {
  if (!options_.api_key.empty()) {
    const auto key = request.Header("X-Merchant-Key");
    if (!key || *key != options_.api_key) {
      return HttpError(401, "missing or wrong X-Merchant-Key");
    }
  }
  if (auto error = InjectedError(request)) return *error;
  if (options_.fraud_unavailable && request.target.rfind("/fraud/", 0) == 0) {
    return HttpError(503, "fraud engine unavailable");
  }
  ApiResponse response = Route(request);
  if (response.status == 200 && FaultNow())
    return FaultyAnswer(options_.fault, std::move(response));
  return response;
}

ApiResponse PaymentApi::Route(const ApiRequest& request) {
  const std::optional<Target> target = ParseTarget(request.target);
  if (!target) return HttpError(400, "malformed request target");
  std::vector<std::string> parts;
  for (size_t start = 1; start <= target->path.size();) {
    const size_t slash = target->path.find('/', start);
    parts.push_back(target->path.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  const bool get = request.method == "GET";
  auto wrong_method = [](const char* allow) {
    return HttpError(405, "method not allowed", {{"Allow", allow}});
  };
  // /psp/v1/...
  if (parts.size() >= 3 && parts[0] == "psp" && parts[1] == "v1") {
    if (parts[2] == "shoppers" && parts.size() == 3) {
      if (!get) return wrong_method("GET");
      const std::vector<Shopper> shoppers = gateway_->Shoppers();
      ApiResponse error;
      auto page = Paginate(*target, shoppers.size(), error);
      if (!page) return error;
      return Xml(200,
                 ShoppersXml({shoppers.begin() + static_cast<ptrdiff_t>(page->begin),
                              shoppers.begin() + static_cast<ptrdiff_t>(page->end)}),
                 NextLink(request, target->path, *page, shoppers.size()));
    }
    if (parts[2] == "shoppers" && parts.size() == 5 && parts[4] == "transactions") {
      if (!get) return wrong_method("GET");
      if (!IsReference(parts[3])) return HttpError(400, "malformed shopper reference");
      auto transactions = gateway_->ByShopper(parts[3]);
      if (!transactions) {
        return Xml(200, ResultOnlyXml("TransactionList", kPaymentsNs, kUnknown, "unknown shopper"));
      }
      ApiResponse error;
      auto page = Paginate(*target, transactions->size(), error);
      if (!page) return error;
      return Xml(200,
                 TransactionsXml("TransactionList",
                                 {transactions->begin() + static_cast<ptrdiff_t>(page->begin),
                                  transactions->begin() + static_cast<ptrdiff_t>(page->end)}),
                 NextLink(request, target->path, *page, transactions->size()));
    }
    if (parts[2] == "payments" && parts.size() == 4) {
      if (!get) return wrong_method("GET");
      if (!IsReference(parts[3])) return HttpError(400, "malformed merchant reference");
      auto transactions = gateway_->ByOrder(parts[3]);
      if (!transactions) {
        return Xml(200, ResultOnlyXml("PaymentLookup", kPaymentsNs, kUnknown,
                                      "unknown merchant reference"));
      }
      return Xml(200, TransactionsXml("PaymentLookup", *transactions));
    }
    if (parts[2] == "payments" && parts.size() == 5 && parts[4] == "refunds") {
      if (request.method != "POST") return wrong_method("POST");
      if (!IsReference(parts[3])) return HttpError(400, "malformed merchant reference");
      return Refund(request, parts[3]);
    }
  }
  if (parts.size() == 5 && parts[0] == "fraud" && parts[1] == "v1" && parts[2] == "orders" &&
      parts[4] == "assessment") {
    if (!get) return wrong_method("GET");
    if (!IsReference(parts[3])) return HttpError(400, "malformed order reference");
    auto assessment = gateway_->Fraud(parts[3]);
    if (!assessment) {
      return Xml(200, ResultOnlyXml("Assessment", kFraudNs, kUnknown, "no assessment for order"));
    }
    return Xml(200, FraudXml(*assessment));
  }
  return HttpError(404, "not found");
}

ApiResponse PaymentApi::Refund(const ApiRequest& request, const std::string& order) {
  const auto type = request.Header("Content-Type");
  if (!type || type->find("xml") == std::string::npos) {
    return HttpError(415, "a refund request is application/xml");
  }
  // No network, no entity substitution, no DTD loading; a DOCTYPE is refused below.
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(request.body.data(), static_cast<int>(request.body.size()), nullptr, "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) return RefundFormatError("the request body is not well-formed XML");
  if (doc->intSubset != nullptr) return RefundFormatError("a DOCTYPE is not accepted");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || xmlStrcmp(root->name, BAD_CAST "RefundRequest") != 0 ||
      root->ns == nullptr || xmlStrcmp(root->ns->href, BAD_CAST kPaymentsNs) != 0) {
    return RefundFormatError("expected <RefundRequest xmlns=\"urn:psp:payments:v1\">");
  }
  const std::string reference = Text(Child(root, "MerchantReference"));
  if (!IsReference(reference)) {
    return RefundFormatError("MerchantReference must be 1 to 80 printable characters");
  }
  const xmlNode* amount_node = Child(root, "ModificationAmount");
  const std::string amount_text = Text(amount_node);
  const std::string currency = Attribute(amount_node, "currency");
  std::optional<int64_t> amount;
  if (!amount_text.empty()) {
    const bool digits =
        amount_text.size() <= 12 && std::all_of(amount_text.begin(), amount_text.end(),
                                                [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) {
      return RefundFormatError("ModificationAmount must be minor units (digits)", reference);
    }
    amount = std::stoll(amount_text);
  }
  if (!currency.empty() &&
      (currency.size() != 3 || !std::all_of(currency.begin(), currency.end(),
                                            [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    return RefundFormatError("currency must be an ISO 4217 code", reference);
  }
  const RefundOutcome outcome = gateway_->MakeRefund(order, reference, amount, currency, Now());
  if (outcome.code == kApproved && !outcome.replayed && options_.on_refund_completed) {
    options_.on_refund_completed(outcome);
  }
  return Xml(200, RefundXml(outcome));
}

}  // namespace omnihub::payment_sim
