// WaitForReadyFile: reads the KEY=VALUE lines a process started for an end-to-end test writes once
// it listens (hubd --ready-file, the simulators' --ready-file).
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include "tests/core/child_process.h"

namespace omnihub::testing {

// Polls `path` until it holds `keys` distinct keys, the process exits or 30 s pass; what it read
// (fewer keys when the process failed: the caller asserts and prints the process's log).
inline std::map<std::string, std::string> WaitForReadyFile(const std::filesystem::path& path,
                                                           ChildProcess& process, size_t keys) {
  using namespace std::chrono_literals;
  std::map<std::string, std::string> values;
  for (int i = 0; i < 600 && values.size() < keys; ++i) {
    if (process.WaitForExit(0ms) != -1) break;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      const auto equals = line.find('=');
      if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    if (values.size() < keys) std::this_thread::sleep_for(50ms);
  }
  return values;
}

}  // namespace omnihub::testing
