// hubctl: the Omnihub command line for people. Finds the command named by the first words, parses
// the global and the command's options together, runs it, and exits with hubctl's exit codes.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "tools/hubctl/command.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/hub_connection.h"

namespace {

namespace po = boost::program_options;
using omnihub::hubctl::Command;
using omnihub::hubctl::GlobalOptions;
using omnihub::hubctl::UsageError;

constexpr char kGlobalSynopsis[] = "hubctl [--hub HOST:PORT] [--json] [--timeout-ms N]";

std::vector<Command> AllCommands() {
  std::vector<Command> commands;
  omnihub::hubctl::AddCustomerCommands(commands);
  omnihub::hubctl::AddOrderCommands(commands);
  omnihub::hubctl::AddContactCommands(commands);
  omnihub::hubctl::AddCaseCommands(commands);
  omnihub::hubctl::AddHealthCommand(commands);
  omnihub::hubctl::AddTn3270Commands(commands);
  omnihub::hubctl::AddEventCommands(commands);
  omnihub::hubctl::AddCacheCommands(commands);
  omnihub::hubctl::AddMappingCommands(commands);
  omnihub::hubctl::AddIdentityCommands(commands);
  return commands;
}

std::string Words(const Command& command) {
  return command.verb.empty() ? command.group : command.group + " " + command.verb;
}

po::options_description GlobalDescription(GlobalOptions& global) {
  po::options_description options("Global options");
  options.add_options()("help,h", "show help")(
      "hub", po::value(&global.hub)->default_value(global.hub),
      "the hub's gRPC address HOST:PORT (default from $OMNIHUB_HUB, else 127.0.0.1:50051)")(
      "json", po::bool_switch(&global.json), "print the answer as JSON, for scripts")(
      "timeout-ms", po::value(&global.timeout_ms)->default_value(global.timeout_ms),
      "deadline of the call in milliseconds");
  return options;
}

void PrintUsage(std::ostream& out, const std::vector<Command>& commands,
                const po::options_description& global) {
  out << "usage: " << kGlobalSynopsis << " COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& command : commands) {
    out << "  " << Words(command) << " " << command.arguments << "\n      " << command.summary
        << "\n";
  }
  out << "\n<ref> names one customer: " << omnihub::hubctl::CustomerRefSynopsis() << "\n\n"
      << global << "\nexit codes: 0 ok, 1 other error, 2 usage error, 3 hub unreachable,\n"
      << "            4 not found, 5 invalid argument (the hub's field violations are printed)\n";
}

void PrintCommandUsage(std::ostream& out, const Command& command) {
  out << "usage: " << kGlobalSynopsis << " " << Words(command) << " " << command.arguments << "\n";
}

// Splits the arguments into the command's words and everything else (options, in order). Only
// global options may come before the words; a one-word command ("health") stops after one.
void SplitWords(int argc, char** argv, const std::vector<Command>& commands,
                std::vector<std::string>& words, std::vector<std::string>& rest) {
  int i = 1;
  auto one_word = [&](const std::string& word) {
    for (const auto& command : commands) {
      if (command.group == word && command.verb.empty()) return true;
    }
    return false;
  };
  for (; i < argc && words.size() < 2; ++i) {
    const std::string token = argv[i];
    if (token.starts_with("-")) {
      rest.push_back(token);
      if ((token == "--hub" || token == "--timeout-ms") && i + 1 < argc) rest.push_back(argv[++i]);
      continue;
    }
    words.push_back(token);
    if (words.size() == 1 && one_word(token)) {
      ++i;
      break;
    }
  }
  for (; i < argc; ++i) rest.push_back(argv[i]);
}

const Command* FindCommand(const std::vector<Command>& commands,
                           const std::vector<std::string>& words) {
  for (const auto& command : commands) {
    if (words.size() >= 1 && command.group == words[0] &&
        (command.verb.empty() ? words.size() == 1
                              : words.size() == 2 && command.verb == words[1])) {
      return &command;
    }
  }
  return nullptr;
}

int Run(int argc, char** argv) {
  const auto commands = AllCommands();
  GlobalOptions global;
  if (const char* hub = std::getenv("OMNIHUB_HUB"); hub && *hub) global.hub = hub;
  const auto global_options = GlobalDescription(global);

  std::vector<std::string> words, rest;
  SplitWords(argc, argv, commands, words, rest);
  const Command* command = FindCommand(commands, words);
  if (!command) {
    const bool help = std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
                      std::find(rest.begin(), rest.end(), "-h") != rest.end();
    if (words.empty() && help) {
      PrintUsage(std::cout, commands, global_options);
      return omnihub::hubctl::kExitOk;
    }
    std::string named;
    for (const auto& word : words) named += (named.empty() ? "" : " ") + word;
    std::cerr << "hubctl: " << (named.empty() ? "no command given" : "unknown command: " + named)
              << "\n\n";
    PrintUsage(std::cerr, commands, global_options);
    return omnihub::hubctl::kExitUsage;
  }

  po::options_description command_options(Words(*command) + " options");
  po::positional_options_description positional;
  command->add_options(command_options, positional);
  po::options_description all;
  all.add(global_options).add(command_options);
  try {
    po::variables_map flags;
    po::store(po::command_line_parser(rest).options(all).positional(positional).run(), flags);
    po::notify(flags);
    if (flags.count("help")) {
      PrintCommandUsage(std::cout, *command);
      std::cout << "  " << command->summary << "\n\n" << all << "\n";
      return omnihub::hubctl::kExitOk;
    }
    if (global.timeout_ms <= 0) throw UsageError("--timeout-ms must be positive");
    if (global.hub.empty()) throw UsageError("--hub must be HOST:PORT");
    omnihub::hubctl::HubConnection hub(global);
    return command->run(flags, hub);
  } catch (const po::too_many_positional_options_error&) {
    std::cerr << "hubctl: too many arguments for " << Words(*command) << "\n";
  } catch (const po::error& error) {
    std::cerr << "hubctl: " << error.what() << "\n";
  } catch (const UsageError& error) {
    std::cerr << "hubctl: " << error.what() << "\n";
  }
  PrintCommandUsage(std::cerr, *command);
  std::cerr << "(hubctl " << Words(*command) << " --help for its options)\n";
  return omnihub::hubctl::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "hubctl: " << error.what() << "\n";
    return omnihub::hubctl::kExitOtherError;
  }
}
