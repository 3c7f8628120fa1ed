#include "adapters/mapping/engine/xml_stream_reader.h"

#include <array>
#include <cstdint>
#include <span>

#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {
namespace {

// The plan's ids of the names met (XmlStreamPlan::NameId), by the pointers libxml2's dictionary
// gives them (XmlEventHandler::StartDocument): a probe of a small table per element instead of
// string comparisons. Kept per thread for one plan and one dictionary at a time; emptied when it
// fills (a document with many distinct names).
class NameIds {
 public:
  void Use(const XmlStreamPlan& plan, uint64_t dictionary) {
    if (plan.serial() == plan_ && dictionary == dictionary_) return;
    Clear();
    plan_ = plan.serial();
    dictionary_ = dictionary;
  }

  int Find(const XmlStreamPlan& plan, std::string_view local_name, std::string_view uri) {
    if (dictionary_ == 0 || local_name.data() == nullptr) return plan.NameId(local_name, uri);
    size_t i = Hash(local_name.data(), uri.data());
    for (; entries_[i].local_name != nullptr; i = (i + 1) % kCapacity) {
      if (entries_[i].local_name == local_name.data() && entries_[i].uri == uri.data()) {
        return entries_[i].id;
      }
    }
    const int id = plan.NameId(local_name, uri);
    if (used_ == kMaxUsed) {
      Clear();
      i = Hash(local_name.data(), uri.data());
    }
    entries_[i] = {local_name.data(), uri.data(), id};
    ++used_;
    return id;
  }

 private:
  struct Entry {
    const char* local_name = nullptr;  // null: a free entry
    const char* uri = nullptr;
    int id = -1;
  };
  static constexpr size_t kCapacity = 256;
  static constexpr size_t kMaxUsed = kCapacity * 3 / 4;

  static size_t Hash(const char* local_name, const char* uri) {
    const auto key =
        reinterpret_cast<uintptr_t>(local_name) ^ (reinterpret_cast<uintptr_t>(uri) >> 3);
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15u) >> 56) % kCapacity;
  }

  void Clear() {
    entries_.fill({});
    used_ = 0;
  }

  uint64_t plan_ = 0;
  uint64_t dictionary_ = 0;
  size_t used_ = 0;
  std::array<Entry, kCapacity> entries_{};
};

}  // namespace

// The SAX side: follows the plan's state machine (xml_stream_states.h) over the stack of open
// elements. Each open element keeps its state, the elements of scopes it is (`opened`) and the
// values whose text it collects (`collecting`); all live in flat stacks reused per thread.
class StreamCollector : public xml::XmlEventHandler {
 public:
  explicit StreamCollector(StreamedAnswer& answer)
      : answer_(answer), states_(answer.plan_->states()), scratch_(ThreadScratch()) {
    scratch_.frames.clear();
    scratch_.opened.clear();
    scratch_.collecting.clear();
    scratch_.frames.push_back({states_.document(), 0, 0, {}});
    Open(StreamedAnswer::kNone, XmlStreamPlan::kDocument);
  }

  // xml::XmlEventHandler
  void StartDocument(uint64_t dictionary) override {
    scratch_.names.Use(*answer_.plan_, dictionary);
  }

