# cmake -DINPUT=<text file> -DOUTPUT=<.cc> -DHEADER=<include> -DNAMESPACE=<ns> -DFUNCTION=<name>
#   -P embed_text.cmake
# Writes a .cc defining `std::string_view NAMESPACE::FUNCTION()` that returns INPUT's text.
file(READ "${INPUT}" content)
set(delimiter "omnihub_embed")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
set(text "// Generated from ${INPUT} by embed_text.cmake; do not edit.\n")
string(APPEND text "#include \"${HEADER}\"\n\nnamespace ${NAMESPACE} {\n\n")
string(APPEND text "std::string_view ${FUNCTION}() {\n")
string(APPEND text "  static constexpr char kText[] = R\"${delimiter}(${content})${delimiter}\";\n")
string(APPEND text "  return {kText, sizeof(kText) - 1};\n}\n\n}  // namespace ${NAMESPACE}\n")
# Only touch the output when it changes, so dependants do not rebuild needlessly.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
  if(previous STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
