// `hubctl mappings doc`: the landscape (mapping_landscape.h) as one self-contained HTML page (no
// network needed: styles, script and the diagram are inline) and as a Graphviz diagram of
// systems and the canonical entities they provide.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "tools/hubctl/mapping_landscape.h"

namespace omnihub::hubctl {

// Graphviz source: one box per system (labelled with its connector), one ellipse per canonical
// entity (customer, order, contact, loyalty, payment), an edge per system and entity labelled
// with the operations that provide it. Deterministic (sorted).
std::string RenderLandscapeDot(const Landscape& landscape);

// SVG drawn by Graphviz's `dot` (found on PATH). UNAVAILABLE when dot is not installed or
// fails; the page then shows the Graphviz source instead.
absl::StatusOr<std::string> DrawWithGraphviz(const std::string& dot_source);

// The page. `diagram_svg` is inlined when not empty; otherwise `dot_source` is shown with a note
// saying how to draw it. Deterministic: the same landscape gives the same bytes (no timestamps).
std::string RenderLandscapeHtml(const Landscape& landscape, const std::string& dot_source,
                                const std::string& diagram_svg);

// Text escaped for HTML element content and attribute values.
std::string HtmlEscape(const std::string& text);

}  // namespace omnihub::hubctl
