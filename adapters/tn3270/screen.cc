#include "adapters/tn3270/screen.h"

#include <algorithm>

namespace omnihub::tn3270 {

ScreenSize AlternateSizeForModel(int model) {
  switch (std::clamp(model, 2, 5)) {
    case 3:
      return {32, 80};
    case 4:
      return {43, 80};
    case 5:
      return {27, 132};
    default:
      return {24, 80};
  }
}

Screen::Screen(int model, CodePage code_page)
    : model_(std::clamp(model, 2, 5)),
      codec_(code_page),
      alternate_size_(AlternateSizeForModel(model_)),
      size_(default_size()),
      buffer_(size_.cells()) {}

void Screen::Erase(bool alternate) {
  size_ = alternate ? alternate_size_ : default_size();
  buffer_.assign(size_.cells(), Cell{});
  cursor_ = 0;
}

int Screen::Wrap(int address) const {
  const int n = cells();
  address %= n;
  return address < 0 ? address + n : address;
}

void Screen::set_cursor(int address) { cursor_ = Wrap(address); }

bool Screen::formatted() const {
  return std::any_of(buffer_.begin(), buffer_.end(),
                     [](const Cell& c) { return c.is_field_attribute; });
}

std::vector<Field> Screen::Fields() const {
  std::vector<int> attrs;
  for (int i = 0; i < cells(); ++i) {
    if (buffer_[i].is_field_attribute) attrs.push_back(i);
  }
  std::vector<Field> fields;
  fields.reserve(attrs.size());
  for (std::size_t k = 0; k < attrs.size(); ++k) {
    const int at = attrs[k];
    const int next = k + 1 < attrs.size() ? attrs[k + 1] : attrs[0] + cells();
    Field f;
    f.attribute_address = at;
    f.start = Wrap(at + 1);
    f.length = next - at - 1;
    f.attribute = buffer_[at].field_attribute;
    f.attrs = buffer_[at].attrs;
    fields.push_back(f);
  }
  return fields;
}

std::optional<Field> Screen::FieldAt(int address) const {
  address = Wrap(address);
  int at = -1;
  for (int i = 0; i < cells(); ++i) {
    const int a = Wrap(address - i);
    if (buffer_[a].is_field_attribute) {
      at = a;
      break;
    }
  }
  if (at < 0) return std::nullopt;
  Field f;
  f.attribute_address = at;
  f.start = Wrap(at + 1);
  f.attribute = buffer_[at].field_attribute;
  f.attrs = buffer_[at].attrs;
  for (int i = 1; i < cells(); ++i) {
    if (buffer_[Wrap(at + i)].is_field_attribute) break;
    ++f.length;
  }
  return f;
}

void Screen::SetModified(int attribute_address, bool modified) {
  Cell& c = mutable_cell(attribute_address);
  if (!c.is_field_attribute) return;
  if (modified) {
    c.field_attribute |= field_attr::kModified;
  } else {
    c.field_attribute &= static_cast<std::uint8_t>(~field_attr::kModified);
  }
}

void Screen::ResetAllModified() {
  for (Cell& c : buffer_) {
    if (c.is_field_attribute)
      c.field_attribute &= static_cast<std::uint8_t>(~field_attr::kModified);
  }
}

std::string Screen::CellsText(int start, int length, bool mask_hidden, bool field_markers) const {
  std::string out;
  bool hidden = false;
  if (mask_hidden && !buffer_[Wrap(start)].is_field_attribute) {
    // Only the governing attribute matters here (not the field's length, as FieldAt measures):
    // scan back to it. This runs for every row of ToString, so keep it cheap.
    int a = Wrap(start);
    for (int i = 0; i < cells(); ++i) {
      a = a == 0 ? cells() - 1 : a - 1;
      if (buffer_[a].is_field_attribute) {
        hidden = (buffer_[a].field_attribute & field_attr::kDisplayMask) == field_attr::kNonDisplay;
        break;
      }
    }
  }
  for (int i = 0; i < length; ++i) {
    const Cell& c = buffer_[Wrap(start + i)];
    if (c.is_field_attribute) {
      hidden =
          mask_hidden && (c.field_attribute & field_attr::kDisplayMask) == field_attr::kNonDisplay;
      char marker = ' ';
      if (field_markers) {
        if (hidden) {
          marker = '#';
        } else {
          marker = (c.field_attribute & field_attr::kProtected) ? '{' : '[';
        }
      }
      out.push_back(marker);
    } else if (hidden || c.ebcdic < 0x40 || c.ebcdic == 0xFF) {
      out.push_back(' ');  // nulls, format controls and hidden data
    } else {
      AppendUtf8(codec_.ToUnicode(c.ebcdic), out);
    }
  }
  return out;
}

std::string Screen::FieldText(const Field& field) const {
  return CellsText(field.start, std::clamp(field.length, 0, cells()), false, false);
}

std::string Screen::TrimmedFieldText(const Field& field) const {
  std::string text = FieldText(field);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string Screen::RowText(int row) const {
  if (row < 0 || row >= rows()) return std::string();
  return CellsText(row * cols(), cols(), true, false);
}

std::string Screen::RegionText(int row, int col, int length) const {
  if (row < 0 || row >= rows() || col < 0 || col >= cols() || length <= 0) return std::string();
  return CellsText(row * cols() + col, std::min(length, cells()), true, false);
}

std::string Screen::ToString(bool field_markers) const {
  std::string out;
  for (int r = 0; r < rows(); ++r) {
    out += CellsText(r * cols(), cols(), true, field_markers);
    out.push_back('\n');
  }
  return out;
}

}  // namespace omnihub::tn3270
