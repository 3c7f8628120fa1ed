#include "adapters/mapping/engine/xml_stream_reader.h"

#include <array>
#include <cstdint>

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

// The SAX side: follows the plan's branches over the stack of open elements. Each open element
// keeps the branches still in progress below it (`partials`) and the values whose text it
// collects (`collecting`); both live in flat stacks reused per thread.
class StreamCollector : public xml::XmlEventHandler {
 public:
  explicit StreamCollector(StreamedAnswer& answer) : answer_(answer), scratch_(ThreadScratch()) {
    scratch_.frames.clear();
    scratch_.partials.clear();
    scratch_.collecting.clear();
    scratch_.frames.push_back({0, 0, {}});
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
    const auto end = static_cast<uint32_t>(scratch_.partials.size());
    scratch_.frames.push_back({end, static_cast<uint32_t>(scratch_.collecting.size()), local_name});
    if (parent.partials < end) {
      const int name = scratch_.names.Find(*answer_.plan_, local_name, namespace_uri);
      for (uint32_t i = parent.partials; i < end; ++i) {
        const Partial p = scratch_.partials[i];  // a copy: the stack grows below
        if (p.branch == nullptr) {
          const XmlStreamScope& scope = ScopeOf(p.instance);
          if (name >= 0) {
            for (int b : scope.first_by_name[static_cast<size_t>(name)]) {
              Matched(p.instance, scope.branches[static_cast<size_t>(b)], 0);
            }
          }
          for (int b : scope.first_any) {
            Matched(p.instance, scope.branches[static_cast<size_t>(b)], 0);
          }
          continue;
        }
        const XmlStreamStep& step = p.branch->steps[p.progress];
        if (step.attribute || !(step.any_name || step.name == name)) continue;
        Matched(p.instance, *p.branch, p.progress);
      }
    }
    if (attributes.size() > 0) MatchAttributes(end, attributes);
  }

  void EndElement() override {
    const Frame frame = scratch_.frames.back();
    scratch_.frames.pop_back();
    scratch_.partials.resize(frame.partials);
    scratch_.collecting.resize(frame.collecting);
  }

  void Text(std::string_view text) override {
    const Frame& frame = scratch_.frames.back();
    for (size_t i = frame.collecting; i < scratch_.collecting.size(); ++i) {
      answer_.s_.values[scratch_.collecting[i]].text.append(text);
    }
  }

 private:
  // A branch of `instance`'s scope matched up to `progress` steps, its next step to be tried on
  // the children (or attributes) of the element; without a branch, every branch of the scope,
  // none matched yet (an element of the scope just opened).
  struct Partial {
    uint32_t instance;
    uint32_t progress;
    const XmlStreamBranch* branch;
  };
  struct Frame {
    uint32_t partials;      // where this element's partials begin
    uint32_t collecting;    // where the values collecting its text begin
    std::string_view name;  // the element's local name (libxml2's, valid while it is open)
  };
  struct Scratch {
    std::vector<Frame> frames;
    std::vector<Partial> partials;
    std::vector<uint32_t> collecting;
    std::vector<int> attribute_names;  // the plan's ids of the open element's attributes
    NameIds names;
  };
  static Scratch& ThreadScratch() {
    thread_local Scratch scratch;
    return scratch;
  }

  const std::vector<XmlStreamScope>& Scopes() const { return answer_.plan_->scopes(); }

  const XmlStreamScope& ScopeOf(uint32_t instance) const {
    return Scopes()[static_cast<size_t>(answer_.s_.instances[instance].scope)];
  }

  uint32_t ValueIndex(uint32_t instance, int slot) const {
    return answer_.s_.instances[instance].values + static_cast<uint32_t>(slot);
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
    instance.values = static_cast<uint32_t>(answer_.s_.values.size());
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
    answer_.s_.values.resize(answer_.s_.values.size() + static_cast<size_t>(plan.slots));
    answer_.s_.first.resize(answer_.s_.first.size() + plan.children.size(), StreamedAnswer::kNone);
    answer_.s_.last.resize(answer_.s_.last.size() + plan.children.size(), StreamedAnswer::kNone);
    if (!plan.branches.empty()) scratch_.partials.push_back({added, 0, nullptr});
  }

  // The element just opened matched step `progress` of `branch` (of an element of `instance`).
  void Matched(uint32_t instance, const XmlStreamBranch& branch, uint32_t progress) {
    if (progress + 1 < branch.steps.size()) {
      scratch_.partials.push_back({instance, progress + 1, &branch});
    } else if (branch.to_scope) {
      Open(instance, branch.target);
    } else {
      SelectElement(ValueIndex(instance, branch.target));
    }
  }

  // The attribute steps of the partials from `from` (those of the element just opened).
  void MatchAttributes(uint32_t from, const Attributes& attributes) {
    scratch_.attribute_names.clear();
    for (uint32_t i = from; i < scratch_.partials.size(); ++i) {
      const Partial p = scratch_.partials[i];
      if (p.branch == nullptr) {
        const XmlStreamScope& scope = ScopeOf(p.instance);
        for (int b : scope.first_attribute) {
          const XmlStreamBranch& branch = scope.branches[static_cast<size_t>(b)];
          MatchAttribute(p.instance, branch.steps.front(), branch.target, attributes);
        }
      } else if (p.branch->steps[p.progress].attribute) {
        MatchAttribute(p.instance, p.branch->steps[p.progress], p.branch->target, attributes);
      }
    }
  }

  void MatchAttribute(uint32_t instance, const XmlStreamStep& step, int slot,
                      const Attributes& attributes) {
    std::vector<int>& names = scratch_.attribute_names;
    if (names.empty()) {
      for (int a = 0; a < attributes.size(); ++a) {
        names.push_back(scratch_.names.Find(*answer_.plan_, attributes.local_name(a),
                                            attributes.namespace_uri(a)));
      }
    }
    for (int a = 0; a < attributes.size(); ++a) {
      if (names[static_cast<size_t>(a)] == step.name) {
        SelectAttribute(ValueIndex(instance, slot), attributes, a);
      }
    }
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
  Scratch& scratch_;
  uint64_t node_ = 0;  // start tags seen: identifies the current element
};

// The storage of the last answer dropped on this thread, emptied, for the next one; more than a
// large answer needs is let go.
constexpr size_t kMaxKeptValues = 4096;

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
  s_.values.clear();
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
