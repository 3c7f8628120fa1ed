#include "tools/hubctl/option_values.h"

#include <cstdio>
#include <random>

namespace omnihub::hubctl {

void AddPagingOptions(boost::program_options::options_description& options) {
  options.add_options()("page-size", boost::program_options::value<int>(), "entries per page")(
      "page-token", boost::program_options::value<std::string>(),
      "the page after the one that gave it");
}

void PrintMore(const std::string& next_page_token, std::ostream& out) {
  if (!next_page_token.empty()) out << "\nmore: --page-token " << next_page_token << "\n";
}

std::string NewKey() {
  std::random_device random;
  char key[32];
  std::snprintf(key, sizeof key, "hubctl-%08x%08x", random(), random());
  return key;
}

}  // namespace omnihub::hubctl
