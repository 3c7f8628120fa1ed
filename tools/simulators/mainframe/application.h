// The CICS-like customer application of the mainframe simulator: one instance per terminal
// session, a pure state machine (state + input -> next screen) over a shared, read-only world.
//
// Sign-on: any non-empty USERID with the password "OMNIHUB" (input is upper-cased, as CICS
// does). Notes added with "5 ADD NOTE" live in this session only (its own view of the world);
// other sessions and restarts do not see them.
//
// Thread-safety: not synchronised; one session's io strand uses it. `world` must outlive it and
// is only read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tools/simulators/mainframe/screen.h"
#include "tools/simulators/world/world.h"

namespace omnihub::mainframe_sim {

inline constexpr std::string_view kPassword = "OMNIHUB";

enum class Aid { kEnter, kClear, kPf, kPa, kOther };

// What the terminal sent: the key, the modified fields by name, and the host's clock (injected so
// that the logic stays pure).
struct AppInput {
  Aid aid = Aid::kEnter;
  int key_number = 0;  // PF1-PF24 / PA1-PA3
  FieldValues fields;
  std::string date = "20261101";  // CCYYMMDD
  std::string time = "120000";    // HHMMSS
  // The host's "session in use" condition (a fault mode): a correct sign-on is then refused with
  // OMN0409E, as CICS refuses a user id that is already signed on elsewhere.
  bool session_in_use = false;
};

class Application {
 public:
  explicit Application(const world::World& world);

  // The first screen (sign-on).
  const Screen& Start();
  // Handles one input and returns the next screen (also kept as current()).
  const Screen& Handle(const AppInput& input);
  const Screen& current() const { return screen_; }

 private:
  enum class Page { kSignOn, kMenu, kInquiry, kSearch, kNotes, kStoreCard, kAddNote };

  void HandleSignOn(const AppInput& input);
  void HandleMenu(const AppInput& input);
  void HandleFunction(const AppInput& input);
  void Open(Page page, const std::string& account_input, const AppInput& input);
  // Looks up account_input_ (zero-padded); sets account_ and message_.
  void LoadAccount(const AppInput& input);
  void Search();
  void AddNote(const AppInput& input);
  void Turn(int delta);
  std::vector<world::MainframeNote> NotesNewestFirst() const;
  // The field as typed (upper-cased), or as the current screen shows it when not modified.
  std::string Field(const AppInput& input, const std::string& name) const;
  void Render();

  const world::World& world_;
  Page page_ = Page::kSignOn;
  std::string user_;
  std::string message_;
  std::string menu_option_;
  std::string account_input_;
  const world::MainframeAccount* account_ = nullptr;
  std::string surname_;
  std::string postcode_;
  bool searched_ = false;
  std::vector<const world::MainframeAccount*> results_;
  std::string note_input_;
  int page_index_ = 0;
  // Notes added in this session, by account number, oldest first.
  std::map<std::string, std::vector<world::MainframeNote>> added_notes_;
  Screen screen_;
};

}  // namespace omnihub::mainframe_sim
