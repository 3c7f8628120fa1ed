// StoreOptions: where the hub's own store is and how it is reached (hubd.xml <store>). A plain
// struct with no dependencies, so the configuration can carry it.
#pragma once

#include <chrono>
#include <string>

namespace omnihub::hub {

struct StoreOptions {
  // An ODBC connection string or DSN (PostgreSQL in production, shared by every hub). May hold a
  // password: never logged or shown (odbc::RedactCredentials). Empty: the SQLite file below.
  std::string connection;
  // The SQLite file used when `connection` is empty; created, with its directory, when missing.
  // A relative path is relative to hubd's working directory.
  std::string sqlite_file = ".run/hub-store.db";
  // Database connections and the threads that use them (ODBC calls block: they never run on a
  // gRPC or I/O thread), and the requests that may wait for a thread.
  int pool_size = 2;  // 1..64
  int threads = 2;    // 1..64
  int queue_limit = 256;
  // Each statement's and each connection attempt's limit.
  std::chrono::milliseconds timeout{10000};
  // How often the hub reads the identity links other hubs sharing the store recorded (0: only
  // when it makes a change itself, and at start-up).
  std::chrono::milliseconds refresh_interval{5000};
};

}  // namespace omnihub::hub
