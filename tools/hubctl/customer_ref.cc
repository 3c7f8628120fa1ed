// The <ref> options that name a customer, and their translation into omnihub.v1.CustomerRef.
#include "tools/hubctl/customer_ref.h"

#include <array>
#include <vector>

#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

struct RefOption {
  const char* flag;
  const char* help;
  v1::IdentifierType type;  // UNSPECIFIED for --id
  const char* noun;         // how messages name it
};

constexpr std::array<RefOption, 8> kRefOptions{{
    {"id", "the hub's customer id", v1::IDENTIFIER_TYPE_UNSPECIFIED, "customer id"},
    {"email", "e-mail address (any case)", v1::IDENTIFIER_TYPE_EMAIL, "email"},
    {"phone", "telephone number, any common format", v1::IDENTIFIER_TYPE_PHONE, "phone"},
    {"twitter", "Twitter/X handle, with or without '@'", v1::IDENTIFIER_TYPE_TWITTER_HANDLE,
     "twitter"},
    {"facebook", "Facebook user id", v1::IDENTIFIER_TYPE_FACEBOOK_ID, "facebook"},
    {"loyalty", "loyalty card number", v1::IDENTIFIER_TYPE_LOYALTY_CARD, "loyalty card"},
    {"address", "postal address on one line", v1::IDENTIFIER_TYPE_POSTAL_ADDRESS, "address"},
    {"account", "SYSTEM:NUMBER, an account in one backend", v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER,
     "account"},
}};

const RefOption* FindByType(v1::IdentifierType type) {
  for (const auto& option : kRefOptions) {
    if (option.type == type) return &option;
  }
  return nullptr;
}

}  // namespace

void AddCustomerRefOptions(po::options_description& options) {
  for (const auto& option : kRefOptions) {
    options.add_options()(option.flag, po::value<std::string>(), option.help);
  }
}

std::optional<v1::CustomerRef> OptionalCustomerRef(const po::variables_map& flags) {
  std::vector<const RefOption*> given;
  for (const auto& option : kRefOptions) {
    if (flags.count(option.flag)) given.push_back(&option);
  }
  if (given.empty()) return std::nullopt;
  if (given.size() > 1) {
    throw UsageError(std::string("give exactly one customer reference, not both --") +
                     given[0]->flag + " and --" + given[1]->flag);
  }
  const RefOption& option = *given.front();
  const auto value = flags[option.flag].as<std::string>();
  v1::CustomerRef ref;
  if (option.type == v1::IDENTIFIER_TYPE_UNSPECIFIED) {
    ref.set_customer_id(value);
    return ref;
  }
  auto* identifier = ref.mutable_identifier();
  identifier->set_type(option.type);
  identifier->set_value(value);
  if (option.type == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER) {
    const auto colon = value.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == value.size()) {
      throw UsageError("--account takes SYSTEM:NUMBER, e.g. --account erp:C001234");
    }
    identifier->set_system(value.substr(0, colon));
    identifier->set_value(value.substr(colon + 1));
  }
  return ref;
}

v1::CustomerRef RequiredCustomerRef(const po::variables_map& flags) {
  auto ref = OptionalCustomerRef(flags);
  if (!ref) {
    throw UsageError(std::string("name the customer with one of ") + CustomerRefSynopsis());
  }
  return *ref;
}

std::string DescribeCustomerRef(const v1::CustomerRef& ref) {
  if (ref.has_customer_id()) return "customer id " + ref.customer_id();
  const auto& identifier = ref.identifier();
  const RefOption* option = FindByType(identifier.type());
  const std::string noun = option ? option->noun : "identifier";
  if (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER) {
    return noun + " " + identifier.system() + ":" + identifier.value();
  }
  return noun + " " + identifier.value();
}

const char* CustomerRefSynopsis() {
  return "(--id ID | --email X | --phone X | --twitter X | --facebook X | --loyalty X | "
         "--address X | --account SYSTEM:NUMBER)";
}

}  // namespace omnihub::hubctl
