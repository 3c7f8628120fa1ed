// What a hubctl command is: its words, its options and what it does. Each command group's file
// appends its commands to the one list main() dispatches on.
#pragma once

#include <boost/program_options.hpp>
#include <functional>
#include <string>
#include <vector>

#include "tools/hubctl/hub_connection.h"

namespace omnihub::hubctl {

struct Command {
  // The words that select it: "customer" "360"; `verb` is empty for one-word commands ("health").
  std::string group;
  std::string verb;
  // Its arguments after the words, for the usage text: "<ref> [--recent N]".
  std::string arguments;
  std::string summary;
  // Declares the command's own options and positional arguments.
  std::function<void(boost::program_options::options_description&,
                     boost::program_options::positional_options_description&)>
      add_options;
  // Makes the call and prints the answer; returns the exit code. May throw UsageError.
  std::function<int(const boost::program_options::variables_map&, HubConnection&)> run;
};

// hubd's admin address: --admin, else $OMNIHUB_ADMIN, else the --hub host with port 9464
// (identity_commands.cc).
std::string AdminAddress(const boost::program_options::variables_map& flags,
                         const HubConnection& hub);

// Command groups (one file each).
void AddCustomerCommands(std::vector<Command>& commands);
void AddOrderCommands(std::vector<Command>& commands);
void AddContactCommands(std::vector<Command>& commands);
void AddCaseCommands(std::vector<Command>& commands);
void AddHealthCommand(std::vector<Command>& commands);
void AddTn3270Commands(std::vector<Command>& commands);
void AddEventCommands(std::vector<Command>& commands);
void AddCacheCommands(std::vector<Command>& commands);
void AddMappingCommands(std::vector<Command>& commands);
void AddIdentityCommands(std::vector<Command>& commands);

}  // namespace omnihub::hubctl
