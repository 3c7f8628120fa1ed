# omnihub_warnings(target): the project's warning set, applied to every target we own.
function(omnihub_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wnon-virtual-dtor -Wno-unused-parameter)
  # GCC 12 at -O3 (the Release build) reports -Wrestrict on "literal" + std::string inside
  # libstdc++ (GCC bug 105329, fixed in 13): a false positive in code it inlines, not ours.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
