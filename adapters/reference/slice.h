// Slice: one backend system's records in a generated world, answering as that system would, in
// canonical protobufs. One implementation per system (mainframe_slice.cc ... pos_slice.cc).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/sdk/adapter.h"
#include "tools/simulators/world/world.h"

namespace omnihub::reference {

// Names the records carry: the adapter's configured system and the conventional names of the
// systems other systems cross-reference.
struct SliceNames {
  std::string system;
  std::string xref_mainframe = "mainframe";
  std::string xref_ecommerce = "ecommerce";
};

// One system's view of a world. Immutable after construction: thread-safe. Indexes its records by
// account id at construction, so Fetch costs O(records of the customer).
class Slice {
 public:
  virtual ~Slice() = default;

  virtual sdk::Capabilities capabilities() const = 0;
  // Number of accounts; accounts are numbered 0..size()-1 for identity scans.
  virtual size_t size() const = 0;
  virtual sdk::AccountIdentity Identity(size_t index) const = 0;
  // False when the system holds no such account.
  virtual bool Holds(std::string_view account_id) const = 0;
  // Adds what the system holds about `account_id` (which it holds) to `data`, for the sections
  // `wants` says, honouring recent_limit and order_number.
  virtual void Fill(std::string_view account_id, const sdk::FetchRequest& request,
                    sdk::SourceData& data) const = 0;
};

enum class SliceKind { kMainframe, kErp, kEcommerce, kPayment, kPos };

// One factory per system (one file each).
std::unique_ptr<Slice> MakeMainframeSlice(std::shared_ptr<const world::World> world,
                                          SliceNames names);
std::unique_ptr<Slice> MakeErpSlice(std::shared_ptr<const world::World> world, SliceNames names);
std::unique_ptr<Slice> MakeEcommerceSlice(std::shared_ptr<const world::World> world,
                                          SliceNames names);
std::unique_ptr<Slice> MakePaymentSlice(std::shared_ptr<const world::World> world,
                                        SliceNames names);
std::unique_ptr<Slice> MakePosSlice(std::shared_ptr<const world::World> world, SliceNames names);

std::unique_ptr<Slice> MakeSlice(SliceKind kind, std::shared_ptr<const world::World> world,
                                 SliceNames names);

}  // namespace omnihub::reference
