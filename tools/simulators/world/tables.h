// Reference data the world generator draws from: names, towns, streets, products, note texts.
#pragma once

#include <span>
#include <string_view>

namespace omnihub::world {

struct Town {
  std::string_view name;
  std::string_view postcode_area;  // "LS"
};

struct StreetType {
  std::string_view full;         // "Street"
  std::string_view short_upper;  // "ST"
};

struct CatalogueItem {
  std::string_view description;
  std::string_view category;
  long price_minor;
};

std::span<const std::string_view> GivenNames();
std::span<const std::string_view> FamilyNames();
std::span<const Town> Towns();
std::span<const std::string_view> StreetNames();
std::span<const StreetType> StreetTypes();
std::span<const std::string_view> Districts();
std::span<const std::string_view> EmailDomains();
std::span<const CatalogueItem> Catalogue();
std::span<const std::string_view> CategoryNames();
std::span<const int> CategoryReturnDays();            // parallel to CategoryNames()
std::span<const std::string_view> CallCentreNotes();  // upper-case, <= 70 characters
std::span<const std::string_view> WebOrderNotes();
std::span<const std::string_view> ReturnReasons();
std::span<const std::string_view> Carriers();
std::span<const std::string_view> OperatorIds();
std::span<const std::string_view> SupportAgents();

// The accented spelling customers sometimes type on the web ("Zoe" -> "Zoë"); empty when none.
std::string_view AccentedVariant(std::string_view given_name);

}  // namespace omnihub::world
