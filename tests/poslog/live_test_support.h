// Test support for the POSLog live feed: a store's PUB socket and POSLog documents written by
// hand (not by the simulator's writer, so the tests do not share its assumptions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <zmq.hpp>

namespace omnihub::poslog::testing_support {

// One till transaction of business day 2026-11-29, register R01: one line of 12.50 (or
// `amount`), a sale or a Return line with a refund tender.
struct Till {
  std::string store;
  int64_t sequence = 0;
  bool is_return = false;
  std::string card = "6335000000000003";
};

inline std::string Document(const std::vector<Till>& tills, const std::string& amount = "12.50") {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<POSLog xmlns=\"http://www.nrf-arts.org/IXRetail/namespace/\">\n";
  for (const Till& t : tills) {
    const char* kind = t.is_return ? "Return" : "Sale";
    out += "<Transaction><RetailStoreID>" + t.store +
           "</RetailStoreID><WorkstationID>R01</WorkstationID><SequenceNumber>" +
           std::to_string(t.sequence) +
           "</SequenceNumber><BusinessDayDate>2026-11-29</BusinessDayDate>"
           "<EndDateTime>2026-11-29T10:00:00Z</EndDateTime><RetailTransaction><Customer>"
           "<CustomerID>" +
           t.card + "</CustomerID></Customer><LineItem><" + kind +
           "><ItemID>SKU-1</ItemID><Description>Mug</Description><Quantity>1</Quantity>"
           "<UnitListPrice>" +
           amount + "</UnitListPrice><ExtendedAmount>" + amount + "</ExtendedAmount></" + kind +
           "></LineItem><LineItem><Tender TenderType=\"" +
           (t.is_return ? "Refund\"><Amount>-" : "Cash\"><Amount>") + amount +
           "</Amount></Tender></LineItem><Total TotalType=\"TransactionGrandAmount\">" +
           (t.is_return ? "-" : "") + amount + "</Total></RetailTransaction></Transaction>\n";
  }
  return out + "</POSLog>\n";
}

// A store's side of the feed: a PUB socket bound to `endpoint` ("tcp://127.0.0.1:*" for a free
// port). Not thread-safe.
class FeedPublisher {
 public:
  explicit FeedPublisher(const std::string& endpoint) : socket_(context_, zmq::socket_type::pub) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.bind(endpoint);
    endpoint_ = socket_.get(zmq::sockopt::last_endpoint);
  }
  const std::string& endpoint() const { return endpoint_; }
  void Send(const std::vector<std::string>& frames) {
    for (size_t i = 0; i < frames.size(); ++i) {
      socket_.send(zmq::buffer(frames[i]),
                   i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none);
    }
  }

 private:
  zmq::context_t context_{1};
  zmq::socket_t socket_;
  std::string endpoint_;
};

}  // namespace omnihub::poslog::testing_support
