# omnihub_warnings(target): the project's warning set, applied to every target we own.
function(omnihub_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                                           -Wnon-virtual-dtor -Wno-unused-parameter)
endfunction()
