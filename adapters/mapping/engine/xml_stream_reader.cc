#include "adapters/mapping/engine/xml_stream_reader.h"

#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {

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
    // Enough for a typical answer, so that the vectors are not moved while they fill.
    answer_.instances_.reserve(32);
    answer_.values_.reserve(64);
    answer_.first_.reserve(32);
    answer_.last_.reserve(32);
    Open(StreamedAnswer::kNone, XmlStreamPlan::kDocument);
  }

  // xml::XmlEventHandler
  void StartElement(std::string_view local_name, std::string_view namespace_uri,
                    const Attributes& attributes) override {
    ++node_;
    const Frame parent = scratch_.frames.back();
    NoteDocumentElement(local_name, namespace_uri);
    for (size_t i = parent.collecting; i < scratch_.collecting.size(); ++i) {
      StreamedAnswer::Selected& selected = answer_.values_[scratch_.collecting[i]];
      if (selected.element_with_children == StreamedAnswer::kNone) {
        selected.element_with_children = static_cast<uint32_t>(answer_.names_.size());
        answer_.names_.emplace_back(parent.name);
      }
    }
    const auto end = static_cast<uint32_t>(scratch_.partials.size());
    scratch_.frames.push_back({end, static_cast<uint32_t>(scratch_.collecting.size()), local_name});
    if (parent.partials < end) {
      const int name = answer_.plan_->NameId(local_name, namespace_uri);
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
      answer_.values_[scratch_.collecting[i]].text.append(text);
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
  };
  static Scratch& ThreadScratch() {
    thread_local Scratch scratch;
    return scratch;
  }

  const std::vector<XmlStreamScope>& Scopes() const { return answer_.plan_->scopes(); }

  const XmlStreamScope& ScopeOf(uint32_t instance) const {
    return Scopes()[static_cast<size_t>(answer_.instances_[instance].scope)];
  }

  uint32_t ValueIndex(uint32_t instance, int slot) const {
    return answer_.instances_[instance].values + static_cast<uint32_t>(slot);
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
          answer_.instances_[parent].children + static_cast<uint32_t>(plan.index_in_parent);
      first = &answer_.first_[list];
      last = &answer_.last_[list];
      if (*last != StreamedAnswer::kNone && answer_.instances_[*last].node == node_) return;
    }
    const auto added = static_cast<uint32_t>(answer_.instances_.size());
    StreamedAnswer::Instance instance;
    instance.scope = scope;
    instance.values = static_cast<uint32_t>(answer_.values_.size());
    instance.children = static_cast<uint32_t>(answer_.first_.size());
    instance.node = node_;
    if (first != nullptr) {
      if (*last == StreamedAnswer::kNone) {
        *first = added;
      } else {
        answer_.instances_[*last].next = added;
      }
      *last = added;
    }
    answer_.instances_.push_back(instance);
    answer_.values_.resize(answer_.values_.size() + static_cast<size_t>(plan.slots));
    answer_.first_.resize(answer_.first_.size() + plan.children.size(), StreamedAnswer::kNone);
    answer_.last_.resize(answer_.last_.size() + plan.children.size(), StreamedAnswer::kNone);
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
        names.push_back(
            answer_.plan_->NameId(attributes.local_name(a), attributes.namespace_uri(a)));
      }
    }
    for (int a = 0; a < attributes.size(); ++a) {
      if (names[static_cast<size_t>(a)] == step.name) {
        SelectAttribute(ValueIndex(instance, slot), attributes, a);
      }
    }
  }

  void SelectElement(uint32_t value) {
    StreamedAnswer::Selected& selected = answer_.values_[value];
    const uint64_t node = node_ << 16;
    if (selected.count > 0 && selected.last_node == node) return;
    selected.last_node = node;
    if (++selected.count > 1) return;
    scratch_.collecting.push_back(value);
  }

  void SelectAttribute(uint32_t value, const Attributes& attributes, int index) {
    StreamedAnswer::Selected& selected = answer_.values_[value];
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
  if (owner >= instances_.size() || instances_[owner].scope != selector.stream_scope) {
    return nullptr;
  }
  return &values_[instances_[owner].values + static_cast<uint32_t>(selector.stream_slot)];
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
    return NotASingleValueError(names_[selected->element_with_children]);
  }
  return Value::Text(selected->text);
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
  if (owner >= instances_.size() || instances_[owner].scope != scope.parent) return out;
  const uint32_t list = instances_[owner].children + static_cast<uint32_t>(scope.index_in_parent);
  for (uint32_t i = first_[list]; i != kNone; i = instances_[i].next) out.push_back(i);
  return out;
}

}  // namespace omnihub::mapping::engine
