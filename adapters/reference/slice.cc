#include "adapters/reference/slice.h"

namespace omnihub::reference {

std::unique_ptr<Slice> MakeSlice(SliceKind kind, std::shared_ptr<const world::World> world,
                                 SliceNames names) {
  switch (kind) {
    case SliceKind::kMainframe:
      return MakeMainframeSlice(std::move(world), std::move(names));
    case SliceKind::kErp:
      return MakeErpSlice(std::move(world), std::move(names));
    case SliceKind::kEcommerce:
      return MakeEcommerceSlice(std::move(world), std::move(names));
    case SliceKind::kPayment:
      return MakePaymentSlice(std::move(world), std::move(names));
    case SliceKind::kPos:
      return MakePosSlice(std::move(world), std::move(names));
  }
  return nullptr;
}

}  // namespace omnihub::reference