  void StartElement(std::string_view local_name, std::string_view namespace_uri,
                    const Attributes& attributes) override {
    ++node_;
    const Frame parent = scratch_.frames.back();
    NoteDocumentElement(local_name, namespace_uri);
    for (size_t i = parent.collecting; i < scratch_.collecting.size(); ++i) {
      StreamedAnswer::Selected& selected = answer_.s_.values[scratch_.collecting[i]];
      if (selected.element_with_children == StreamedAnswer::kNone) {
        selected.element_with_children = static_cast<uint32_t>(answer_.s_.names.size());
        answer_.s_.names.emplace_back(parent.name);
      }
    }
    Frame& frame = scratch_.frames.emplace_back(
        Frame{XmlStreamStates::kNowhere, static_cast<uint32_t>(scratch_.opened.size()),
              static_cast<uint32_t>(scratch_.collecting.size()), local_name});
    if (parent.state == XmlStreamStates::kNowhere) return;
    const XmlStreamStates::Transition& next =
        states_.Next(parent.state, scratch_.names.Find(*answer_.plan_, local_name, namespace_uri));
    frame.state = next.next;
    for (const XmlStreamAction& action : states_.Actions(next)) {
      const uint32_t owner = Owner(action.scope, action.up);
      if (owner == StreamedAnswer::kNone) continue;  // not in a plan's state: never
      if (action.open) {
        Open(owner, action.target);
      } else {
        SelectElement(ValueIndex(owner, action.target));
      }
    }
    if (attributes.size() > 0) MatchAttributes(next.next, attributes);
  }

  void EndElement() override {
    const Frame& frame = scratch_.frames.back();
    scratch_.opened.resize(frame.opened);
    scratch_.collecting.resize(frame.collecting);
    scratch_.frames.pop_back();
  }

  void Text(std::string_view text) override {
    const Frame& frame = scratch_.frames.back();
    for (size_t i = frame.collecting; i < scratch_.collecting.size(); ++i) {
      answer_.s_.values[scratch_.collecting[i]].text.append(text);
    }
  }

 private:
  struct Frame {
    int state;              // in the plan's state machine
    uint32_t opened;        // where the elements of scopes it is begin in `opened`
    uint32_t collecting;    // where the values collecting its text begin
    std::string_view name;  // the element's local name (libxml2's, valid while it is open)
  };
  // An element of a scope, open.
  struct Opened {
    int scope;
    uint32_t instance;
  };
  struct Scratch {
    std::vector<Frame> frames;
    std::vector<Opened> opened;
    std::vector<uint32_t> collecting;
    std::vector<int> attribute_names;  // the plan's ids of the open element's attributes
    NameIds names;
  };
  static Scratch& ThreadScratch() {
    thread_local Scratch scratch;
    return scratch;
  }

  const std::vector<XmlStreamScope>& Scopes() const { return answer_.plan_->scopes(); }

  uint32_t ValueIndex(uint32_t instance, int slot) const {
    return answer_.s_.instances[instance].values + static_cast<uint32_t>(slot);
  }

  // The element of `scope` open `up` levels above the current element (0: the element itself).
  uint32_t Owner(int scope, int up) const {
    const auto& frames = scratch_.frames;
    const size_t at = frames.size() - 1 - static_cast<size_t>(up);
    const uint32_t end = at + 1 < frames.size() ? frames[at + 1].opened
                                                : static_cast<uint32_t>(scratch_.opened.size());
    for (uint32_t i = frames[at].opened; i < end; ++i) {
      if (scratch_.opened[i].scope == scope) return scratch_.opened[i].instance;
    }
    return StreamedAnswer::kNone;
  }

  void NoteDocumentElement(std::string_view local_name, std::string_view namespace_uri) {
    const size_t depth = scratch_.frames.size();  // of the parent: 1 = the document
    if (depth == 1) {
      answer_.document_element_.local_name = std::string(local_name);
      answer_.document_element_.namespace_uri = std::string(namespace_uri);
    } else if (depth == 2) {
      ++answer_.document_element_.child_elements;
    }
  }

