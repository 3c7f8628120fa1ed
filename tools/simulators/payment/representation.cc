#include "tools/simulators/payment/representation.h"

namespace omnihub::payment_sim {
namespace {

constexpr char kDeclaration[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

void Element(std::string& out, const char* name, const std::string& text, int indent) {
  out.append(static_cast<size_t>(indent), ' ');
  out += "<";
  out += name;
  out += ">";
  out += Escape(text);
  out += "</";
  out += name;
  out += ">\n";
}

void Result(std::string& out, const std::string& code, const std::string& message) {
  out += "  <Result><Code>" + Escape(code) + "</Code><Message>" + Escape(message) +
         "</Message></Result>\n";
}

std::string Open(const char* root, const char* ns) {
  return std::string(kDeclaration) + "<" + root + " xmlns=\"" + ns + "\">\n";
}

std::string GatewayStatus(const std::string& world_state) {
  return world_state == "DECLINED" ? "REFUSED" : world_state;
}

}  // namespace

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string TransactionsXml(const char* root, const std::vector<Transaction>& transactions) {
  std::string out = Open(root, kPaymentsNs);
  Result(out, kApproved, "Approved");
  for (const Transaction& t : transactions) {
    const auto& r = t.record;
    out += "  <Transaction>\n";
    Element(out, "PspReference", r.psp_reference, 4);
    Element(out, "MerchantReference", r.merchant_reference, 4);
    Element(out, "ShopperReference", r.shopper_reference, 4);
    Element(out, "Created", world::FormatIso8601(r.created_at), 4);
    Element(out, "Status", GatewayStatus(r.state), 4);
    out += "    <Amounts currency=\"" + Escape(r.currency) + "\">\n";
    Element(out, "Authorised", std::to_string(r.authorised_minor), 6);
    Element(out, "Captured", std::to_string(r.captured_minor), 6);
    Element(out, "Refunded", std::to_string(r.refunded_minor), 6);
    out += "    </Amounts>\n";
    if (t.refunds.empty()) {
      out += "    <Refunds/>\n";
    } else {
      out += "    <Refunds>\n";
      for (const Refund& refund : t.refunds) {
        out += "      <Refund>\n";
        Element(out, "RefundReference", refund.refund_reference, 8);
        Element(out, "MerchantReference", refund.merchant_reference, 8);
        out += "        <Amount currency=\"" + Escape(r.currency) + "\">" +
               std::to_string(refund.amount_minor) + "</Amount>\n";
        Element(out, "Created", world::FormatIso8601(refund.created_at), 8);
        out += "      </Refund>\n";
      }
      out += "    </Refunds>\n";
    }
    out += "  </Transaction>\n";
  }
  out += std::string("</") + root + ">\n";
  return out;
}

std::string ShoppersXml(const std::vector<Shopper>& shoppers) {
  std::string out = Open("ShopperList", kPaymentsNs);
  Result(out, kApproved, "Approved");
  for (const Shopper& s : shoppers) {
    out += "  <Shopper>\n";
    Element(out, "ShopperReference", s.reference, 4);
    Element(out, "FirstSeen", world::FormatIso8601(s.first_seen), 4);
    Element(out, "TransactionCount", std::to_string(s.transactions), 4);
    out += "  </Shopper>\n";
  }
  out += "</ShopperList>\n";
  return out;
}

std::string FraudXml(const FraudAssessment& a) {
  std::string out = Open("Assessment", kFraudNs);
  Result(out, kApproved, "Assessed");
  Element(out, "OrderReference", a.order_reference, 2);
  Element(out, "Score", std::to_string(a.score), 2);
  Element(out, "Decision", a.decision, 2);
  if (a.decision == "HOLD") {
    out += "  <Hold active=\"true\"><Since>" + world::FormatIso8601(a.assessed_at) +
           "</Since></Hold>\n";
  } else {
    out += "  <Hold active=\"false\"/>\n";
  }
  out += "</Assessment>\n";
  return out;
}

std::string RefundXml(const RefundOutcome& o) {
  std::string out = Open("RefundResponse", kPaymentsNs);
  Result(out, o.code, o.message);
  if (!o.refund_reference.empty()) Element(out, "RefundReference", o.refund_reference, 2);
  if (!o.psp_reference.empty()) Element(out, "PspReference", o.psp_reference, 2);
  Element(out, "MerchantReference", o.merchant_reference, 2);
  if (!o.currency.empty()) {
    out += "  <Amount currency=\"" + Escape(o.currency) + "\">" + std::to_string(o.amount_minor) +
           "</Amount>\n";
    out += "  <TotalRefunded currency=\"" + Escape(o.currency) + "\">" +
           std::to_string(o.total_refunded_minor) + "</TotalRefunded>\n";
  }
  Element(out, "Replayed", o.replayed ? "true" : "false", 2);
  out += "</RefundResponse>\n";
  return out;
}

std::string ResultOnlyXml(const char* root, const char* ns, const std::string& code,
                          const std::string& message) {
  std::string out = Open(root, ns);
  Result(out, code, message);
  out += std::string("</") + root + ">\n";
  return out;
}

}  // namespace omnihub::payment_sim
