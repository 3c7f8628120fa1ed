// KeptInput: libxml2's xmlCtxtReadMemory for documents read through SAX callbacks that build no
// tree, with the parser's input buffer kept from one document to the next. xmlCtxtReadMemory
// allocates a fresh 8 KiB buffer per document and copies the document into it; that allocation
// (a large one: glibc first consolidates its small free chunks) costs about 3 % of mapping a
// typical answer. Internal to adapters/xml (safe_xml.cc's StreamXmlPayload).
#pragma once

#include <libxml/parser.h>

#include <string_view>

namespace omnihub::xml {

// Thread-safety: one per thread (like the parser context it serves).
class KeptInput {
 public:
  KeptInput() = default;
  KeptInput(const KeptInput&) = delete;
  KeptInput& operator=(const KeptInput&) = delete;
  ~KeptInput();

  // The steps of xmlCtxtReadMemory(ctxt, xml, size, nullptr, nullptr, options) in libxml2 2.9
  // (reset the context, push one memory input, apply the options, xmlParseDocument), on the kept
  // buffer. The context's SAX handler must build no document. Afterwards the context no longer
  // refers to the buffer; a buffer libxml2 freed (a halted parser), switched to another encoding
  // or left in error is not kept, nor one grown for a large document. False when the document
  // could not be handed to the parser (out of memory): nothing was parsed.
  bool Read(xmlParserCtxt* ctxt, std::string_view xml, int options);

  // For the SAX startDocument callback during Read: the document's encoding is settled once its
  // declaration is read (no external entities: nothing can give the input an encoder later).
  // Without an encoder, the input is then read straight from the buffer, without it: libxml2
  // 2.9 otherwise asks the buffer for more on every look-ahead within 250 bytes of the end (a
  // grow check each time: about 3 % of a typical answer) although the whole document is there.
  // With an encoder (ISO-8859-1, UTF-16...) those refills convert the rest, so they stay.
  void DeclarationRead(xmlParserCtxt* ctxt);

 private:
  xmlParserInputBuffer* Take();
  void Release();

  xmlParserInputBuffer* buffer_ = nullptr;
  bool detached_ = false;  // by DeclarationRead, from the document's input
};

}  // namespace omnihub::xml