  // A new element of `scope` (the current one; the document when `parent` is kNone), linked
  // into its parent's list, with its branches started. A union may reach one element twice.
  void Open(uint32_t parent, int scope) {
    const XmlStreamScope& plan = Scopes()[static_cast<size_t>(scope)];
    uint32_t* first = nullptr;
    uint32_t* last = nullptr;
    if (parent != StreamedAnswer::kNone) {
      const uint32_t list =
          answer_.s_.instances[parent].children + static_cast<uint32_t>(plan.index_in_parent);
      first = &answer_.s_.first[list];
      last = &answer_.s_.last[list];
      if (*last != StreamedAnswer::kNone && answer_.s_.instances[*last].node == node_) return;
    }
    const auto added = static_cast<uint32_t>(answer_.s_.instances.size());
    StreamedAnswer::Instance instance;
    instance.scope = scope;
    instance.values = answer_.s_.values_used;
    instance.children = static_cast<uint32_t>(answer_.s_.first.size());
    instance.node = node_;
    if (first != nullptr) {
      if (*last == StreamedAnswer::kNone) {
        *first = added;
      } else {
        answer_.s_.instances[*last].next = added;
      }
      *last = added;
    }
    answer_.s_.instances.push_back(instance);
    UseValues(static_cast<uint32_t>(plan.slots));
    answer_.s_.first.resize(answer_.s_.first.size() + plan.children.size(), StreamedAnswer::kNone);
    answer_.s_.last.resize(answer_.s_.last.size() + plan.children.size(), StreamedAnswer::kNone);
    scratch_.opened.push_back({scope, added});
  }

  // The attributes of the element just opened (in `state`) that select values.
  void MatchAttributes(int state, const Attributes& attributes) {
    const std::span<const XmlStreamAttribute> wanted = states_.Attributes(state);
    if (wanted.empty()) return;
    std::vector<int>& names = scratch_.attribute_names;
    names.clear();
    for (int a = 0; a < attributes.size(); ++a) {
      names.push_back(scratch_.names.Find(*answer_.plan_, attributes.local_name(a),
                                          attributes.namespace_uri(a)));
    }
    for (const XmlStreamAttribute& w : wanted) {
      for (int a = 0; a < attributes.size(); ++a) {
        if (names[static_cast<size_t>(a)] != w.name) continue;
        const uint32_t owner = Owner(w.scope, w.up);
        if (owner != StreamedAnswer::kNone) {
          SelectAttribute(ValueIndex(owner, w.slot), attributes, a);
        }
      }
    }
  }

  // `count` more values for the element just added, reset.
  void UseValues(uint32_t count) {
    StreamedAnswer::Storage& s = answer_.s_;
    const uint32_t end = s.values_used + count;
    if (s.values.size() < end) s.values.resize(end);
    for (uint32_t i = s.values_used; i < end; ++i) {
      StreamedAnswer::Selected& v = s.values[i];
      v.count = 0;
      v.element_with_children = StreamedAnswer::kNone;
      v.text.clear();
      v.last_node = 0;
    }
    s.values_used = end;
  }

  void SelectElement(uint32_t value) {
    StreamedAnswer::Selected& selected = answer_.s_.values[value];
    const uint64_t node = node_ << 16;
    if (selected.count > 0 && selected.last_node == node) return;
    selected.last_node = node;
    if (++selected.count > 1) return;
    scratch_.collecting.push_back(value);
  }

  void SelectAttribute(uint32_t value, const Attributes& attributes, int index) {
    StreamedAnswer::Selected& selected = answer_.s_.values[value];
    const uint64_t node = (node_ << 16) + static_cast<uint64_t>(index) + 1;
    if (selected.count > 0 && selected.last_node == node) return;
    selected.last_node = node;
    if (++selected.count > 1) return;
    selected.text = attributes.value(index);
  }

  StreamedAnswer& answer_;
  const XmlStreamStates& states_;
  Scratch& scratch_;
  uint64_t node_ = 0;  // start tags seen: identifies the current element
};

// The storage of the last answer dropped on this thread, emptied, for the next one; more than a
// large answer needs is let go.
constexpr size_t kMaxKeptValues = 4096;
constexpr size_t kMaxKeptText = 1024;

std::optional<StreamedAnswer::Storage>& StreamedAnswer::Spare() {
  thread_local std::optional<Storage> spare;
  return spare;
}

