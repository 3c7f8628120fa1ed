// Protocol glue of one terminal connection.
#include "tools/simulators/mainframe/host_session.h"

#include <cstdio>
#include <ctime>
#include <vector>

#include "tools/simulators/mainframe/data_stream.h"

namespace omnihub::mainframe_sim {
namespace {

void Stamp(std::chrono::system_clock::time_point now, AppInput& input) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char date[32];
  char time[32];
  std::snprintf(date, sizeof date, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  std::snprintf(time, sizeof time, "%02d%02d%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
  input.date = date;
  input.time = time;
}

}  // namespace

HostSession::HostSession(const world::World& world) : application_(world) {}

std::string HostSession::Open() { return telnet_.Open(); }

std::string HostSession::Receive(std::string_view bytes,
                                 std::chrono::system_clock::time_point now) {
  std::vector<std::string> records;
  std::string out = telnet_.Feed(bytes, &records);
  if (telnet_.ready() && !started_) {
    started_ = true;
    out += telnet_.Frame(EncodeScreen(application_.Start()));
    ++screens_sent_;
  }
  for (const auto& record : records) {
    const auto inbound = ParseInbound(record);
    if (!inbound) continue;  // malformed: the terminal keeps its screen
    AppInput input = ToAppInput(*inbound, application_.current());
    Stamp(now, input);
    input.session_in_use = session_in_use_;
    out += telnet_.Frame(EncodeScreen(application_.Handle(input)));
    ++screens_sent_;
  }
  return out;
}

}  // namespace omnihub::mainframe_sim
