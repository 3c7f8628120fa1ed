// The <ref> options that name a customer (--id, --email, --phone, ...) and their translation into
// omnihub.v1.CustomerRef.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "omnihub/v1/common.pb.h"

namespace omnihub::hubctl {

// Adds --id, --email, --phone, --twitter, --facebook, --loyalty, --address, --account.
void AddCustomerRefOptions(boost::program_options::options_description& options);

// The one reference given, or nullopt when none was. Throws UsageError when several were given,
// or when --account is not SYSTEM:NUMBER.
std::optional<v1::CustomerRef> OptionalCustomerRef(
    const boost::program_options::variables_map& flags);

// As OptionalCustomerRef, but a missing reference is a UsageError too.
v1::CustomerRef RequiredCustomerRef(const boost::program_options::variables_map& flags);

// How a message names the reference: "email jane@x", "customer id C-1", "account erp:123".
std::string DescribeCustomerRef(const v1::CustomerRef& ref);

// The usage line for a reference: "(--id ID | --email X | ...)".
const char* CustomerRefSynopsis();

}  // namespace omnihub::hubctl
