// POSLog reader (through mappings/systems/pos.xml, built in): both return shapes give the same
// canonical result; hostile documents are refused with an INVALID_ARGUMENT naming the record,
// the canonical field and the XPath.
#include "adapters/poslog/poslog_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "adapters/poslog/pos_mapping.h"

namespace omnihub::poslog {
namespace {

using ::testing::HasSubstr;

constexpr const char* kHead =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<POSLog xmlns="http://www.nrf-arts.org/IXRetail/namespace/">)";

// One transaction; `lines` is the body of RetailTransaction before the total.
std::string Transaction(const std::string& lines, const std::string& total,
                        const std::string& card = "6335 0000 0000 0003",
                        const std::string& store = "<RetailStoreID>S042</RetailStoreID>") {
  return store + R"(<WorkstationID>R03</WorkstationID><SequenceNumber>17</SequenceNumber>
<BusinessDayDate>2026-11-02</BusinessDayDate><EndDateTime>2026-11-02T14:03:11+01:00</EndDateTime>
<RetailTransaction><Customer><CustomerID>)" +
         card + "</CustomerID></Customer>" + lines +
         R"(<Total TotalType="TransactionGrandAmount">)" + total + "</Total></RetailTransaction>";
}

std::string Document(const std::string& transactions) {
  return std::string(kHead) + transactions + "</POSLog>";
}

std::string Wrap(const std::string& transaction) {
  return "<Transaction>" + transaction + "</Transaction>";
}

const std::string kSale = R"(<LineItem><Sale><ItemID>SKU-1</ItemID><Description>Kettle</Description>
<Quantity>2</Quantity><UnitListPrice>19.99</UnitListPrice><ExtendedAmount>39.98</ExtendedAmount>
</Sale></LineItem><LineItem><Tender TenderType="CreditDebit"><Amount>39.98</Amount></Tender></LineItem>)";

const std::string kReturnLine =
    R"(<LineItem><Return><ItemID>SKU-1</ItemID><Description>Kettle</Description>
<Quantity>1</Quantity><RegularSalesUnitPrice>19.99</RegularSalesUnitPrice><ExtendedAmount>19.99</ExtendedAmount>
</Return></LineItem><LineItem><Tender TenderType="Refund"><Amount>-19.99</Amount></Tender></LineItem>)";

const std::string kNegativeSale =
    R"(<LineItem><Sale><ItemID>SKU-1</ItemID><Description>Kettle</Description>
<Quantity>-1</Quantity><UnitListPrice>19.99</UnitListPrice><ExtendedAmount>-19.99</ExtendedAmount>
</Sale></LineItem><LineItem><Tender TenderType="Refund"><Amount>-19.99</Amount></Tender></LineItem>)";

TEST(PoslogParserTest, ReadsASale) {
  auto parsed = ParsePoslog(Document(Wrap(Transaction(kSale, "39.98"))));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 1u);
  const PoslogTransaction& t = parsed->front();
  EXPECT_EQ(t.store_id, "S042");
  EXPECT_EQ(t.register_id, "R03");
  EXPECT_EQ(t.sequence_number, 17);
  EXPECT_EQ(t.business_day, "2026-11-02");
  EXPECT_EQ(t.end_time_unix, 1793624591);  // 2026-11-02T13:03:11Z
  EXPECT_EQ(t.card, "6335000000000003");
  EXPECT_FALSE(t.is_return);
  EXPECT_EQ(t.record.time_zone(), "+01:00");
  const v1::Order& order = t.record.order();
  ASSERT_EQ(order.lines_size(), 1);
  EXPECT_EQ(order.lines(0).sku(), "SKU-1");
  EXPECT_EQ(order.lines(0).description(), "Kettle");
  EXPECT_EQ(order.lines(0).quantity(), 2);
  EXPECT_EQ(order.lines(0).unit_price().amount_minor(), 1999);
  EXPECT_EQ(order.lines(0).line_total().amount_minor(), 3998);
  EXPECT_EQ(order.lines(0).line_total().currency_code(), "GBP");
  ASSERT_EQ(t.record.tenders_size(), 1);
  EXPECT_EQ(t.record.tenders(0).type(), "CreditDebit");
  EXPECT_EQ(t.record.tenders(0).amount().amount_minor(), 3998);
  ASSERT_EQ(t.record.totals_size(), 1);
  EXPECT_EQ(t.record.totals(0).type(), "TransactionGrandAmount");
  EXPECT_EQ(t.total_minor, 3998);
  EXPECT_EQ(order.channel(), v1::CHANNEL_STORE);
  EXPECT_EQ(t.ReceiptNumber(), "S042-R03-2026-11-02-17");
}

