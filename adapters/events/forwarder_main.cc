// omnihub-event-forwarder: forwards change events from every publisher to every hub.
//
//   omnihub-event-forwarder --frontend tcp://127.0.0.1:5570 --backend tcp://127.0.0.1:5571
//
// Publishers (backends, connectors, simulators) connect to the frontend; each hub lists the
// backend in its <events><subscribe endpoint=.../></events>. Stops on SIGINT/SIGTERM.
#include <signal.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "adapters/events/event_forwarder.h"

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  std::string frontend;
  std::string backend;
  po::options_description options("omnihub-event-forwarder options");
  options.add_options()("help", "show this help")(
      "frontend", po::value(&frontend)->default_value("tcp://127.0.0.1:5570"),
      "where publishers connect (XSUB, bound)")(
      "backend", po::value(&backend)->default_value("tcp://127.0.0.1:5571"),
      "where hubs connect (XPUB, bound)");
  po::variables_map values;
  try {
    po::store(po::parse_command_line(argc, argv, options), values);
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << "omnihub-event-forwarder: " << error.what() << "\n" << options;
    return 2;
  }
  if (values.count("help")) {
    std::cout << options;
    return 0;
  }

  // Signals are taken synchronously by this thread, so the forwarder stops cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto forwarder = omnihub::events::EventForwarder::Start(frontend, backend);
  if (!forwarder.ok()) {
    std::cerr << "omnihub-event-forwarder: " << forwarder.status().message() << "\n";
    return 1;
  }
  std::cout << "omnihub-event-forwarder: publishers -> " << (*forwarder)->frontend() << ", hubs <- "
            << (*forwarder)->backend() << std::endl;
  int signal = 0;
  sigwait(&signals, &signal);
  (*forwarder)->Stop();
  std::cout << "omnihub-event-forwarder: stopped" << std::endl;
  return 0;
}
