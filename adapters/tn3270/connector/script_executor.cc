#include "adapters/tn3270/connector/script_executor.h"

#include <optional>
#include <utility>
#include <variant>

#include "absl/strings/str_cat.h"
#include "adapters/tn3270/connector/screen_match.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;
using Done = std::function<void(absl::StatusOr<ScriptResult>)>;

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

class ScriptRun : public std::enable_shared_from_this<ScriptRun> {
 public:
  ScriptRun(std::shared_ptr<Client> client, ScriptRequest request, Done done)
      : client_(std::move(client)), request_(std::move(request)), done_(std::move(done)) {
    frames_.push_back(Frame{request_.steps, 0, nullptr, 0, 0});
  }

  void Start() {
    client_->AsyncRun([self = shared_from_this()] { self->Next(); });
  }

 private:
  struct Frame {
    const std::vector<engine::ScriptStep>* steps;
    std::size_t index;
    const engine::PageStep* page;  // null for the script itself
    int pages;                     // pages read so far
    int line;                      // of the page step
  };

  const Screen& screen() { return client_->screen(); }
  std::string At(int line) const { return absl::StrCat(request_.name, " (line ", line, ")"); }
  PoolClock::duration Remaining() const {
    const auto left = request_.deadline - PoolClock::now();
    return left > PoolClock::duration::zero() ? left : PoolClock::duration::zero();
  }

  void Next();
  void Press(const std::string& key, int line);
  void Wait(const engine::WaitForStep& step, int line);
  absl::Status Type(const engine::TypeStep& step, int line);
  void Read(const engine::ReadStep& step);
  void ReadList(const engine::ReadListStep& step);
  // True (and the run failed) when a declared error screen shows.
  bool ErrorScreenShown(int line, const std::string& when);
  absl::Status Translate(const absl::Status& status, int line, const std::string& what) const;
  void Fail(absl::Status status);
  void Succeed();

  std::shared_ptr<Client> client_;
  ScriptRequest request_;
  Done done_;
  std::vector<Frame> frames_;
  std::map<std::string, std::string> singles_;
  std::vector<std::map<std::string, std::string>> items_;
  bool has_list_ = false;
  // The error screens were checked against the screen as it is (no key pressed since).
  bool checked_screen_ = false;
  std::optional<PoolClock::time_point> wait_until_;
  ScriptResult result_;
  bool finished_ = false;
};

void ScriptRun::Next() {
  while (!finished_) {
    if (frames_.empty()) return Succeed();
    Frame& frame = frames_.back();
    if (PoolClock::now() >= request_.deadline) {
      return Fail(absl::DeadlineExceededError(
          absl::StrCat(request_.name, ": the deadline passed before the script ended")));
    }
    if (frame.index >= frame.steps->size()) {
      if (frame.page == nullptr) {
        frames_.pop_back();
        continue;
      }
      ++frame.pages;
      if (MarkerMatches(screen(), frame.page->until)) {
        frames_.pop_back();
        continue;
      }
      if (frame.pages >= frame.page->max_pages) {
        result_.truncated = true;
        frames_.pop_back();
        continue;
      }
      frame.index = 0;
      return Press(frame.page->key, frame.line);
    }
    const engine::ScriptStep& step = (*frame.steps)[frame.index++];
    const int line = step.line;
    if (const auto* expect = std::get_if<engine::ExpectScreenStep>(&step.step)) {
      if (ErrorScreenShown(line, "expecting screen '" + expect->screen + "'")) return;
      const engine::ScreenDef* def = request_.catalog->FindScreen(expect->screen);
      if (def == nullptr || !AllMarkersMatch(screen(), def->markers)) {
        return Fail(absl::FailedPreconditionError(
            absl::StrCat(At(line), ": expected screen '", expect->screen,
                         "', the screen shows: ", ScreenSummary(screen()))));
      }
    } else if (const auto* wait = std::get_if<engine::WaitForStep>(&step.step)) {
      if (!MarkerMatches(screen(), wait->marker)) {
        --frame.index;  // run this step again when the next screen arrives
        return Wait(*wait, line);
      }
      wait_until_.reset();
    } else if (const auto* type = std::get_if<engine::TypeStep>(&step.step)) {
      if (absl::Status typed = Type(*type, line); !typed.ok()) return Fail(std::move(typed));
    } else if (const auto* press = std::get_if<engine::PressStep>(&step.step)) {
      return Press(press->key, line);
    } else if (const auto* read = std::get_if<engine::ReadStep>(&step.step)) {
      Read(*read);
    } else if (const auto* list = std::get_if<engine::ReadListStep>(&step.step)) {
      ReadList(*list);
    } else if (const auto* page = std::get_if<engine::PageStep>(&step.step)) {
      frames_.push_back(Frame{&page->body, 0, page, 0, line});
    }
  }
}

