#include "hub/common/log.h"

#include <chrono>
#include <cstdio>
#include <mutex>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace omnihub::hub {

void Log(LogLevel level, std::string_view message) {
  static std::mutex mutex;
  const char* tag = level == LogLevel::kInfo      ? "INFO"
                    : level == LogLevel::kWarning ? "WARN"
                                                  : "ERROR";
  std::string stamp = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone());
  std::lock_guard lock(mutex);
  std::fprintf(stderr, "%s %s %.*s\n", stamp.c_str(), tag, static_cast<int>(message.size()),
               message.data());
  std::fflush(stderr);
}

}  // namespace omnihub::hub
