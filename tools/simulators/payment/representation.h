// The gateway's records as the API's XML documents (namespaces urn:psp:payments:v1 and, for the
// fraud engine, urn:psp:fraud:v1). Every answer carries <Result><Code/><Message/></Result>.
#pragma once

#include <string>
#include <vector>

#include "tools/simulators/payment/gateway.h"

namespace omnihub::payment_sim {

inline constexpr char kPaymentsNs[] = "urn:psp:payments:v1";
inline constexpr char kFraudNs[] = "urn:psp:fraud:v1";

// <TransactionList> (by shopper) or <PaymentLookup> (by order) with <Transaction> children.
std::string TransactionsXml(const char* root, const std::vector<Transaction>& transactions);
std::string ShoppersXml(const std::vector<Shopper>& shoppers);
std::string FraudXml(const FraudAssessment& assessment);
std::string RefundXml(const RefundOutcome& outcome);
// An answer that is only a result: <root xmlns=ns><Result><Code/><Message/></Result></root>.
std::string ResultOnlyXml(const char* root, const char* ns, const std::string& code,
                          const std::string& message);

// Text escaped for XML content and attribute values.
std::string Escape(const std::string& text);

}  // namespace omnihub::payment_sim
