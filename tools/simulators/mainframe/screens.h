// The CICS-like application's screens, one function per screen id. Pure: the data in, a Screen
// out. Layouts (24x80) are documented in README.md; every screen carries its id at row 0,
// column 1, a message on row 22 and a key legend on row 23.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tools/simulators/mainframe/screen.h"
#include "tools/simulators/world/world.h"

namespace omnihub::mainframe_sim {

inline constexpr int kSearchPageSize = 14;  // list rows per search page
inline constexpr int kNotesPageSize = 7;    // notes per page (two rows each)

// OMNS001: USERID and a hidden PASSWORD.
Screen SignOnScreen(std::string_view user, std::string_view message);
// OMNM001: OPTION (1-5) and an optional ACCOUNT.
Screen MenuScreen(std::string_view user, std::string_view option, std::string_view account,
                  std::string_view message);
// OMNI001: ACCOUNT input; the account's master data when `account` is not null.
Screen InquiryScreen(std::string_view account_input, const world::MainframeAccount* account,
                     std::string_view message);
// OMNL001: SURNAME and POSTCODE inputs; page `page` (0-based) of `results`.
Screen SearchScreen(std::string_view surname, std::string_view postcode,
                    const std::vector<const world::MainframeAccount*>& results, int page,
                    bool searched, std::string_view message);
// OMNN001: ACCOUNT input; page `page` of `notes_newest_first` when `account` is not null.
Screen NotesScreen(std::string_view account_input, const world::MainframeAccount* account,
                   const std::vector<world::MainframeNote>& notes_newest_first, int page,
                   std::string_view message);
// OMNC001: ACCOUNT input; card number, balance and limit as PIC 9(7)V99 digits, status code.
Screen StoreCardScreen(std::string_view account_input, const world::MainframeAccount* account,
                       std::string_view message);
// OMNA001: ACCOUNT and NOTE (70 characters) inputs.
Screen AddNoteScreen(std::string_view account_input, const world::MainframeAccount* account,
                     std::string_view note, std::string_view message);

// "12345" pence -> "000012345": PIC 9(7)V99 without the decimal point (absolute value; amounts
// beyond the picture keep their low nine digits).
std::string ImpliedDecimals(int64_t minor);
// Left-justified, blank-padded or truncated to `width`.
std::string Fixed(std::string_view text, size_t width);

}  // namespace omnihub::mainframe_sim
