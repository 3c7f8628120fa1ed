#include "hub/store/record_ids.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <atomic>
#include <random>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace omnihub::hub::store {

std::string TimeOrderedId(std::string_view prefix) {
  static std::atomic<int64_t> last{0};
  int64_t micros = absl::ToUnixMicros(absl::Now());
  int64_t seen = last.load();
  while (!last.compare_exchange_weak(seen, std::max(micros, seen + 1))) {
  }
  micros = std::max(micros, seen + 1);
  thread_local std::mt19937_64 random{std::random_device{}()};
  return absl::StrFormat("%s-%014x-%08x", prefix, static_cast<uint64_t>(micros),
                         static_cast<uint32_t>(random()));
}

google::protobuf::Timestamp ToMillis(google::protobuf::Timestamp time) {
  time.set_nanos(time.nanos() / 1'000'000 * 1'000'000);
  return time;
}

google::protobuf::Timestamp NowMillis() {
  return ToMillis(
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(absl::Now())));
}

}  // namespace omnihub::hub::store
