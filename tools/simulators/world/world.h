// The generated retail world: one customer population as five backend systems each hold it,
// plus the ground truth of who is who. Used by the reference adapter, the simulators and the
// identity-resolution benchmarks.
//
// Determinism: `Generate(options)` is a pure function of (seed, customers, anchor). It uses its
// own PRNG (splitmix64) and its own range mapping, never <random> distributions, so the same
// options give byte-identical worlds on every machine and standard library.
//
// Each record is modelled the way its system really stores it (own identifiers, formats, noise):
// - mainframe: upper-case "SURNAME GIVEN" names (a few with typos), abbreviated upper-case
//   addresses, YYDDD dates, store-card balances in pence, call-centre notes;
// - ERP: proper-case names, lower-case e-mails, "+44 7700 900123" phones, orders, shipments,
//   invoices, returns, loyalty membership, cross-reference to the legacy account (when known);
// - ecommerce: e-mails as typed (mixed case; ~3% a different address than in the ERP), phones in
//   many formats or missing, names sometimes lower-case or accented, Twitter handles with or
//   without "@", web orders with tracking and notes;
// - payment: PSP transactions of web orders, refunds, declines, fraud scores and decisions;
// - pos: ARTS POSLog-like till transactions with the loyalty card as typed (sometimes spaced),
//   returns written either as RETURN lines or as negative-quantity SALE lines.
//
// Population (approximate shares): 60% mainframe, 95% ERP, 70% ecommerce, 75% hold a loyalty
// card, 50% use it at a till. Households of 2-4 people share surname, address and postcode (hard
// negatives: different given names and e-mails). Namesakes: the same given+family name in other
// towns, and a few in the same postcode area.
//
// The demo customer, person_index 0 of every world (any seed), "P0000001":
//   Jane Doe, jane.doe@example.com, +447700900123, Twitter janedoe, Facebook 100004567890123,
//   12 High Street, Leeds LS1 4AB, loyalty card 6335000000000003, born 1985-04-12.
//   mainframe: account "00104217", name "DOE JANE", address "12 HIGH ST" / "LEEDS", store card
//     "7002000000000003", balance 12345 pence, limit 150000, status 'A', 5 call-centre notes.
//   ERP: customer "C0100001", legacy_account "00104217", Gold tier, 4 orders: web orders
//     W1000001 (delivered), W1000002 (shipped, delivery DELAYED past its promised date),
//     W1000003 (delivered, partly returned: RMA0000001) and phone order P1000001 (invoice unpaid).
//   ecommerce: customer "6108000123", email "Jane.Doe@Example.com", phone "07700 900123",
//     Twitter "@JaneDoe", Facebook "100004567890123", orders W1000001..W1000003 with notes.
//   payment: shopper_reference "6108000123"; W1000001 captured (ACCEPT), W1000002 captured and
//     held for fraud review (REVIEW, score 72), W1000003 partially refunded.
//   pos: card typed "6335 0000 0000 0003" or "6335000000000003"; 2 sales at S042/R03, one return
//     written as a RETURN line, one return written as a negative-quantity SALE.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace omnihub::world {

using Time = std::chrono::sys_seconds;

// 2026-11-01T12:00:00Z.
inline constexpr Time kDefaultAnchor{std::chrono::seconds{1793534400}};

struct GeneratorOptions {
  uint64_t seed = 42;
  // Number of people (ground truth); at least 1 (the demo customer).
  int customers = 1000;
  // "Now" of the world: every date is before it.
  Time anchor = kDefaultAnchor;
};

// ---- Ground truth -------------------------------------------------------------------------------

struct Address {
  std::string line1;     // "12 High Street"
  std::string line2;     // optional, e.g. "Flat 3" or a district
  std::string city;      // "Leeds"
  std::string postcode;  // UK style, "LS1 4AB"
};

struct Person {
  std::string person_id;  // "P0000001"
  std::string given_name;
  std::string family_name;
  std::string email;       // canonical, lower-case
  std::string phone_e164;  // "+447700900123"
  Address address;
  std::string loyalty_card;    // 16 digits with a Luhn check digit; empty: no card
  std::string twitter_handle;  // without "@"; empty: none
  std::string facebook_id;     // numeric; empty: none
  std::chrono::year_month_day date_of_birth;
  // Index of the household's first member (== own index when living alone or first).
  int household = 0;
};

// ---- mainframe ----------------------------------------------------------------------------------

struct MainframeNote {
  std::string date;         // CCYYMMDD
  std::string time;         // HHMMSS
  std::string operator_id;  // "CSR0412"
  std::string text;         // upper-case, <= 70 characters
};

