// The frozen modules: Python source compiled into the binary (CPython's frozen modules). The
// build turns each interp/src/modules/<name>.py into an entry of this table
// (interp/cmake/frozen_modules.cmake writes frozen_modules.cpp in the build tree); import
// finds a name here after the built-in modules and before sys.path, compiles the text and
// runs it as a source module's body (import_load.cpp).
#ifndef MINIPY_INTERP_RUN_FROZEN_MODULES_HPP
#define MINIPY_INTERP_RUN_FROZEN_MODULES_HPP

#include <cstddef>

namespace minipy::interp::imports {

struct FrozenModule {
    const char *name;    // the module's name: "tracemalloc"
    const char *source;  // its UTF-8 text, NUL-terminated
    std::size_t size;    // bytes of text, the NUL left out
};

extern const FrozenModule kFrozenModules[];
extern const int kFrozenModuleCount;

}  // namespace minipy::interp::imports

#endif  // MINIPY_INTERP_RUN_FROZEN_MODULES_HPP
