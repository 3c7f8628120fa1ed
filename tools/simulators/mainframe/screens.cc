// The application's screen layouts.
#include "tools/simulators/mainframe/screens.h"

#include <algorithm>
#include <cstdlib>

namespace omnihub::mainframe_sim {
namespace {

constexpr std::string_view kSystemId = "CICSPRD1";
constexpr std::string_view kFunctionKeys = "ENTER=PROCESS  PF3=RETURN  PF12=MENU  CLEAR=REDISPLAY";
constexpr std::string_view kPagedKeys =
    "ENTER=PROCESS  PF3=RETURN  PF7=BACK  PF8=FORWARD  PF12=MENU  CLEAR=REDISPLAY";

ScreenBuilder Titled(std::string id, std::string_view title) {
  ScreenBuilder builder(std::move(id));
  builder.Text(0, 25, title, true).Text(0, 71, kSystemId);
  return builder;
}

// "ACCOUNT NUMBER ==>" with its input on row 2 (data at column 21).
void AccountPrompt(ScreenBuilder& builder, std::string_view account_input) {
  builder.Text(2, 2, "ACCOUNT NUMBER ==>").Input(2, 21, 8, "ACCOUNT", account_input);
}

void EndMarker(ScreenBuilder& builder, bool more, int page) {
  builder.Text(20, 2, more ? "MORE..." : "END OF LIST", true);
  builder.Text(20, 68, "PAGE " + std::to_string(page + 1));
}

}  // namespace

std::string Fixed(std::string_view text, size_t width) {
  std::string out(text.substr(0, width));
  out.resize(width, ' ');
  return out;
}

std::string ImpliedDecimals(int64_t minor) {
  uint64_t value =
      minor < 0 ? static_cast<uint64_t>(-(minor + 1)) + 1 : static_cast<uint64_t>(minor);
  value %= 1000000000ULL;
  std::string digits = std::to_string(value);
  return std::string(9 - digits.size(), '0') + digits;
}

Screen SignOnScreen(std::string_view user, std::string_view message) {
  auto builder = Titled("OMNS001", "OMNIHUB RETAIL - CICS SIGN-ON");
  builder.Text(3, 10, "TYPE YOUR USERID AND PASSWORD, THEN PRESS ENTER.")
      .Text(6, 10, "USERID . . . .")
      .Input(6, 26, 8, "USERID", user)
      .Text(8, 10, "PASSWORD . . .")
      .Input(8, 26, 8, "PASSWORD", "", /*hidden=*/true)
      .Message(message)
      .Keys("ENTER=SIGN ON  CLEAR=REDISPLAY");
  return builder.Build();
}

Screen MenuScreen(std::string_view user, std::string_view option, std::string_view account,
                  std::string_view message) {
  auto builder = Titled("OMNM001", "OMNIHUB CUSTOMER SERVICES - MAIN MENU");
  builder.Text(1, 71, Fixed(user, 8))
      .Text(4, 10, "1  CUSTOMER INQUIRY")
      .Text(5, 10, "2  CUSTOMER SEARCH")
      .Text(6, 10, "3  ACCOUNT NOTES")
      .Text(7, 10, "4  STORE CARD")
      .Text(8, 10, "5  ADD NOTE")
      .Text(12, 10, "OPTION  ===>")
      .Input(12, 24, 1, "OPTION", option)
      .Text(14, 10, "ACCOUNT ===>")
      .Input(14, 24, 8, "ACCOUNT", account)
      .Text(14, 34, "(OPTIONAL FOR 1, 3, 4, 5)")
      .Message(message)
      .Keys("ENTER=SELECT  PF3=SIGN OFF  CLEAR=REDISPLAY");
  return builder.Build();
}

Screen InquiryScreen(std::string_view account_input, const world::MainframeAccount* account,
                     std::string_view message) {
  auto builder = Titled("OMNI001", "CUSTOMER INQUIRY");
  AccountPrompt(builder, account_input);
  if (account != nullptr) {
    builder.Text(4, 2, "NAME . . . . :")
        .Text(4, 18, Fixed(account->name_upper, 30), true)
        .Text(5, 2, "ADDRESS  . . :")
        .Text(5, 18, Fixed(account->address_line1, 30), true)
        .Text(6, 18, Fixed(account->address_line2, 30), true)
        .Text(7, 18, Fixed(account->address_line3, 30), true)
        .Text(8, 2, "POSTCODE . . :")
        .Text(8, 18, Fixed(account->postcode, 8), true)
        .Text(9, 2, "OPENED YYDDD :")
        .Text(9, 18, Fixed(account->opened, 5), true)
        .Text(10, 2, "STORE CARD . :")
        .Text(10, 18, Fixed(account->card_number, 16), true);
  }
  builder.Message(message).Keys(kFunctionKeys);
  return builder.Build();
}

Screen SearchScreen(std::string_view surname, std::string_view postcode,
                    const std::vector<const world::MainframeAccount*>& results, int page,
                    bool searched, std::string_view message) {
  auto builder = Titled("OMNL001", "CUSTOMER SEARCH");
  builder.Text(2, 2, "SURNAME  ==>")
      .Input(2, 16, 20, "SURNAME", surname)
      .Text(2, 38, "POSTCODE ==>")
      .Input(2, 52, 8, "POSTCODE", postcode);
  if (searched) {
    builder.Text(4, 2, Fixed("ACCOUNT", 10) + Fixed("NAME", 32) + Fixed("TOWN", 22) + "POSTCODE",
                 true);
    const size_t first = static_cast<size_t>(page) * kSearchPageSize;
    const size_t last = std::min(results.size(), first + kSearchPageSize);
    for (size_t i = first; i < last; ++i) {
      const auto& row = *results[i];
      builder.Text(5 + static_cast<int>(i - first), 2,
                   Fixed(row.account_number, 10) + Fixed(row.name_upper, 32) +
                       Fixed(row.address_line3, 22) + Fixed(row.postcode, 8));
    }
    EndMarker(builder, last < results.size(), page);
  }
  builder.Message(message).Keys(kPagedKeys);
  return builder.Build();
}

Screen NotesScreen(std::string_view account_input, const world::MainframeAccount* account,
                   const std::vector<world::MainframeNote>& notes_newest_first, int page,
                   std::string_view message) {
  auto builder = Titled("OMNN001", "ACCOUNT NOTES");
  AccountPrompt(builder, account_input);
  if (account != nullptr) {
    builder.Text(2, 32, Fixed(account->name_upper, 30), true)
        .Text(4, 2, "DATE     TIME   OPERATOR  NOTE", true);
    const size_t first = static_cast<size_t>(page) * kNotesPageSize;
    const size_t last = std::min(notes_newest_first.size(), first + kNotesPageSize);
    for (size_t i = first; i < last; ++i) {
      const auto& note = notes_newest_first[i];
      const int row = 5 + 2 * static_cast<int>(i - first);
      builder.Text(
          row, 2,
          Fixed(note.date, 8) + " " + Fixed(note.time, 6) + " " + Fixed(note.operator_id, 8));
      builder.Text(row + 1, 6, Fixed(note.text, 70));
    }
    EndMarker(builder, last < notes_newest_first.size(), page);
  }
  builder.Message(message).Keys(kPagedKeys);
  return builder.Build();
}

Screen StoreCardScreen(std::string_view account_input, const world::MainframeAccount* account,
                       std::string_view message) {
  auto builder = Titled("OMNC001", "STORE CARD ACCOUNT");
  AccountPrompt(builder, account_input);
  if (account != nullptr) {
    builder.Text(4, 2, "NAME . . . . :")
        .Text(4, 18, Fixed(account->name_upper, 30), true)
        .Text(6, 2, "CARD NUMBER  :")
        .Text(6, 18, Fixed(account->card_number, 16), true)
        .Text(7, 2, "BALANCE  . . :")
        .Text(7, 18, ImpliedDecimals(account->balance_minor), true)
        .Text(7, 28, account->balance_minor < 0 ? "CR" : "  ")
        .Text(8, 2, "CREDIT LIMIT :")
        .Text(8, 18, ImpliedDecimals(account->credit_limit_minor), true)
        .Text(9, 2, "STATUS . . . :")
        .Text(9, 18, std::string(1, account->status), true)
        .Text(9, 24, "(A=ACTIVE B=BLOCKED C=CLOSED)");
  }
  builder.Message(message).Keys(kFunctionKeys);
  return builder.Build();
}

Screen AddNoteScreen(std::string_view account_input, const world::MainframeAccount* account,
                     std::string_view note, std::string_view message) {
  auto builder = Titled("OMNA001", "ADD ACCOUNT NOTE");
  AccountPrompt(builder, account_input);
  if (account != nullptr) builder.Text(2, 32, Fixed(account->name_upper, 30), true);
  builder.Text(5, 2, "NOTE TEXT (UP TO 70 CHARACTERS), THEN PRESS ENTER:")
      .Input(6, 2, 70, "NOTE", note)
      .Message(message)
      .Keys(kFunctionKeys);
  if (account != nullptr) builder.Cursor(6, 2);
  return builder.Build();
}

}  // namespace omnihub::mainframe_sim