TEST(PoslogParserTest, BothReturnShapesGiveTheSameResult) {
  auto as_return = ParsePoslog(Document(Wrap(Transaction(kReturnLine, "-19.99"))));
  auto as_negative_sale = ParsePoslog(Document(Wrap(Transaction(kNegativeSale, "-19.99"))));
  ASSERT_TRUE(as_return.ok()) << as_return.status();
  ASSERT_TRUE(as_negative_sale.ok()) << as_negative_sale.status();
  for (const auto* parsed : {&*as_return, &*as_negative_sale}) {
    const PoslogTransaction& t = parsed->front();
    EXPECT_TRUE(t.is_return);
    const v1::Order& order = t.record.order();
    ASSERT_EQ(order.lines_size(), 1);
    EXPECT_EQ(order.lines(0).quantity(), -1);
    EXPECT_EQ(order.lines(0).line_total().amount_minor(), -1999);
    EXPECT_EQ(order.lines(0).unit_price().amount_minor(), 1999);
    EXPECT_EQ(t.total_minor, -1999);
    EXPECT_EQ(t.record.tenders(0).amount().amount_minor(), -1999);
  }
}

TEST(PoslogParserTest, LoyaltyAccountIdAndSeveralTransactions) {
  std::string second = Transaction(kSale, "39.98", "6335000000000003");
  size_t at = second.find("<Customer>");
  second.replace(at, second.find("</Customer>") + 11 - at,
                 "<LoyaltyAccount><LoyaltyAccountID>6335-0000-0000-0003</LoyaltyAccountID>"
                 "</LoyaltyAccount>");
  auto parsed = ParsePoslog(Document(Wrap(Transaction(kSale, "39.98")) + Wrap(second)));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].card, "6335000000000003");
}

TEST(PoslogParserTest, AmountsAreExact) {
  EXPECT_EQ(*ParseMinorUnits("0.1"), 10);
  EXPECT_EQ(*ParseMinorUnits("-0.01"), -1);
  EXPECT_EQ(*ParseMinorUnits("12"), 1200);
  EXPECT_EQ(*ParseMinorUnits("1234567.89"), 123456789);
  for (const char* bad :
       {"", "-", "1.", ".5", "1.234", "1,50", "1e3", "NaN", "12 ", "--1", "99999999999999"}) {
    EXPECT_FALSE(ParseMinorUnits(bad).ok()) << bad;
  }
}

TEST(PoslogParserTest, DateTimesNeedAZone) {
  EXPECT_EQ(*ParseIsoDateTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*ParseIsoDateTime("1970-01-01T01:00:00.250+01:00"), 0);
  for (const char* bad : {"2026-11-02T14:03:11", "2026-02-30T00:00:00Z", "2026-11-02 14:03:11Z",
                          "2026-11-02T25:00:00Z", "2026-11-02T14:03:11+1"}) {
    EXPECT_FALSE(ParseIsoDateTime(bad).ok()) << bad;
  }
}

void ExpectRefused(const std::string& document, const std::string& expected) {
  auto parsed = ParsePoslog(document);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr(expected));
}

TEST(PoslogParserTest, RefusesDoctypeWithEntities) {
  std::string bomb = R"(<?xml version="1.0"?><!DOCTYPE POSLog [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<POSLog xmlns="http://www.nrf-arts.org/IXRetail/namespace/"><Transaction>&c;</Transaction></POSLog>)";
  ExpectRefused(bomb, "POSLog document is not usable XML");
  std::string external =
      R"(<?xml version="1.0"?><!DOCTYPE POSLog [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<POSLog xmlns="http://www.nrf-arts.org/IXRetail/namespace/">&x;</POSLog>)";
  ExpectRefused(external, "POSLog document is not usable XML");
}

TEST(PoslogParserTest, RefusesWrongNamespace) {
  std::string document = Document(Wrap(Transaction(kSale, "39.98")));
  document.replace(document.find("IXRetail"), 8, "Other");
  ExpectRefused(document, "must be in the IXRetail namespace");
}

TEST(PoslogParserTest, RefusesMissingStoreId) {
  ExpectRefused(
      Document(Wrap(Transaction(kSale, "39.98", "6335000000000003", ""))),
      "record 1: transaction.order.store_id <- ix:RetailStoreID: is required but missing");
}

