# Writes the C++ file that holds the frozen modules' source (run/frozen_modules.hpp's table).
# interp/CMakeLists.txt includes it when configuring (so that the file exists before any
# build, for clang-tidy's compile database; then it is rewritten only when it changes) and
# runs it at build time whenever a module changes:
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
    string(REPEAT "[^,]*," 16 sixteen)  # CMake's regular expressions have no {16}
    string(REGEX REPLACE "(${sixteen})" "\\1\n    " bytes "${bytes}")
    string(APPEND arrays "// ${name}.py\nconst char kSource${count}[] = {\n    ${bytes}'\\0'};\n")
    string(APPEND entries "    {\"${name}\", kSource${count}, ${size}},\n")
    math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
    set(entries "    {nullptr, nullptr, 0},  // (an array may not be empty)\n")
endif()
set(text
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
if(CMAKE_SCRIPT_MODE_FILE)
    file(WRITE "${OUTPUT}" "${text}")  # the build asked: the output must be newer
else()
    file(CONFIGURE OUTPUT "${OUTPUT}" CONTENT "${text}" @ONLY)  # written only when it changes
endif()
