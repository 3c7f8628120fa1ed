// The mainframe step: legacy customer master, store-card accounts and call-centre notes, as an
// old CICS application stores them (upper case, abbreviations, YYDDD dates, typos).
#include <algorithm>
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/tables.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

// "12 High Street" -> "12 HIGH ST".
std::string AbbreviatedUpper(std::string_view line) {
  std::string upper = Upper(line);
  for (const auto& type : StreetTypes()) {
    std::string full = " " + Upper(type.full);
    if (upper.size() > full.size() && upper.ends_with(full)) {
      return upper.substr(0, upper.size() - full.size()) + " " + std::string(type.short_upper);
    }
  }
  return upper;
}

// A data-entry slip: a dropped, doubled or swapped letter.
std::string WithTypo(Rng& rng, std::string name) {
  if (name.size() < 4) return name;
  size_t at = 1 + rng.Below(name.size() - 2);
  switch (rng.Below(3)) {
    case 0:
      name.erase(at, 1);
      break;
    case 1:
      name.insert(at, 1, name[at]);
      break;
    default:
      std::swap(name[at], name[at + 1]);
      break;
  }
  return name;
}

std::string NameUpper(std::string_view family, std::string_view given) {
  std::string name = Upper(family) + " " + Upper(given);
  if (name.size() > 30) name.resize(30);
  return name;
}

}  // namespace

static MainframeAccount MainframeFor(const Person& person, Rng& rng, Time anchor) {
  MainframeAccount account;
  account.person_id = person.person_id;
  std::string family = person.family_name;
  if (rng.Chance(0.03)) family = WithTypo(rng, family);
  account.name_upper = NameUpper(family, person.given_name);
  account.address_line1 = AbbreviatedUpper(person.address.line1);
  account.address_line2 = AbbreviatedUpper(person.address.line2);
  account.address_line3 = Upper(person.address.city);
  account.postcode = Upper(person.address.postcode);
  Time opened = anchor - days{rng.Between(365 * 8, 365 * 40)};
  account.opened = FormatYyddd(opened);
  account.credit_limit_minor = rng.Between(5, 50) * 10000;
  account.balance_minor = rng.Chance(0.3) ? 0 : rng.Between(0, account.credit_limit_minor);
  uint64_t status = rng.Below(100);
  account.status = status < 85 ? 'A' : status < 93 ? 'B' : 'C';
  if (account.status == 'C') account.balance_minor = 0;
  auto note_count = rng.Below(7);
  std::vector<Time> times;
  for (uint64_t n = 0; n < note_count; ++n) {
    times.push_back(opened + seconds{rng.Below(static_cast<uint64_t>((anchor - opened).count()))});
  }
  std::sort(times.begin(), times.end());
  for (Time at : times) {
    at = floor<days>(at) + hours{rng.Between(8, 19)} + minutes{rng.Below(60)} +
         seconds{rng.Below(60)};
    account.notes.push_back(MainframeNote{FormatCcyymmdd(at), FormatHhmmss(at),
                                          std::string(rng.Pick(OperatorIds())),
                                          std::string(rng.Pick(CallCentreNotes()))});
  }
  return account;
}

void GenerateMainframe(World& world, Plan& plan) {
  const auto& options = world.options;
  Rng numbering(options.seed, kStreamNumbering, 1);
  uint64_t next_account = 104217;
  for (size_t i = 0; i < world.people.size(); ++i) {
    Membership& member = plan.members[i];
    if (!member.mainframe) continue;
    MainframeAccount account;
    if (i == 0) {
      account = DemoMainframeAccount(options.anchor);
    } else {
      Rng rng(options.seed, kStreamMainframe, i);
      account = MainframeFor(world.people[i], rng, options.anchor);
      next_account += 1 + numbering.Below(13);
      account.account_number = Padded(next_account, 8);
      std::string payload = "7002" + Padded(next_account, 11);
      account.card_number = payload + LuhnCheckDigit(payload);
    }
    member.mainframe_index = static_cast<int>(world.mainframe_accounts.size());
    world.mainframe_accounts.push_back(std::move(account));
  }
}

}  // namespace omnihub::world
