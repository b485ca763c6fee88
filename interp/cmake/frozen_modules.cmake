# Writes the C++ file that holds the frozen modules' source (run/frozen_modules.hpp's table).
# Run at build time by interp/CMakeLists.txt:
#   cmake -DOUTPUT=<file.cpp> -DSOURCES=<a.py;b.py> -P frozen_modules.cmake
# Each module is named after its file (tracemalloc.py -> tracemalloc); its text is stored as
# bytes, so any character survives, followed by a NUL the table's size leaves out.
set(entries "")
set(arrays "")
set(count 0)
list(SORT SOURCES)
foreach(source IN LISTS SOURCES)
    get_filename_component(name "${source}" NAME_WE)
    file(READ "${source}" hex HEX)
    string(LENGTH "${hex}" hex_length)
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
    string(REGEX REPLACE "(([^,]*,){16})" "\\1\n    " bytes "${bytes}")
    string(APPEND arrays "const char k_${name}[] = {\n    ${bytes}'\\0'};\n")
    string(APPEND entries "    {\"${name}\", k_${name}, ${size}},\n")
    math(EXPR count "${count} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from interp/src/modules/*.py by interp/cmake/frozen_modules.cmake: do not edit.
#include \"run/frozen_modules.hpp\"

namespace minipy::interp::imports {

namespace {
${arrays}}  // namespace

const FrozenModule kFrozenModules[] = {
${entries}};
const int kFrozenModuleCount = ${count};

}  // namespace minipy::interp::imports
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
