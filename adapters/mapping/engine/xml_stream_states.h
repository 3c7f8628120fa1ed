// The branches of an XmlStreamPlan (xml_stream_plan.h) compiled into a state machine over element
// names, so that the streaming reader does one table look-up per element instead of following
// every branch in progress.
//
// Every step of a plain path goes one level down, so what is in progress at an element depends
// only on the names of the elements on its way from the document: that is the element's state. A
// state is a set of items (a branch of a scope matched up to some step from the element of the
// scope that many levels up); the reader keeps which element of a scope is open at each level.
//
// Thread-safety: immutable after Build.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace omnihub::mapping::engine {

// One step of a branch: an element name test or, last only, an attribute. Names are the plan's
// ids (XmlStreamPlan::NameId), so that the reader compares numbers, not strings.
struct XmlStreamStep {
  bool attribute = false;
  bool any_name = false;  // `*`: an element of any name (`name` is -1)
  int name = -1;
};

// One plain path to follow from an element of a scope (from the document in scope 0).
struct XmlStreamBranch {
  std::vector<XmlStreamStep> steps;  // never empty; only the last may be an attribute
  bool to_scope = false;  // true: finds the elements of scope `target`; false: slot `target`
  int target = 0;
};

struct XmlStreamScope {
  int parent = -1;          // -1 for the document
  int index_in_parent = 0;  // among the parent's `children`
  int slots = 0;            // values held per element of the scope
  std::vector<int> children;
  std::vector<XmlStreamBranch> branches;
};

// What an element's start tag does: opens an element of a child scope, or selects the element
// for a value. The owner is the element of scope `scope` opened `up` levels above the new element
// (1: its parent).
struct XmlStreamAction {
  bool open = false;  // true: an element of scope `target`; false: a value of slot `target`
  int up = 1;
  int scope = 0;
  int target = 0;
  friend bool operator==(const XmlStreamAction&, const XmlStreamAction&) = default;
};

// An attribute the element just opened may have that selects a value of the owner (as above; up
// 0 is the element itself).
struct XmlStreamAttribute {
  int name = -1;
  int up = 0;
  int scope = 0;
  int slot = 0;
  friend bool operator==(const XmlStreamAttribute&, const XmlStreamAttribute&) = default;
};

class XmlStreamStates {
 public:
  // The state of the elements no branch reaches into (and of their descendants).
  static constexpr int kNowhere = 0;

  struct Transition {
    int next = kNowhere;
    uint32_t actions_begin = 0;  // in actions_
    uint32_t actions_end = 0;
  };

  // Builds the states reachable from the document over `scopes` with names 0..name_count-1
  // (and any other name); false when there would be more than kMaxStates (a mapping whose unions
  // and `*` steps combine without end: left to the tree path).
  static constexpr size_t kMaxStates = 1024;
  bool Build(const std::vector<XmlStreamScope>& scopes, int name_count);

  int document() const { return document_; }
  // The state of a child element named `name` (-1: a name no step tests) of an element in
  // `state`, and what its start tag does.
  const Transition& Next(int state, int name) const {
    return transitions_[static_cast<size_t>(state) * width_ + static_cast<size_t>(name + 1)];
  }
  std::span<const XmlStreamAction> Actions(const Transition& t) const {
    return {actions_.data() + t.actions_begin, t.actions_end - t.actions_begin};
  }
  // The attributes an element in `state` selects.
  std::span<const XmlStreamAttribute> Attributes(int state) const {
    const auto [begin, end] = attribute_ranges_[static_cast<size_t>(state)];
    return {attributes_.data() + begin, end - begin};
  }

 private:
  size_t width_ = 1;  // names + 1 (any other name)
  int document_ = kNowhere;
  std::vector<Transition> transitions_;
  std::vector<XmlStreamAction> actions_;
  std::vector<XmlStreamAttribute> attributes_;
  std::vector<std::pair<uint32_t, uint32_t>> attribute_ranges_;
};

}  // namespace omnihub::mapping::engine