void ScriptRun::Press(const std::string& key, int line) {
  const std::optional<Aid> aid = ParseAid(key);
  if (!aid) {
    return Fail(absl::InvalidArgumentError(absl::StrCat(At(line), ": unknown key '", key, "'")));
  }
  checked_screen_ = false;
  client_->AsyncSendAid(*aid, Remaining(),
                        [self = shared_from_this(), line, key](absl::Status status) {
                          if (!status.ok()) return self->Fail(self->Translate(status, line, key));
                          ++self->result_.round_trips;
                          if (self->ErrorScreenShown(line, "after " + key)) return;
                          self->Next();
                        });
}

void ScriptRun::Wait(const engine::WaitForStep& step, int line) {
  const auto now = PoolClock::now();
  if (!wait_until_) {
    wait_until_ = std::min(request_.deadline, now + std::chrono::milliseconds(step.timeout_ms));
  }
  if (now >= *wait_until_) {
    wait_until_.reset();
    return Fail(absl::DeadlineExceededError(
        absl::StrCat(At(line), ": '", step.marker.text, "' did not show within ", step.timeout_ms,
                     " ms; the screen shows: ", ScreenSummary(screen()))));
  }
  checked_screen_ = false;
  client_->AsyncWaitForScreen(
      *wait_until_ - now, [self = shared_from_this(), line](absl::Status status) {
        if (!status.ok() && status.code() != absl::StatusCode::kDeadlineExceeded) {
          return self->Fail(self->Translate(status, line, "wait-for"));
        }
        if (status.ok()) {
          ++self->result_.round_trips;
          if (self->ErrorScreenShown(line, "waiting")) return;
        }
        self->Next();  // checks the marker again, or fails at the wait's end
      });
}

absl::Status ScriptRun::Type(const engine::TypeStep& step, int line) {
  absl::StatusOr<std::string> value = step.value.Render(request_.values);
  if (!value.ok()) {
    return absl::Status(value.status().code(),
                        absl::StrCat(At(line), ": ", value.status().message()));
  }
  const Screen& shown = screen();
  std::optional<Field> field;
  int start = 0;
  std::string where;
  if (!step.label.empty()) {
    where = "the field labelled '" + step.label + "'";
    field = InputFieldByLabel(shown, step.label);
    if (field) start = field->start;
  } else if (step.row && step.col) {
    where = absl::StrCat("the field at row ", *step.row + 1, " column ", *step.col + 1);
    if (*step.row >= 0 && *step.row < shown.rows() && *step.col >= 0 && *step.col < shown.cols()) {
      start = shown.Address(*step.row, *step.col);
      field = shown.FieldAt(start);
      if (field && (field->is_protected() || start == field->attribute_address)) field.reset();
    }
  }
  if (!field) {
    return absl::FailedPreconditionError(absl::StrCat(
        At(line), ": no input field for ", where, "; the screen shows: ", ScreenSummary(shown)));
  }
  const int offset = (start - field->start + shown.cells()) % shown.cells();
  const int room = field->length - offset;
  const std::size_t length = Utf8Length(*value);
  if (length > static_cast<std::size_t>(room)) {
    return absl::InvalidArgumentError(absl::StrCat(At(line), ": the value for ", where, " is ",
                                                   length, " characters long; the field holds ",
                                                   room));
  }
  Keyboard& keyboard = client_->keyboard();
  absl::Status status = keyboard.MoveCursor(start / shown.cols(), start % shown.cols());
  if (status.ok()) status = keyboard.EraseEof();
  if (status.ok() && !value->empty()) status = keyboard.Type(*value);
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat(At(line), ": typing into ", where, ": ", status.message()));
  }
  return absl::OkStatus();
}

