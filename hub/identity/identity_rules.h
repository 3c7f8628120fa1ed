// IdentityRules: which identifier types link accounts automatically and which only find customers
// (hubd.xml <identity>), so the rules live in configuration rather than code.
#pragma once

#include <map>

#include "adapters/sdk/identifier_normalizer.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

using omnihub::sdk::IdentifierStrength;

// A plain value. Types not listed keep omnihub::sdk::StrengthOf: phone and postal address find
// customers but never link them (households share them); every other type links.
struct IdentityRules {
  std::map<omnihub::v1::IdentifierType, IdentifierStrength> strength;

  IdentifierStrength For(omnihub::v1::IdentifierType type) const {
    auto it = strength.find(type);
    return it != strength.end() ? it->second : omnihub::sdk::StrengthOf(type);
  }
};

}  // namespace omnihub::hub