StreamedAnswer::StreamedAnswer(const XmlStreamPlan& plan) : plan_(&plan) {
  if (std::optional<Storage>& spare = Spare(); spare) {
    s_ = *std::move(spare);
    spare.reset();
    return;
  }
  // Enough for a typical answer, so that the vectors are not moved while they fill.
  s_.instances.reserve(32);
  s_.values.reserve(64);
  s_.first.reserve(32);
  s_.last.reserve(32);
}

StreamedAnswer& StreamedAnswer::operator=(StreamedAnswer&& other) noexcept {
  plan_ = other.plan_;
  document_element_ = std::move(other.document_element_);
  std::swap(s_, other.s_);
  return *this;
}

StreamedAnswer::~StreamedAnswer() {
  if (s_.values.capacity() == 0 || s_.values.capacity() > kMaxKeptValues) return;
  std::optional<Storage>& spare = Spare();
  if (spare) return;
  s_.instances.clear();
  // The values stay, for UseValues to reset; a large text's room is let go.
  for (uint32_t i = 0; i < s_.values_used; ++i) {
    if (s_.values[i].text.capacity() > kMaxKeptText) std::string().swap(s_.values[i].text);
  }
  s_.values_used = 0;
  s_.names.clear();
  s_.first.clear();
  s_.last.clear();
  spare = std::move(s_);
}

std::optional<StreamedAnswer> StreamedAnswer::Read(const XmlStreamPlan& plan, std::string_view xml,
                                                   const xml::XmlDocumentKind& kind,
                                                   const xml::XmlPayloadLimits& limits,
                                                   std::vector<xml::XmlProblem>& problems) {
  StreamedAnswer answer(plan);
  StreamCollector collector(answer);
  if (!xml::StreamXmlPayload(xml, kind, limits, collector, problems)) return std::nullopt;
  return answer;
}

const StreamedAnswer::Selected* StreamedAnswer::Slot(const Selector& selector,
                                                     Element element) const {
  if (selector.stream_slot < 0) return nullptr;
  const Element owner = selector.stream_scope == XmlStreamPlan::kDocument ? kDocument : element;
  if (owner >= s_.instances.size() || s_.instances[owner].scope != selector.stream_scope) {
    return nullptr;
  }
  return &s_.values[s_.instances[owner].values + static_cast<uint32_t>(selector.stream_slot)];
}

absl::StatusOr<Value> StreamedAnswer::Read(const Selector& selector, Element element) const {
  const Selected* selected = Slot(selector, element);
  if (selected == nullptr) {
    return absl::InternalError(
        absl::StrCat("the XPath '", selector.text, "' was not planned for this answer"));
  }
  if (selected->count == 0) return Value::Null();
  if (selected->count > 1) return SeveralNodesError(selected->count);
  if (selected->element_with_children != kNone) {
    return NotASingleValueError(s_.names[selected->element_with_children]);
  }
  return absl::StatusOr<Value>(absl::in_place, std::in_place_type<std::string>, selected->text);
}

std::vector<StreamedAnswer::Element> StreamedAnswer::Elements(const Selector& selector,
                                                              Element element) const {
  std::vector<Element> out;
  const auto& scopes = plan_->scopes();
  if (selector.stream_scope <= 0 || static_cast<size_t>(selector.stream_scope) >= scopes.size()) {
    return out;
  }
  const XmlStreamScope& scope = scopes[static_cast<size_t>(selector.stream_scope)];
  const Element owner = scope.parent == XmlStreamPlan::kDocument ? kDocument : element;
  if (owner >= s_.instances.size() || s_.instances[owner].scope != scope.parent) return out;
  const uint32_t list = s_.instances[owner].children + static_cast<uint32_t>(scope.index_in_parent);
  size_t count = 0;
  for (uint32_t i = s_.first[list]; i != kNone; i = s_.instances[i].next) ++count;
  out.reserve(count);
  for (uint32_t i = s_.first[list]; i != kNone; i = s_.instances[i].next) out.push_back(i);
  return out;
}

}  // namespace omnihub::mapping::engine