struct MainframeAccount {
  std::string account_number;  // 8 digits, zero-padded
  std::string person_id;
  std::string name_upper;     // "DOE JANE": SURNAME GIVEN, upper-case, <= 30 characters
  std::string address_line1;  // "12 HIGH ST"
  std::string address_line2;  // may be empty
  std::string address_line3;  // town, "LEEDS"
  std::string postcode;       // "LS1 4AB"
  std::string opened;         // YYDDD
  std::string card_number;    // store card, 16 digits with Luhn check digit
  int64_t balance_minor = 0;  // pence; the screen shows PIC 9(7)V99
  int64_t credit_limit_minor = 0;
  char status = 'A';                 // 'A' active, 'B' blocked, 'C' closed
  std::vector<MainframeNote> notes;  // oldest first
};

// ---- ERP ----------------------------------------------------------------------------------------

struct ErpCustomer {
  std::string customer_number;  // "C" + 7 digits
  std::string person_id;
  std::string legacy_account;  // mainframe account number; empty when not cross-referenced
  std::string given_name;
  std::string family_name;
  std::string email;  // lower-case
  std::string phone;  // "+44 7700 900123"
  Address address;
  std::string loyalty_card;  // empty: none
  std::string loyalty_tier;  // "BRONZE", "SILVER", "GOLD", "PLATINUM"; empty without card
  int64_t loyalty_points = 0;
  Time created_at;
};

struct Product {
  std::string sku;  // "SKU-100234"
  std::string description;
  std::string category;
  int64_t price_minor = 0;
};

struct ReturnPolicy {
  std::string category;
  int days = 30;
};

struct OrderLine {
  std::string sku;
  std::string description;
  int quantity = 1;
  int64_t unit_price_minor = 0;
};

struct ErpShipment {
  std::string carrier;  // "Royal Mail", "DPD", "Evri", "DHL"
  std::string tracking_number;
  std::chrono::year_month_day promised_date;
  std::optional<Time> shipped_at;
  std::optional<Time> delivered_at;
  // As the ERP records it: "PENDING", "IN_TRANSIT", "DELIVERED", "EXCEPTION" (carrier reported a
  // delay). Lateness is not a status here: compare promised_date with delivered_at / the anchor.
  std::string status;
};

struct ErpInvoice {
  std::string invoice_number;  // "INV" + 8 digits
  Time issued_at;
  int64_t amount_minor = 0;
  bool paid = false;
};

struct ErpOrder {
  std::string order_number;  // "W" + digits (web shop's number) or "P" + digits (phone)
  std::string customer_number;
  std::string channel;  // "WEB" or "PHONE"
  Time placed_at;
  // 'O' open, 'P' picking, 'S' shipped, 'D' delivered, 'X' cancelled, 'R' returned.
  char status = 'O';
  std::vector<OrderLine> lines;
  int64_t total_minor = 0;
  std::string currency = "GBP";
  std::vector<ErpShipment> shipments;
  std::vector<ErpInvoice> invoices;
};

struct ErpReturn {
  std::string rma_number;  // "RMA" + 7 digits
  std::string order_number;
  Time created_at;
  std::string reason;
  int64_t amount_minor = 0;
  std::string status;  // "REQUESTED", "RECEIVED", "REFUNDED", "REJECTED"
};

// ---- ecommerce ----------------------------------------------------------------------------------

struct EcomCustomer {
  std::string id;  // numeric, "6108000123"
  std::string person_id;
  std::string email;  // as typed; mixed case; ~3% differ from the ERP e-mail
  std::string phone;  // as typed in one of many formats; may be empty
  std::string first_name;
  std::string last_name;
  std::string twitter_handle;  // as typed: maybe "@", maybe other case; may be empty
  std::string facebook_id;     // may be empty
  Time created_at;
};

struct EcomTracking {
  std::string carrier;
  std::string number;
  std::string url;
};

struct EcomNote {
  Time created_at;
  std::string author;  // "customer", "support:amy", "system"
  std::string body;
};

struct EcomOrder {
  std::string id;            // the shop's internal numeric id
  std::string order_number;  // "W..." (same as the ERP web order)
  std::string customer_id;
  Time created_at;
  std::string financial_status;    // "paid", "partially_refunded", "refunded", "pending"
  std::string fulfillment_status;  // "fulfilled", "partial", "unfulfilled"
  std::vector<OrderLine> lines;
  int64_t total_minor = 0;
  std::string currency = "GBP";
  std::optional<EcomTracking> tracking;
  std::vector<EcomNote> notes;
};

// ---- payment ------------------------------------------------------------------------------------