void ScriptRun::Read(const engine::ReadStep& step) {
  const Screen& shown = screen();
  if (step.row < 0 || step.row >= shown.rows() || step.col < 0 || step.col >= shown.cols()) {
    singles_[step.name] = std::string();
    return;
  }
  singles_[step.name] = shown.RegionText(step.row, step.col, step.length);
}

void ScriptRun::ReadList(const engine::ReadListStep& step) {
  has_list_ = true;
  const Screen& shown = screen();
  const int per_item = std::max(1, step.lines_per_item);
  const int last_row = std::min(step.last_row, shown.rows() - 1);
  for (int row = std::max(0, step.first_row); row + per_item - 1 <= last_row; row += per_item) {
    std::map<std::string, std::string> item;
    bool blank = true;
    for (const engine::ListColumn& column : step.columns) {
      std::string text;
      if (column.col >= 0 && column.col < shown.cols()) {
        text = shown.RegionText(row + column.line, column.col, column.length);
      }
      if (text.find_first_not_of(' ') != std::string::npos) blank = false;
      item[column.name] = std::move(text);
    }
    if (blank) break;
    items_.push_back(std::move(item));
  }
}

bool ScriptRun::ErrorScreenShown(int line, const std::string& when) {
  if (checked_screen_) return false;  // this screen was already checked (after the key press)
  const engine::ErrorScreen* error = MatchErrorScreen(screen(), *request_.catalog);
  if (error == nullptr) {
    checked_screen_ = true;
    return false;
  }
  const std::string message_line = MessageLine(screen());
  std::string message = error->message.empty() ? message_line : error->message;
  if (!error->message.empty() && !message_line.empty()) {
    absl::StrAppend(&message, " [", message_line, "]");
  }
  Fail(absl::Status(error->code, absl::StrCat(At(line), " ", when, ": ", message)));
  return true;
}

absl::Status ScriptRun::Translate(const absl::Status& status, int line,
                                  const std::string& what) const {
  if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    return absl::DeadlineExceededError(
        absl::StrCat(At(line), ": no answer to ", what, " before the deadline"));
  }
  if (status.code() == absl::StatusCode::kCancelled) {
    return absl::CancelledError(absl::StrCat(At(line), ": cancelled during ", what));
  }
  if (!client_->connected()) {
    return absl::UnavailableError(
        absl::StrCat(At(line), ": the session was lost during ", what, ": ", status.message()));
  }
  return absl::Status(status.code(), absl::StrCat(At(line), ": ", what, ": ", status.message()));
}

void ScriptRun::Fail(absl::Status status) {
  if (finished_) return;
  finished_ = true;
  Done done = std::move(done_);
  done(std::move(status));
}

void ScriptRun::Succeed() {
  if (finished_) return;
  finished_ = true;
  engine::Table& table = result_.table;
  table.columns = request_.columns;
  auto value_of = [this](const std::map<std::string, std::string>* item,
                         const std::string& column) -> std::optional<std::string> {
    if (item != nullptr) {
      if (auto it = item->find(column); it != item->end()) return it->second;
    }
    if (auto it = singles_.find(column); it != singles_.end()) return it->second;
    return std::nullopt;
  };
  if (has_list_) {
    for (const auto& item : items_) {
      auto& row = table.rows.emplace_back();
      for (const auto& column : table.columns) row.push_back(value_of(&item, column));
    }
  } else if (!singles_.empty()) {
    auto& row = table.rows.emplace_back();
    for (const auto& column : table.columns) row.push_back(value_of(nullptr, column));
  }
  Done done = std::move(done_);
  done(std::move(result_));
}

}  // namespace

void RunScript(std::shared_ptr<Client> client, ScriptRequest request,
               std::function<void(absl::StatusOr<ScriptResult>)> done) {
  if (request.catalog == nullptr || request.steps == nullptr) {
    done(absl::InvalidArgumentError("RunScript: no catalog or steps"));
    return;
  }
  auto run = std::make_shared<ScriptRun>(std::move(client), std::move(request), std::move(done));
  run->Start();
}

}  // namespace omnihub::tn3270