TEST(PoslogParserTest, RefusesBadAmountsNamingElementAndTransaction) {
  std::string lines = kSale;
  lines.replace(lines.find("39.98"), 5, "39.9.8");
  ExpectRefused(Document(Wrap(Transaction(lines, "39.98"))),
                "record 1: transaction.order.lines.line_total <- ix:RetailTransaction/"
                "ix:LineItem[ix:Sale or ix:Return][1]/ix:Sale/ix:ExtendedAmount: ");
  ExpectRefused(Document(Wrap(Transaction(kSale, "1e2"))),
                "record 1: transaction.order.total <- ix:RetailTransaction/ix:Total[");
  std::string quantity = kSale;
  quantity.replace(quantity.find("<Quantity>2"), 11, "<Quantity>2.5");
  ExpectRefused(Document(Wrap(Transaction(quantity, "39.98"))),
                "transaction.order.lines.quantity <- ix:RetailTransaction/ix:LineItem[ix:Sale or "
                "ix:Return][1]/ix:Sale/ix:Quantity");
}

TEST(PoslogParserTest, RefusesACardFailingItsCheckDigit) {
  ExpectRefused(
      Document(Wrap(Transaction(kSale, "39.98", "6335 0000 0000 0004"))),
      "record 1: transaction.customer_id <- ix:RetailTransaction/ix:Customer/ix:CustomerID: step 2 "
      "'loyalty-card': loyalty card '6335 0000 0000 0004' fails its check digit");
}

TEST(PoslogParserTest, RefusesAbsurdSizes) {
  std::string one = Wrap(Transaction(kSale, "39.98"));
  PoslogLimits limits;
  limits.max_document_bytes = 1000;
  std::string big = Document(one + one);
  ASSERT_TRUE(ParsePoslog(big).ok());  // within the default limits
  auto parsed = ParsePoslog(big, limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("over the limit of 1000 bytes"));
  limits = PoslogLimits{};
  limits.max_transactions = 1;
  parsed = ParsePoslog(big, limits);
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("more than 1 transactions"));
}

TEST(PoslogParserTest, RefusesEmptyAndNonXml) {
  ExpectRefused("", "POSLog document is not usable XML");
  ExpectRefused("not xml at all", "POSLog document is not usable XML");
  ExpectRefused(Document(""), "holds no <Transaction>");
  ExpectRefused("<Other/>", "root element must be <POSLog>");
}

TEST(PoslogParserTest, RefusesATransactionWithoutCard) {
  std::string document = Document(Wrap(Transaction(kSale, "39.98")));
  const size_t at = document.find("<Customer>");
  document.erase(at, document.find("</Customer>") + 11 - at);
  ExpectRefused(
      document,
      "POSLog transaction S042-R03-2026-11-02-17: no loyalty card (transaction.customer_id)");
}

TEST(PoslogParserTest, RefusesALineWithoutQuantityAndATimeWithoutZone) {
  std::string no_quantity = kSale;
  no_quantity.replace(no_quantity.find("<Quantity>2</Quantity>"), 22, "");
  ExpectRefused(Document(Wrap(Transaction(no_quantity, "39.98"))),
                "line 1 (SKU-1) has no quantity, or a quantity of 0");
  std::string local = Document(Wrap(Transaction(kSale, "39.98")));
  local.replace(local.find("+01:00"), 6, "");
  ExpectRefused(local, "has no UTC offset");
}

TEST(PosMappingTest, TheBuiltInMappingIsTheRepositorysFile) {
  std::ifstream in(OMNIHUB_MAPPINGS_DIR "/systems/pos.xml", std::ios::binary);
  std::ostringstream file;
  file << in.rdbuf();
  EXPECT_EQ(BuiltinPosMappingText(), file.str());
  auto loaded = LoadPosMapping(OMNIHUB_MAPPINGS_DIR "/systems/pos.xml");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  PoslogLimits limits;
  limits.mapping = *loaded;
  auto parsed = ParsePoslog(Document(Wrap(Transaction(kReturnLine, "-19.99"))), limits);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(parsed->front().is_return);
}

TEST(PosMappingTest, RefusesAMappingForAnotherConnector) {
  auto loaded = LoadPosMapping(OMNIHUB_MAPPINGS_DIR "/systems/payment.xml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()),
              HasSubstr("is for connector 'http-xml'; the poslog connector needs"));
  EXPECT_FALSE(LoadPosMapping("/nonexistent/pos.xml").ok());
}

}  // namespace
}  // namespace omnihub::poslog