struct PaymentTransaction {
  std::string psp_reference;       // 16 characters, [0-9A-Z]
  std::string merchant_reference;  // the order number
  std::string shopper_reference;   // the ecommerce customer id
  Time created_at;
  std::string currency = "GBP";
  int64_t authorised_minor = 0;
  int64_t captured_minor = 0;
  int64_t refunded_minor = 0;
  // "AUTHORISED", "CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "DECLINED", "CANCELLED"
  std::string state;
  int fraud_score = 0;         // 0..100
  std::string fraud_decision;  // "ACCEPT", "REVIEW", "HOLD", "REJECT"
};

// ---- point of sale ------------------------------------------------------------------------------

struct PosLine {
  std::string sku;
  std::string description;
  int quantity = 1;  // negative for a return written as a negative Sale
  int64_t unit_price_minor = 0;
  int64_t amount_minor = 0;  // signed: negative for returned goods
  std::string line_kind;     // "SALE" or "RETURN"
};

struct PosTender {
  std::string type;  // "CASH", "CARD", "GIFT_CARD", "REFUND"
  int64_t amount_minor = 0;
};

struct PosTransaction {
  std::string store_id;     // "S042"
  std::string register_id;  // "R03"
  int64_t sequence_number = 0;
  std::chrono::year_month_day business_day;
  Time end_time;
  std::string loyalty_card;  // as typed at the till (sometimes with spaces)
  bool is_return = false;
  std::vector<PosLine> lines;
  std::vector<PosTender> tenders;
  int64_t total_minor = 0;  // signed
  std::string person_id;
};

// ---- the world ----------------------------------------------------------------------------------

enum class System { kMainframe, kErp, kEcommerce, kPayment, kPos };

// "mainframe", "erp", "ecommerce", "payment", "pos".
std::string_view SystemName(System system);

// One ground-truth row: an account of `system` belongs to `person_id`.
struct TruthRow {
  System system;
  std::string account_id;
  std::string person_id;
};

// A generated world. Immutable after Generate: thread-safe for concurrent reads.
// Size: about 5.8 KB of memory per customer (100k: ~0.6 GB; 1M: ~5.8 GB), generated in about
// 12 us of CPU per customer.
struct World {
  GeneratorOptions options;
  std::vector<Person> people;
  std::vector<MainframeAccount> mainframe_accounts;
  std::vector<ErpCustomer> erp_customers;
  std::vector<Product> products;
  std::vector<ReturnPolicy> return_policies;
  std::vector<ErpOrder> erp_orders;  // grouped by customer, oldest first per customer
  std::vector<ErpReturn> erp_returns;
  std::vector<EcomCustomer> ecom_customers;
  std::vector<EcomOrder> ecom_orders;  // grouped by customer, oldest first per customer
  std::vector<PaymentTransaction> payments;
  std::vector<PosTransaction> pos_transactions;  // grouped by person

  // Ground truth lookups; nullptr when unknown. O(1).
  const Person* person(std::string_view person_id) const;
  const MainframeAccount* mainframe_account(std::string_view account_number) const;
  const ErpCustomer* erp_customer(std::string_view customer_number) const;
  const EcomCustomer* ecom_customer(std::string_view id) const;
  // The owner of a loyalty card (digits only); nullptr when nobody holds it.
  const Person* loyalty_card_holder(std::string_view card_digits) const;

  // Every account of every system with its owner: mainframe account numbers, ERP customer
  // numbers, ecommerce ids, payment shopper references (distinct), POS loyalty cards (distinct,
  // digits only).
  std::vector<TruthRow> Truth() const;

  // Filled by Generate: account id -> index in the vectors above.
  std::unordered_map<std::string, size_t> mainframe_index;
  std::unordered_map<std::string, size_t> erp_index;
  std::unordered_map<std::string, size_t> ecom_index;
  std::unordered_map<std::string, size_t> loyalty_index;  // card -> person index
};

// Generates the world for `options` (customers is clamped to at least 1).
World Generate(const GeneratorOptions& options);

// Helpers shared by the generator and its consumers.
bool LuhnValid(std::string_view digits);
// The check digit that makes `payload` + digit Luhn-valid.
char LuhnCheckDigit(std::string_view payload);
// Digits only ("6335 0000-0000 0004" -> "6335000000000004").
std::string DigitsOnly(std::string_view text);
// "2026-11-01T12:00:00Z".
std::string FormatIso8601(Time time);
// "2026-11-01".
std::string FormatDate(std::chrono::year_month_day day);
// Parses "2026-11-01T12:00:00Z"; nullopt when malformed.
std::optional<Time> ParseIso8601(std::string_view text);

}  // namespace omnihub::world
