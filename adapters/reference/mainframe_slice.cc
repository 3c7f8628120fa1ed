// The mainframe's view: customer master (upper-case, abbreviated), store-card account and
// call-centre notes, mapped to canonical records exactly as held.
#include <charconv>

#include "adapters/reference/canonical.h"
#include "adapters/reference/slice.h"

namespace omnihub::reference {
namespace {

using namespace std::chrono;
using world::MainframeAccount;

int Digits(std::string_view text) {
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// YYDDD with a 1950 century window, as the COBOL programs read it.
world::Time FromYyddd(std::string_view yyddd) {
  int yy = Digits(yyddd.substr(0, 2));
  int year_number = yy >= 50 ? 1900 + yy : 2000 + yy;
  return world::Time{sys_days{year{year_number} / January / 1} + days{Digits(yyddd.substr(2)) - 1}};
}

world::Time FromNoteStamp(const world::MainframeNote& note) {
  year_month_day day{year{Digits(note.date.substr(0, 4))},
                     month{static_cast<unsigned>(Digits(note.date.substr(4, 2)))},
                     std::chrono::day{static_cast<unsigned>(Digits(note.date.substr(6, 2)))}};
  return world::Time{sys_days{day}} + hours{Digits(note.time.substr(0, 2))} +
         minutes{Digits(note.time.substr(2, 2))} + seconds{Digits(note.time.substr(4, 2))};
}

std::string StatusName(char status) {
  switch (status) {
    case 'A':
      return "ACTIVE";
    case 'B':
      return "BLOCKED";
    case 'C':
      return "CLOSED";
    default:
      return std::string("UNKNOWN_") + status;
  }
}

class MainframeSlice : public Slice {
 public:
  MainframeSlice(std::shared_ptr<const world::World> world, SliceNames names)
      : world_(std::move(world)), names_(std::move(names)) {}

  // omnihub::reference::Slice
  sdk::Capabilities capabilities() const override {
    return {sdk::Capability::kProfile, sdk::Capability::kContacts, sdk::Capability::kLoyalty,
            sdk::Capability::kIdentityScan};
  }
  size_t size() const override { return world_->mainframe_accounts.size(); }
  bool Holds(std::string_view account_id) const override {
    return world_->mainframe_account(account_id) != nullptr;
  }

  sdk::AccountIdentity Identity(size_t index) const override {
    const MainframeAccount& account = world_->mainframe_accounts[index];
    sdk::AccountIdentity identity;
    identity.account_id = account.account_number;
    identity.identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, account.account_number, names_.system));
    identity.identifiers.push_back(
        MakeIdentifier(v1::IDENTIFIER_TYPE_POSTAL_ADDRESS, OneLineAddress(account)));
    identity.display_name = account.name_upper;
    identity.postal_code = account.postcode;
    return identity;
  }

  void Fill(std::string_view account_id, const sdk::FetchRequest& request,
            sdk::SourceData& data) const override {
    // The world indexes accounts by number at generation.
    const MainframeAccount& account = *world_->mainframe_account(account_id);
    if (Wants(request, v1::SECTION_PROFILE) && !data.profile) data.profile = Profile(account);
    if (Wants(request, v1::SECTION_LOYALTY) && !data.loyalty) data.loyalty = Loyalty(account);
    if (Wants(request, v1::SECTION_CONTACTS)) {
      for (size_t n = 0; n < account.notes.size(); ++n) {
        data.contacts.push_back(NoteContact(account, n));
      }
      NewestFirst(data.contacts, RecentLimit(request),
                  [](const v1::Contact& contact) { return contact.occurred_at().seconds(); });
    }
  }

 private:
  static std::string OneLineAddress(const MainframeAccount& account) {
    return JoinNonEmpty(
        {account.address_line1, account.address_line2, account.address_line3, account.postcode},
        ", ");
  }

  v1::Customer Profile(const MainframeAccount& account) const {
    v1::Customer customer;
    customer.set_display_name(account.name_upper);
    // One name field, "SURNAME GIVEN".
    auto space = account.name_upper.find(' ');
    customer.set_family_name(account.name_upper.substr(0, space));
    if (space != std::string::npos) customer.set_given_name(account.name_upper.substr(space + 1));
    auto* address = customer.mutable_address();
    for (const auto* line : {&account.address_line1, &account.address_line2}) {
      if (!line->empty()) address->add_lines(*line);
    }
    address->set_locality(account.address_line3);
    address->set_postal_code(account.postcode);
    address->set_country_code("GB");
    SetTime(FromYyddd(account.opened), customer.mutable_customer_since());
    *customer.add_identifiers() =
        MakeIdentifier(v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, account.account_number, names_.system);
    auto* linked = customer.add_accounts();
    linked->set_system(names_.system);
    linked->set_account_id(account.account_number);
    return customer;
  }

  v1::LoyaltySummary Loyalty(const MainframeAccount& account) const {
    v1::LoyaltySummary loyalty;
    loyalty.set_source_system(names_.system);
    auto* card = loyalty.mutable_store_card();
    card->set_account_number(account.card_number);
    SetMoney(account.balance_minor, "GBP", card->mutable_balance());
    SetMoney(account.credit_limit_minor, "GBP", card->mutable_credit_limit());
    card->set_status(StatusName(account.status));
    card->set_source_system(names_.system);
    return loyalty;
  }

  v1::Contact NoteContact(const MainframeAccount& account, size_t n) const {
    const auto& note = account.notes[n];
    v1::Contact contact;
    contact.set_contact_id(names_.system + ":" + account.account_number + ":" +
                           std::to_string(n + 1));
    contact.set_channel(v1::CONTACT_CHANNEL_PHONE);
    contact.set_direction(v1::CONTACT_DIRECTION_INBOUND);
    SetTime(FromNoteStamp(note), contact.mutable_occurred_at());
    contact.set_agent_id(note.operator_id);
    contact.set_summary(note.text);
    contact.set_source_system(names_.system);
    return contact;
  }

  std::shared_ptr<const world::World> world_;
  SliceNames names_;
};

}  // namespace

std::unique_ptr<Slice> MakeMainframeSlice(std::shared_ptr<const world::World> world,
                                          SliceNames names) {
  return std::make_unique<MainframeSlice>(std::move(world), std::move(names));
}

}  // namespace omnihub::reference
