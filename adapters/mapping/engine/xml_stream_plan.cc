#include "adapters/mapping/engine/xml_stream_plan.h"

#include <atomic>
#include <memory>
#include <optional>

#include "absl/algorithm/container.h"

namespace omnihub::mapping::engine {

// Builds the plan of one operation; any selector that does not stream makes it fail.
class XmlStreamPlanner {
 public:
  std::shared_ptr<const XmlStreamPlan> Plan(std::optional<ResultRule>& result,
                                            CompiledOperation& op) {
    static std::atomic<uint64_t> plans{0};
    plan_ = std::make_shared<XmlStreamPlan>();
    plan_->serial_ = ++plans;
    plan_->scopes_.emplace_back();  // the document
    if (result) {
      plan_->result_code_slot_ = AddValue(result->code, XmlStreamPlan::kDocument, true);
      if (result->message) {
        plan_->result_message_slot_ = AddValue(*result->message, XmlStreamPlan::kDocument, true);
      }
    }
    if (op.has_response) {
      if (op.xml_root.xpath == nullptr) return nullptr;
      const int records = AddScope(op.xml_root, XmlStreamPlan::kDocument, true);
      if (records < 0) return nullptr;
      Fields(op.fields, op.groups, records);
      for (CompiledIdentifier& id : op.identifiers) AddValue(id.source, records, false);
    }
    if (!ok_ || !plan_->states_.Build(plan_->scopes_, plan_->name_count_)) return nullptr;
    return std::move(plan_);
  }

 private:
  // The selector's paths as branches from the scope that holds it: the document for absolute
  // paths and for those read from the document element (`from_root`: the result code, the
  // response root), `scope` otherwise. Sets `owner` (-1 when the selector does not stream).
  std::vector<XmlStreamBranch> Branches(const Selector& selector, int scope, bool from_root,
                                        int& owner) {
    owner = -1;
    if (selector.xpath == nullptr || selector.xpath->plain_union().empty()) return {};
    const auto& paths = selector.xpath->plain_union();
    const bool absolute = paths.front().absolute;
    if (!absl::c_all_of(paths, [&](const XPath::PlainPath& p) { return p.absolute == absolute; })) {
      return {};  // one slot cannot hold values of two scopes
    }
    std::vector<XmlStreamBranch> branches;
    for (const XPath::PlainPath& path : paths) {
      XmlStreamBranch branch;
      if (from_root && !absolute) {
        // From the document element = from the document, through its only element child.
        branch.steps.push_back({.attribute = false, .any_name = true, .name = -1});
      }
      for (const XPath::Step& step : path.steps) {
        branch.steps.push_back({.attribute = step.attribute,
                                .any_name = step.any_name,
                                .name = step.any_name ? -1 : Intern(step)});
      }
      branches.push_back(std::move(branch));
    }
    owner = absolute || from_root ? XmlStreamPlan::kDocument : scope;
    return branches;
  }

  // A value read relative to an element of `scope`: its slot.
  int AddValue(Selector& selector, int scope, bool from_root) {
    int owner = -1;
    std::vector<XmlStreamBranch> branches = Branches(selector, scope, from_root, owner);
    if (owner < 0) {
      ok_ = false;
      return -1;
    }
    XmlStreamScope& holder = plan_->scopes_[owner];
    const int slot = holder.slots++;
    for (XmlStreamBranch& branch : branches) {
      branch.target = slot;
      holder.branches.push_back(std::move(branch));
    }
    selector.stream_scope = owner;
    selector.stream_slot = slot;
    return slot;
  }

  // Elements (records, items) found relative to an element of `scope`: a new scope.
  int AddScope(Selector& selector, int scope, bool from_root) {
    int owner = -1;
    std::vector<XmlStreamBranch> branches = Branches(selector, scope, from_root, owner);
    const bool elements = absl::c_all_of(
        branches, [](const XmlStreamBranch& b) { return !b.steps.back().attribute; });
    if (owner < 0 || !elements) {  // attributes as records or items: left to the tree path
      ok_ = false;
      return -1;
    }
    const int added = static_cast<int>(plan_->scopes_.size());
    XmlStreamScope child;
    child.parent = owner;
    child.index_in_parent = static_cast<int>(plan_->scopes_[owner].children.size());
    plan_->scopes_.push_back(std::move(child));
    XmlStreamScope& holder = plan_->scopes_[owner];
    holder.children.push_back(added);
    for (XmlStreamBranch& branch : branches) {
      branch.to_scope = true;
      branch.target = added;
      holder.branches.push_back(std::move(branch));
    }
    selector.stream_scope = added;
    return added;
  }

  void Fields(std::vector<CompiledField>& fields, std::vector<CompiledGroup>& groups, int scope) {
    for (CompiledField& field : fields) {
      for (Selector& source : field.sources) AddValue(source, scope, false);
    }
    for (CompiledGroup& group : groups) {
      const int items = AddScope(group.source, scope, false);
      if (items >= 0) Fields(group.fields, group.groups, items);
    }
  }

  // The plan's id of the step's name and namespace.
  int Intern(const XPath::Step& step) {
    if (const int id = plan_->NameId(step.local_name, step.namespace_uri); id >= 0) return id;
    const int id = plan_->name_count_++;
    plan_->names_[XmlStreamPlan::NameBucket(step.local_name)].push_back(
        {step.local_name, step.namespace_uri, id});
    return id;
  }

  std::shared_ptr<XmlStreamPlan> plan_;
  bool ok_ = true;
};

size_t XmlStreamPlan::NameBucket(std::string_view local_name) {
  if (local_name.empty()) return 0;
  const auto first = static_cast<unsigned char>(local_name.front());
  const auto last = static_cast<unsigned char>(local_name.back());
  return (local_name.size() * 7 + first * 3 + last) % kNameBuckets;
}

int XmlStreamPlan::NameId(std::string_view local_name, std::string_view namespace_uri) const {
  for (const Name& name : names_[NameBucket(local_name)]) {
    if (name.local_name == local_name && name.namespace_uri == namespace_uri) return name.id;
  }
  return -1;
}

void PlanXmlStreaming(CompiledSystem& system) {
  if (system.connector != "http-xml" && system.connector != "poslog") return;
  for (auto& [name, op] : system.operations) {
    op.xml_stream = XmlStreamPlanner().Plan(system.result, op);
  }
}

}  // namespace omnihub::mapping::engine
