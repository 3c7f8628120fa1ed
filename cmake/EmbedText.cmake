# omnihub_embed_text(OUT_VAR INPUT <file> HEADER <header> NAMESPACE <ns> FUNCTION <name>): generates
# a .cc in the current binary directory that defines `std::string_view <ns>::<name>()` (declared in
# <header>) returning the text of <file>, regenerated when the file changes; OUT_VAR receives its
# path, to be listed among a target's sources. Used for the XSDs and built-in mappings compiled in.
set(OMNIHUB_EMBED_TEXT_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_text_script.cmake)

function(omnihub_embed_text out_var)
  cmake_parse_arguments(EMBED "" "INPUT;HEADER;NAMESPACE;FUNCTION" "" ${ARGN})
  get_filename_component(name ${EMBED_INPUT} NAME)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${EMBED_FUNCTION}.cc)
  file(RELATIVE_PATH shown ${PROJECT_SOURCE_DIR} ${EMBED_INPUT})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${EMBED_INPUT} -DOUTPUT=${output} -DHEADER=${EMBED_HEADER}
            -DNAMESPACE=${EMBED_NAMESPACE} -DFUNCTION=${EMBED_FUNCTION}
            -P ${OMNIHUB_EMBED_TEXT_SCRIPT}
    DEPENDS ${EMBED_INPUT} ${OMNIHUB_EMBED_TEXT_SCRIPT}
    COMMENT "embedding ${shown}"
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
