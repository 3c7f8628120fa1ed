// The 3270 screen model: a rows x cols presentation buffer of characters and field attributes,
// the cursor, the keyboard lock and the last AID, with field lookup and text extraction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/tn3270/ebcdic.h"

namespace omnihub::tn3270 {

struct ScreenSize {
  int rows = 24;
  int cols = 80;
  int cells() const { return rows * cols; }
  friend bool operator==(const ScreenSize&, const ScreenSize&) = default;
};

// The alternate (Erase/Write Alternate) size of a 3278 model: 2 = 24x80, 3 = 32x80, 4 = 43x80,
// 5 = 27x132. The default size is always 24x80. Models outside 2..5 are clamped.
ScreenSize AlternateSizeForModel(int model);

// Field attribute byte bits (the low 6 bits of the byte on the wire).
namespace field_attr {
inline constexpr std::uint8_t kProtected = 0x20;
inline constexpr std::uint8_t kNumeric = 0x10;
inline constexpr std::uint8_t kDisplayMask = 0x0C;  // 00/04 normal, 08 intensified, 0C hidden
inline constexpr std::uint8_t kIntensified = 0x08;
inline constexpr std::uint8_t kNonDisplay = 0x0C;
inline constexpr std::uint8_t kModified = 0x01;  // MDT
}  // namespace field_attr

// Extended attribute types (SFE, SA, MF) and values.
namespace ext_attr {
inline constexpr std::uint8_t kAllReset = 0x00;
inline constexpr std::uint8_t kFieldAttribute = 0xC0;
inline constexpr std::uint8_t kHighlighting = 0x41;
inline constexpr std::uint8_t kForeground = 0x42;
inline constexpr std::uint8_t kCharacterSet = 0x43;
inline constexpr std::uint8_t kBackground = 0x45;
inline constexpr std::uint8_t kTransparency = 0x46;
}  // namespace ext_attr

enum class Color : std::uint8_t {
  kDefault = 0x00,
  kBlue = 0xF1,
  kRed = 0xF2,
  kPink = 0xF3,
  kGreen = 0xF4,
  kTurquoise = 0xF5,
  kYellow = 0xF6,
  kNeutral = 0xF7,
};

enum class Highlight : std::uint8_t {
  kDefault = 0x00,
  kNormal = 0xF0,
  kBlink = 0xF1,
  kReverse = 0xF2,
  kUnderscore = 0xF4,
};

// Character attributes from SA, or field extended attributes from SFE/MF.
struct ExtendedAttributes {
  Color foreground = Color::kDefault;
  Color background = Color::kDefault;
  Highlight highlight = Highlight::kDefault;
  std::uint8_t charset = 0;
  friend bool operator==(const ExtendedAttributes&, const ExtendedAttributes&) = default;
};

struct Cell {
  std::uint8_t ebcdic = 0x00;  // the character (0x00 = null); unused on a field attribute
  bool is_field_attribute = false;
  std::uint8_t field_attribute = 0;  // low 6 bits, see field_attr
  bool graphic_escape = false;       // the character came through GE (alternate character set)
  ExtendedAttributes attrs;
};

// A field: its attribute byte at `attribute_address`, its data in the `length` cells after it
// (wrapping around the end of the buffer).
struct Field {
  int attribute_address = 0;
  int start = 0;  // first data cell
  int length = 0;
  std::uint8_t attribute = 0;
  ExtendedAttributes attrs;

  bool is_protected() const { return attribute & field_attr::kProtected; }
  bool is_numeric() const { return attribute & field_attr::kNumeric; }
  bool is_autoskip() const { return is_protected() && is_numeric(); }
  bool is_intensified() const {
    return (attribute & field_attr::kDisplayMask) == field_attr::kIntensified;
  }
  bool is_hidden() const {
    return (attribute & field_attr::kDisplayMask) == field_attr::kNonDisplay;
  }
  bool is_modified() const { return attribute & field_attr::kModified; }
};

// AID byte meaning "no AID yet".
inline constexpr std::uint8_t kNoAid = 0x60;

// Holds the state of one terminal's presentation space. Addresses are 0-based cell indexes
// (row * cols + col); every accessor clamps or rejects addresses outside the buffer, so the model
// cannot be driven out of bounds. Not thread-safe.
class Screen {
 public:
  // A model 2 terminal (24x80, no alternate size) with code page 037.
  Screen() : Screen(2) {}
  explicit Screen(int model, CodePage code_page = CodePage::kCp037);

  const EbcdicCodec& codec() const { return codec_; }
  int model() const { return model_; }
  ScreenSize default_size() const { return {24, 80}; }
  ScreenSize alternate_size() const { return alternate_size_; }
  ScreenSize size() const { return size_; }
  int rows() const { return size_.rows; }
  int cols() const { return size_.cols; }
  int cells() const { return size_.cells(); }
  bool alternate_active() const { return size_ != default_size(); }

  // Erase/Write (alternate = false) or Erase/Write Alternate: switch size, clear the buffer to
  // nulls, no fields, cursor at 0.
  void Erase(bool alternate);

  int cursor() const { return cursor_; }
  void set_cursor(int address);  // taken modulo cells()
  int Address(int row, int col) const { return row * cols() + col; }

  bool keyboard_locked() const { return keyboard_locked_; }
  void set_keyboard_locked(bool locked) { keyboard_locked_ = locked; }
  bool alarm() const { return alarm_; }
  void set_alarm(bool alarm) { alarm_ = alarm; }
  std::uint8_t last_aid() const { return last_aid_; }
  void set_last_aid(std::uint8_t aid) { last_aid_ = aid; }

  const Cell& cell(int address) const { return buffer_[Wrap(address)]; }
  Cell& mutable_cell(int address) { return buffer_[Wrap(address)]; }
  int Wrap(int address) const;

  // True when the buffer holds at least one field attribute.
  bool formatted() const;
  // All fields in buffer order (starting at the first attribute).
  std::vector<Field> Fields() const;
  // The field containing `address` (the attribute cell belongs to the field it starts); nullopt
  // on an unformatted screen.
  std::optional<Field> FieldAt(int address) const;
  // The field's attribute with the MDT set or reset (no-op on a non-attribute cell).
  void SetModified(int attribute_address, bool modified);
  void ResetAllModified();

  // The text of a field (data cells only, nulls as spaces, hidden fields included verbatim),
  // of a row, or of `length` cells from (row, col) wrapping across rows. Attribute cells read as
  // spaces. UTF-8.
  std::string FieldText(const Field& field) const;
  std::string RowText(int row) const;
  std::string RegionText(int row, int col, int length) const;
  // The text of a field with trailing spaces removed.
  std::string TrimmedFieldText(const Field& field) const;

  // The whole screen, one line per row. Hidden fields show as spaces. With `field_markers`, each
  // attribute cell shows a marker instead of a space: '[' unprotected, '{' protected, '#' hidden.
  std::string ToString(bool field_markers = false) const;

 private:
  std::string CellsText(int start, int length, bool mask_hidden, bool field_markers) const;

  int model_;
  EbcdicCodec codec_;
  ScreenSize alternate_size_;
  ScreenSize size_;
  std::vector<Cell> buffer_;
  int cursor_ = 0;
  bool keyboard_locked_ = false;
  bool alarm_ = false;
  std::uint8_t last_aid_ = kNoAid;
};

}  // namespace omnihub::tn3270
