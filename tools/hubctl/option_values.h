// Option values several hubctl commands read alike: paging, enum labels ("phone", "resolved")
// and idempotency keys.
#pragma once

#include <boost/program_options.hpp>
#include <cctype>
#include <ostream>
#include <string>

#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/format.h"

namespace omnihub::hubctl {

// --page-size N and --page-token T.
void AddPagingOptions(boost::program_options::options_description& options);

// Sets the request's page_size and page_token from those options.
template <typename Request>
void SetPaging(const boost::program_options::variables_map& flags, Request& request) {
  if (flags.count("page-size")) request.set_page_size(flags["page-size"].as<int>());
  if (flags.count("page-token")) request.set_page_token(flags["page-token"].as<std::string>());
}

// "more: --page-token T" when there is a next page.
void PrintMore(const std::string& next_page_token, std::ostream& out);

// "phone" -> CONTACT_CHANNEL_PHONE, "in-progress" -> ..._IN_PROGRESS: the value of `Enum` named
// `prefix` + the label in upper case ('-' for '_'), among values first..last; UsageError naming
// `option` and the known labels otherwise.
template <typename Enum>
Enum ParseLabel(const std::string& text, const std::string& prefix, const char* option,
                bool (*parse)(const std::string&, Enum*), const std::string& (*name)(Enum),
                int first, int last) {
  std::string upper;
  for (char c : text) upper += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  Enum value{};
  if (!text.empty() && parse(prefix + upper, &value) && static_cast<int>(value) >= first) {
    return value;
  }
  std::string known;
  for (int i = first; i <= last; ++i) {
    known += (known.empty() ? "" : ", ") + EnumLabel(name(static_cast<Enum>(i)), prefix);
  }
  throw UsageError(std::string("unknown ") + option + " '" + text + "' (known: " + known + ")");
}

// A key for one run of a command, when none is given: retrying the same command then writes
// again; give --key to retry safely.
std::string NewKey();

}  // namespace omnihub::hubctl
