// The application's state machine.
#include "tools/simulators/mainframe/application.h"

#include <algorithm>
#include <cctype>

#include "tools/simulators/mainframe/screens.h"

namespace omnihub::mainframe_sim {
namespace {

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

std::string ClockText(const AppInput& input) {
  const std::string& t = input.time;
  if (t.size() < 6) return t;
  return t.substr(0, 2) + ":" + t.substr(2, 2) + ":" + t.substr(4, 2);
}

}  // namespace

Application::Application(const world::World& world) : world_(world) {}

std::string Application::Field(const AppInput& input, const std::string& name) const {
  const auto it = input.fields.find(name);
  if (it != input.fields.end()) return Upper(it->second);
  const ScreenField* shown = screen_.input(name);
  return shown == nullptr || shown->hidden ? std::string() : shown->text;
}

const Screen& Application::Start() {
  page_ = Page::kSignOn;
  Render();
  return screen_;
}

const Screen& Application::Handle(const AppInput& input) {
  message_.clear();
  if (input.aid == Aid::kClear) {
    Render();
    return screen_;
  }
  switch (page_) {
    case Page::kSignOn:
      HandleSignOn(input);
      break;
    case Page::kMenu:
      HandleMenu(input);
      break;
    default:
      HandleFunction(input);
      break;
  }
  Render();
  return screen_;
}

void Application::HandleSignOn(const AppInput& input) {
  if (input.aid != Aid::kEnter) {
    message_ = "OMN0009E KEY NOT ACTIVE ON THIS SCREEN";
    return;
  }
  const std::string user = Field(input, "USERID");
  if (user.empty()) {
    message_ = "OMN0101E ENTER YOUR USERID";
    return;
  }
  user_ = user;
  if (Field(input, "PASSWORD") != kPassword) {
    message_ = "OMN0100E PASSWORD NOT VALID - SIGN-ON FAILED";
    return;
  }
  if (input.session_in_use) {
    message_ = "OMN0409E SESSION IN USE - USERID " + user_ + " IS ALREADY SIGNED ON";
    return;
  }
  page_ = Page::kMenu;
  menu_option_.clear();
  message_ = "OMN0102I SIGN-ON COMPLETE - WELCOME " + user_;
}

void Application::HandleMenu(const AppInput& input) {
  if (input.aid == Aid::kPf && input.key_number == 3) {
    page_ = Page::kSignOn;
    message_ = "OMN0103I SIGNED OFF";
    return;
  }
  if (input.aid != Aid::kEnter) {
    message_ = "OMN0009E KEY NOT ACTIVE ON THIS SCREEN";
    return;
  }
  menu_option_ = Field(input, "OPTION");
  const std::string account = Field(input, "ACCOUNT");
  static const std::map<std::string, Page> kOptions = {{"1", Page::kInquiry},
                                                       {"2", Page::kSearch},
                                                       {"3", Page::kNotes},
                                                       {"4", Page::kStoreCard},
                                                       {"5", Page::kAddNote}};
  const auto it = kOptions.find(menu_option_);
  if (it == kOptions.end()) {
    message_ = "OMN0003E SELECT AN OPTION FROM 1 TO 5";
    return;
  }
  Open(it->second, account, input);
}

void Application::Open(Page page, const std::string& account_input, const AppInput& input) {
  page_ = page;
  page_index_ = 0;
  note_input_.clear();
  account_ = nullptr;
  account_input_ = account_input;
  if (page == Page::kSearch) {
    searched_ = false;
    results_.clear();
    return;
  }
  if (!account_input_.empty()) LoadAccount(input);
}

void Application::HandleFunction(const AppInput& input) {
  if (input.aid == Aid::kPf && (input.key_number == 3 || input.key_number == 12)) {
    page_ = Page::kMenu;
    menu_option_.clear();
    return;
  }
  const bool paged = page_ == Page::kSearch || page_ == Page::kNotes;
  if (paged && input.aid == Aid::kPf && (input.key_number == 7 || input.key_number == 8)) {
    Turn(input.key_number == 8 ? 1 : -1);
    return;
  }
  if (input.aid != Aid::kEnter) {
    message_ = "OMN0009E KEY NOT ACTIVE ON THIS SCREEN";
    return;
  }
  if (page_ == Page::kSearch) {
    surname_ = Field(input, "SURNAME");
    postcode_ = Field(input, "POSTCODE");
    Search();
    return;
  }
  const std::string account = Field(input, "ACCOUNT");
  if (page_ == Page::kAddNote) {
    note_input_ = Field(input, "NOTE");
    if (account != account_input_ || account_ == nullptr) {
      account_input_ = account;
      LoadAccount(input);
      if (account_ == nullptr || note_input_.empty()) return;
    }
    AddNote(input);
    return;
  }
  account_input_ = account;
  page_index_ = 0;
  LoadAccount(input);
}

void Application::LoadAccount(const AppInput& input) {
  account_ = nullptr;
  if (account_input_.empty()) {
    message_ = "OMN0004E ENTER AN ACCOUNT NUMBER";
    return;
  }
  if (!AllDigits(account_input_) || account_input_.size() > 8) {
    // What a real CICS program does with a non-numeric key in a packed field: it abends.
    message_ =
        "DFHAC2206 " + ClockText(input) + " CICSPRD1 TRANSACTION OMNI FAILED WITH ABEND ASRA.";
    return;
  }
  account_input_ = std::string(8 - account_input_.size(), '0') + account_input_;
  account_ = world_.mainframe_account(account_input_);
  if (account_ == nullptr) message_ = "OMN0404E ACCOUNT " + account_input_ + " NOT FOUND";
}

void Application::Search() {
  searched_ = false;
  results_.clear();
  page_index_ = 0;
  if (surname_.empty()) {
    message_ = "OMN0005E ENTER A SURNAME";
    return;
  }
  searched_ = true;
  const std::string prefix = surname_ + " ";
  const std::string postcode = Compact(postcode_);
  for (const auto& account : world_.mainframe_accounts) {
    if (account.name_upper.rfind(prefix, 0) != 0) continue;
    if (!postcode.empty() && Compact(account.postcode) != postcode) continue;
    results_.push_back(&account);
  }
  if (results_.empty()) message_ = "OMN0404I NO MATCHING CUSTOMERS";
}

void Application::AddNote(const AppInput& input) {
  if (note_input_.empty()) {
    message_ = "OMN0006E ENTER THE NOTE TEXT";
    return;
  }
  world::MainframeNote note;
  note.date = input.date;
  note.time = input.time;
  note.operator_id = user_.substr(0, 7);
  note.text = note_input_.substr(0, 70);
  added_notes_[account_->account_number].push_back(std::move(note));
  message_ = "OMN0201I NOTE ADDED TO ACCOUNT " + account_->account_number;
  note_input_.clear();
}

void Application::Turn(int delta) {
  const size_t size = page_ == Page::kSearch ? results_.size() : NotesNewestFirst().size();
  const size_t page_size = page_ == Page::kSearch ? kSearchPageSize : kNotesPageSize;
  const bool loaded = page_ == Page::kSearch ? searched_ : account_ != nullptr;
  if (!loaded) {
    message_ = "OMN0007E NOTHING TO PAGE";
    return;
  }
  const int next = page_index_ + delta;
  if (next < 0) {
    message_ = "OMN0008I TOP OF LIST";
    return;
  }
  if (static_cast<size_t>(next) * page_size >= size) {
    message_ = "OMN0008I END OF LIST REACHED";
    return;
  }
  page_index_ = next;
}

std::vector<world::MainframeNote> Application::NotesNewestFirst() const {
  std::vector<world::MainframeNote> notes;
  if (account_ == nullptr) return notes;
  notes = account_->notes;
  const auto added = added_notes_.find(account_->account_number);
  if (added != added_notes_.end()) {
    notes.insert(notes.end(), added->second.begin(), added->second.end());
  }
  std::stable_sort(notes.begin(), notes.end(),
                   [](const auto& a, const auto& b) { return a.date + a.time < b.date + b.time; });
  std::reverse(notes.begin(), notes.end());
  return notes;
}

void Application::Render() {
  switch (page_) {
    case Page::kSignOn:
      screen_ = SignOnScreen(user_, message_);
      break;
    case Page::kMenu:
      screen_ = MenuScreen(user_, menu_option_, "", message_);
      break;
    case Page::kInquiry:
      screen_ = InquiryScreen(account_input_, account_, message_);
      break;
    case Page::kSearch:
      screen_ = SearchScreen(surname_, postcode_, results_, page_index_, searched_, message_);
      break;
    case Page::kNotes:
      screen_ = NotesScreen(account_input_, account_, NotesNewestFirst(), page_index_, message_);
      break;
    case Page::kStoreCard:
      screen_ = StoreCardScreen(account_input_, account_, message_);
      break;
    case Page::kAddNote:
      screen_ = AddNoteScreen(account_input_, account_, note_input_, message_);
      break;
  }
}

}  // namespace omnihub::mainframe_sim
