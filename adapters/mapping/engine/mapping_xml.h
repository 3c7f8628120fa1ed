// Internal to the mapping compiler: reading mapping-file elements (libxml2 nodes) and reporting
// problems against them. Shared by the compiler's parts (mapping_compiler.cc for the common
// language, sql_request_compiler.cc for odbc requests, ...).
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace omnihub::mapping::engine {

// Records one problem located at `node` (the compiler turns it into file:line:column).
using ProblemSink = std::function<void(const xmlNode* node, std::string message)>;

inline bool IsElement(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST name) == 0;
}

inline std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsElement(c, name)) found.push_back(c);
  }
  return found;
}

inline const xmlNode* FirstChild(const xmlNode* parent, const char* name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsElement(c, name)) return c;
  }
  return nullptr;
}

inline std::optional<std::string> Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, BAD_CAST name);
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

inline std::string AttrOr(const xmlNode* node, const char* name, std::string fallback = "") {
  return Attr(node, name).value_or(std::move(fallback));
}

// The text content of an element (entities are never substituted in mapping files).
inline std::string TextOf(const xmlNode* node) {
  xmlChar* text = xmlNodeGetContent(node);
  if (text == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(text));
  xmlFree(text);
  return out;
}

// True for a column name the table mapper can select: a letter or '_', then letters, digits or
// '_' (at most 128 characters).
inline bool IsColumnName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && (i == 0 || c < '0' || c > '9')) return false;
  }
  return true;
}

}  // namespace omnihub::mapping::engine
