#include "adapters/xml/kept_input.h"

#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>

#include <cstddef>

namespace omnihub::xml {
namespace {

// Documents up to this size leave the buffer for the next one; a larger one frees it, so that a
// thread does not hold a large answer's buffer for good.
constexpr size_t kMaxKeptBytes = 64u << 10;

// What xmlCtxtReadMemory's memory input reads when libxml2 asks it for more: nothing (the whole
// document is in the buffer). An input with a read callback is one libxml2 refills, which is how
// it converts the rest of a document in another encoding than UTF-8.
int NothingMore(void* /*context*/, char* /*buffer*/, int /*len*/) { return 0; }

}  // namespace

KeptInput::~KeptInput() { Release(); }

void KeptInput::Release() {
  if (buffer_ != nullptr) xmlFreeParserInputBuffer(buffer_);
  buffer_ = nullptr;
}

// The kept buffer emptied, or a new one.
xmlParserInputBuffer* KeptInput::Take() {
  if (buffer_ == nullptr) buffer_ = xmlAllocParserInputBuffer(XML_CHAR_ENCODING_NONE);
  if (buffer_ == nullptr) return nullptr;
  xmlBufShrink(buffer_->buffer, xmlBufUse(buffer_->buffer));
  buffer_->readcallback = NothingMore;
  return buffer_;
}

bool KeptInput::Read(xmlParserCtxt* ctxt, std::string_view xml, int options) {
  xmlCtxtReset(ctxt);
  xmlParserInputBuffer* buffer = Take();
  if (buffer == nullptr ||
      xmlParserInputBufferPush(buffer, static_cast<int>(xml.size()), xml.data()) < 0) {
    Release();
    return false;
  }
  detached_ = false;
  xmlParserInput* input = xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE);
  if (input == nullptr) {
    Release();
    return false;
  }
  if (inputPush(ctxt, input) < 0) {  // libxml2 has freed the input and its buffer
    buffer_ = nullptr;
    return false;
  }
  xmlCtxtUseOptions(ctxt, options);
  xmlParseDocument(ctxt);
  if (ctxt->myDoc != nullptr) {
    xmlFreeDoc(ctxt->myDoc);
    ctxt->myDoc = nullptr;
  }
  // Detached from the context, unless libxml2 freed it (a halted parser frees its input's
  // buffer: a refused DOCTYPE, a document nested too deep): the document's input, first on the
  // context's stack, then no longer names it.
  const bool ours = detached_ || (ctxt->inputNr > 0 && ctxt->inputTab[0]->buf == buffer);
  while (xmlParserInput* in = inputPop(ctxt)) {
    if (in->buf == buffer) in->buf = nullptr;
    xmlFreeInputStream(in);
  }
  if (!ours) {
    buffer_ = nullptr;
    return true;
  }
  if (buffer->encoder != nullptr || buffer->raw != nullptr || buffer->error != 0 ||
      xml.size() > kMaxKeptBytes) {
    Release();
  }
  return true;
}

void KeptInput::DeclarationRead(xmlParserCtxt* ctxt) {
  xmlParserInput* input = ctxt->input;
  if (ctxt->inputNr != 1 || input == nullptr || input->buf != buffer_ || buffer_ == nullptr ||
      buffer_->encoder != nullptr) {
    return;
  }
  // The input keeps reading the buffer's bytes (base, cur and end point into it), which stay
  // where they are until the next Read: nobody else writes to the buffer any more.
  input->buf = nullptr;
  detached_ = true;
}

}  // namespace omnihub::xml
