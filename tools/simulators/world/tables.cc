#include "tools/simulators/world/tables.h"

#include <array>

namespace omnihub::world {
namespace {

using namespace std::string_view_literals;

constexpr std::array kGiven = {
    "Oliver"sv,   "George"sv,  "Harry"sv,     "Jack"sv,     "Jacob"sv,  "Noah"sv,      "Charlie"sv,
    "Thomas"sv,   "Oscar"sv,   "William"sv,   "James"sv,    "Henry"sv,  "Leo"sv,       "Alfie"sv,
    "Joshua"sv,   "Freddie"sv, "Archie"sv,    "Ethan"sv,    "Isaac"sv,  "Alexander"sv, "Joseph"sv,
    "Samuel"sv,   "Daniel"sv,  "Logan"sv,     "Edward"sv,   "Lucas"sv,  "Max"sv,       "Mohammed"sv,
    "Benjamin"sv, "Mason"sv,   "Jose"sv,      "Andre"sv,    "Noel"sv,   "David"sv,     "Peter"sv,
    "Michael"sv,  "John"sv,    "Robert"sv,    "Paul"sv,     "Mark"sv,   "Olivia"sv,    "Amelia"sv,
    "Isla"sv,     "Ava"sv,     "Emily"sv,     "Sophia"sv,   "Grace"sv,  "Mia"sv,       "Poppy"sv,
    "Ella"sv,     "Lily"sv,    "Evie"sv,      "Isabella"sv, "Sophie"sv, "Ivy"sv,       "Freya"sv,
    "Harper"sv,   "Willow"sv,  "Charlotte"sv, "Jessica"sv,  "Zoe"sv,    "Chloe"sv,     "Renee"sv,
    "Sarah"sv,    "Emma"sv,    "Laura"sv,     "Rachel"sv,   "Hannah"sv, "Rebecca"sv,   "Lucy"sv,
    "Helen"sv,    "Claire"sv,  "Susan"sv,     "Margaret"sv, "Anne"sv,   "Priya"sv,     "Aisha"sv,
    "Fatima"sv,   "Siobhan"sv, "Niamh"sv,     "Jane"sv};

constexpr std::array kFamily = {
    "Smith"sv,      "Jones"sv,     "Williams"sv, "Taylor"sv,   "Brown"sv,    "Davies"sv,
    "Evans"sv,      "Wilson"sv,    "Thomas"sv,   "Johnson"sv,  "Roberts"sv,  "Robinson"sv,
    "Thompson"sv,   "Wright"sv,    "Walker"sv,   "White"sv,    "Edwards"sv,  "Hughes"sv,
    "Green"sv,      "Hall"sv,      "Lewis"sv,    "Harris"sv,   "Clarke"sv,   "Patel"sv,
    "Jackson"sv,    "Wood"sv,      "Turner"sv,   "Martin"sv,   "Cooper"sv,   "Hill"sv,
    "Ward"sv,       "Morris"sv,    "Moore"sv,    "Clark"sv,    "Lee"sv,      "King"sv,
    "Baker"sv,      "Harrison"sv,  "Morgan"sv,   "Allen"sv,    "James"sv,    "Scott"sv,
    "Phillips"sv,   "Watson"sv,    "Davis"sv,    "Parker"sv,   "Price"sv,    "Bennett"sv,
    "Young"sv,      "Griffiths"sv, "Mitchell"sv, "Kelly"sv,    "Cook"sv,     "Carter"sv,
    "Richardson"sv, "Bailey"sv,    "Collins"sv,  "Bell"sv,     "Shaw"sv,     "Murphy"sv,
    "Miller"sv,     "Cox"sv,       "Richards"sv, "Khan"sv,     "Marshall"sv, "Anderson"sv,
    "Simpson"sv,    "Ellis"sv,     "Adams"sv,    "Singh"sv,    "Begum"sv,    "Wilkinson"sv,
    "Foster"sv,     "Chapman"sv,   "Powell"sv,   "Webb"sv,     "Rogers"sv,   "Gray"sv,
    "Mason"sv,      "Ali"sv,       "Hunt"sv,     "Hussain"sv,  "Campbell"sv, "Matthews"sv,
    "Owen"sv,       "Palmer"sv,    "Holmes"sv,   "Mills"sv,    "Barnes"sv,   "Knight"sv,
    "Lloyd"sv,      "Butler"sv,    "Russell"sv,  "Barker"sv,   "Fisher"sv,   "Stevens"sv,
    "Jenkins"sv,    "O'Brien"sv,   "Dixon"sv,    "Fletcher"sv, "Doe"sv};

constexpr std::array kTowns = {
    Town{"Leeds", "LS"},     Town{"Manchester", "M"},      Town{"Birmingham", "B"},
    Town{"Liverpool", "L"},  Town{"Sheffield", "S"},       Town{"Bristol", "BS"},
    Town{"Newcastle", "NE"}, Town{"Nottingham", "NG"},     Town{"Leicester", "LE"},
    Town{"Coventry", "CV"},  Town{"Bradford", "BD"},       Town{"Cardiff", "CF"},
    Town{"Edinburgh", "EH"}, Town{"Glasgow", "G"},         Town{"York", "YO"},
    Town{"Oxford", "OX"},    Town{"Cambridge", "CB"},      Town{"Norwich", "NR"},
    Town{"Brighton", "BN"},  Town{"Southampton", "SO"},    Town{"Plymouth", "PL"},
    Town{"Exeter", "EX"},    Town{"Reading", "RG"},        Town{"Derby", "DE"},
    Town{"Hull", "HU"},      Town{"Stoke-on-Trent", "ST"}, Town{"Wakefield", "WF"},
    Town{"Harrogate", "HG"}, Town{"Bath", "BA"},           Town{"London", "SE"}};

constexpr std::array kStreets = {
    "High"sv,        "Station"sv, "Church"sv,   "Victoria"sv, "Park"sv,    "Main"sv,
    "Mill"sv,        "Queen"sv,   "King"sv,     "London"sv,   "Manor"sv,   "York"sv,
    "Albert"sv,      "Chapel"sv,  "Green"sv,    "New"sv,      "North"sv,   "South"sv,
    "Springfield"sv, "West"sv,    "Grange"sv,   "Kingsway"sv, "Windsor"sv, "Highfield"sv,
    "Orchard"sv,     "Meadow"sv,  "Oak"sv,      "Elm"sv,      "Beech"sv,   "Willow"sv,
    "Cedar"sv,       "Stanley"sv, "Hawthorn"sv, "Moor"sv,     "Broad"sv,   "Castle"sv};

constexpr std::array kStreetTypes = {
    StreetType{"Street", "ST"},    StreetType{"Road", "RD"},       StreetType{"Avenue", "AVE"},
    StreetType{"Lane", "LN"},      StreetType{"Drive", "DR"},      StreetType{"Close", "CL"},
    StreetType{"Gardens", "GDNS"}, StreetType{"Crescent", "CRES"}, StreetType{"Place", "PL"},
    StreetType{"Terrace", "TER"},  StreetType{"Way", "WAY"},       StreetType{"Grove", "GRO"}};

constexpr std::array kDistricts = {"Headingley"sv, "Chapel Allerton"sv, "Didsbury"sv,
                                   "Moseley"sv,    "Clifton"sv,         "Jesmond"sv,
                                   "Roundhay"sv,   "Horsforth"sv,       "Ecclesall"sv};

constexpr std::array kDomains = {"gmail.com"sv,   "hotmail.co.uk"sv,  "outlook.com"sv,
                                 "yahoo.co.uk"sv, "btinternet.com"sv, "icloud.com"sv,
                                 "sky.com"sv,     "live.co.uk"sv,     "virginmedia.com"sv};

constexpr std::array kCategoryNames = {"CLOTHING"sv,   "FOOTWEAR"sv, "HOME"sv,
                                       "ELECTRICAL"sv, "BEAUTY"sv,   "TOYS"sv};
constexpr std::array kCategoryReturnDays = {30, 30, 28, 14, 14, 60};

constexpr std::array kCatalogue = {CatalogueItem{"Merino crew neck jumper", "CLOTHING", 4500},
                                   CatalogueItem{"Slim fit chinos", "CLOTHING", 3500},
                                   CatalogueItem{"Waterproof parka", "CLOTHING", 12000},
                                   CatalogueItem{"Cotton t-shirt 3 pack", "CLOTHING", 1800},
                                   CatalogueItem{"Linen shirt", "CLOTHING", 3000},
                                   CatalogueItem{"Wrap midi dress", "CLOTHING", 5500},
                                   CatalogueItem{"Leather chelsea boots", "FOOTWEAR", 8900},
                                   CatalogueItem{"Running trainers", "FOOTWEAR", 6500},
                                   CatalogueItem{"Canvas plimsolls", "FOOTWEAR", 2500},
                                   CatalogueItem{"Sheepskin slippers", "FOOTWEAR", 3900},
                                   CatalogueItem{"Egyptian cotton duvet cover", "HOME", 6000},
                                   CatalogueItem{"Stoneware dinner set 12pc", "HOME", 7500},
                                   CatalogueItem{"Scented candle", "HOME", 1500},
                                   CatalogueItem{"Bath towel bale", "HOME", 4000},
                                   CatalogueItem{"Cast iron casserole 24cm", "HOME", 9500},
                                   CatalogueItem{"Cordless kettle", "ELECTRICAL", 3500},
                                   CatalogueItem{"4-slice toaster", "ELECTRICAL", 4500},
                                   CatalogueItem{"Bluetooth speaker", "ELECTRICAL", 7900},
                                   CatalogueItem{"Hair dryer 2200W", "ELECTRICAL", 4900},
                                   CatalogueItem{"Stand mixer", "ELECTRICAL", 24900},
                                   CatalogueItem{"Moisturiser 50ml", "BEAUTY", 1800},
                                   CatalogueItem{"Eau de parfum 100ml", "BEAUTY", 6800},
                                   CatalogueItem{"Lipstick", "BEAUTY", 1400},
                                   CatalogueItem{"Wooden train set", "TOYS", 3500},
                                   CatalogueItem{"Building bricks 500pc", "TOYS", 2900},
                                   CatalogueItem{"Plush bear", "TOYS", 1600}};

constexpr std::array kCallCentreNotes = {
    "CUST CALLED RE BALANCE ENQUIRY. ADVISED OF MIN PAYMENT."sv,
    "CUST REQ CREDIT LIMIT INCREASE. DECLINED PER POLICY."sv,
    "CARD REPORTED LOST. BLOCKED AND REPLACEMENT ORDERED."sv,
    "CHANGE OF ADDRESS VERIFIED. CONFIRMATION LETTER SENT."sv,
    "PAYMENT ARRANGEMENT AGREED 3 MONTHS."sv,
    "CUST QUERIED INTEREST CHARGE. REFUNDED AS GOODWILL."sv,
    "STATEMENT COPY REQUESTED. SENT BY POST."sv,
    "DD MANDATE SET UP FOR FULL BALANCE."sv,
    "CUST COMPLAINED RE LATE DELIVERY OF CATALOGUE ORDER."sv,
    "PASSED SECURITY. UPDATED TEL NO."sv,
    "CUST ASKED TO CLOSE ACCOUNT. RETENTION OFFER DECLINED."sv,
    "DISPUTED TRANSACTION RAISED WITH STORE."sv};

constexpr std::array kWebNotes = {"Please leave with neighbour at no. 14"sv,
                                  "Gift - please do not include receipt"sv,
                                  "Customer asked for an update on delivery"sv,
                                  "Delivery address confirmed by phone"sv,
                                  "Courier reported failed delivery attempt"sv,
                                  "Customer requested a size exchange"sv,
                                  "Safe place: porch"sv};

constexpr std::array kReturnReasons = {"Too small"sv, "Too large"sv,        "Changed mind"sv,
                                       "Faulty"sv,    "Not as described"sv, "Arrived damaged"sv};

constexpr std::array kCarriers = {"Royal Mail"sv, "DPD"sv, "Evri"sv, "DHL"sv};

constexpr std::array kOperators = {"CSR0412"sv, "CSR0077"sv, "CSR1130"sv, "CSR0921"sv,
                                   "CSR0305"sv, "SUP0012"sv, "CSR0648"sv, "BATCH01"sv};

constexpr std::array kSupportAgents = {"support:amy"sv, "support:raj"sv, "support:tom"sv,
                                       "support:kate"sv};

}  // namespace

std::span<const std::string_view> GivenNames() { return kGiven; }
std::span<const std::string_view> FamilyNames() { return kFamily; }
std::span<const Town> Towns() { return kTowns; }
std::span<const std::string_view> StreetNames() { return kStreets; }
std::span<const StreetType> StreetTypes() { return kStreetTypes; }
std::span<const std::string_view> Districts() { return kDistricts; }
std::span<const std::string_view> EmailDomains() { return kDomains; }
std::span<const CatalogueItem> Catalogue() { return kCatalogue; }
std::span<const std::string_view> CategoryNames() { return kCategoryNames; }
std::span<const int> CategoryReturnDays() { return kCategoryReturnDays; }
std::span<const std::string_view> CallCentreNotes() { return kCallCentreNotes; }
std::span<const std::string_view> WebOrderNotes() { return kWebNotes; }
std::span<const std::string_view> ReturnReasons() { return kReturnReasons; }
std::span<const std::string_view> Carriers() { return kCarriers; }
std::span<const std::string_view> OperatorIds() { return kOperators; }
std::span<const std::string_view> SupportAgents() { return kSupportAgents; }

std::string_view AccentedVariant(std::string_view given_name) {
  if (given_name == "Zoe") return "Zoë";
  if (given_name == "Chloe") return "Chloë";
  if (given_name == "Renee") return "Renée";
  if (given_name == "Jose") return "José";
  if (given_name == "Andre") return "André";
  if (given_name == "Noel") return "Noël";
  return {};
}

}  // namespace omnihub::world
