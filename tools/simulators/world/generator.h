// The world generator's steps and the plan they share (internal to omnihub_world).
//
// Generate() runs the steps in order; each step walks the people in index order with its own
// random stream per person (random.h), so the result depends only on the options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "tools/simulators/world/random.h"
#include "tools/simulators/world/world.h"

namespace omnihub::world {

// Which systems know a person, and where their records are; decided by the people step.
struct Membership {
  bool mainframe = false;
  bool erp = false;
  bool ecom = false;
  bool pos = false;
  bool different_web_email = false;
  int mainframe_index = -1;
  int erp_index = -1;
  int ecom_index = -1;
};

struct Plan {
  std::vector<Membership> members;
  // 64-bit hashes of every e-mail and handle handed out, to keep them unique.
  std::unordered_set<uint64_t> taken;
  // Returns false when `text` was already taken; otherwise takes it.
  bool Take(std::string_view text);
};

void GeneratePeople(World& world, Plan& plan);
void GenerateMainframe(World& world, Plan& plan);
void GenerateErpCustomers(World& world, Plan& plan);
void GenerateCatalogue(World& world);
void GenerateEcomCustomers(World& world, Plan& plan);
// ERP orders, returns, web orders and payments (one story per order, told by each system).
void GenerateOrders(World& world, const Plan& plan);
void GeneratePos(World& world, const Plan& plan);

// One order's story, told afterwards by each system that holds it (ERP, ecommerce, payment).
struct OrderStory {
  std::string order_number;
  bool web = true;
  Time placed_at;
  std::vector<OrderLine> lines;
  int64_t total_minor = 0;
  char status = 'O';  // ERP status code
  std::optional<ErpShipment> shipment;
  std::vector<ErpInvoice> invoices;
  std::optional<ErpReturn> returned;
  // Web only:
  std::string shop_order_id;
  std::vector<EcomNote> notes;
  int fraud_score = 0;
  std::string fraud_decision = "ACCEPT";
  std::string psp_reference;
  std::string declined_psp_reference;  // a declined attempt before the successful one
};

// Appends the story to every system the person belongs to.
void EmitOrder(World& world, const OrderStory& story, const Membership& member);
std::string TrackingNumber(Rng& rng, std::string_view carrier);
std::string TrackingUrl(std::string_view carrier, std::string_view number);
std::string PspReference(Rng& rng);
// A till return of one line of `sale`: as a RETURN line, or as a negative-quantity SALE line.
PosTransaction ReturnOf(const PosTransaction& sale, const PosLine& line, Time at,
                        bool as_return_line);

// The demo customer's fixed records (see world.h).
Person DemoPerson();
MainframeAccount DemoMainframeAccount(Time anchor);
ErpCustomer DemoErpCustomer(Time anchor);
EcomCustomer DemoEcomCustomer(Time anchor);
void AddDemoOrders(World& world, const Membership& member);
void AddDemoPos(World& world);

}  // namespace omnihub::world
