// What the import files share (import_load.cpp: the built-in module table, finding and running
// source modules, module specs; import_api.cpp: the import algorithm and the C API; import.cpp:
// the eval loop's IMPORT_* instructions and builtins.__import__).
#ifndef MINIPY_INTERP_RUN_IMPORT_INTERNAL_HPP
#define MINIPY_INTERP_RUN_IMPORT_INTERNAL_HPP

#include "minipy/Python.h"

namespace minipy::interp::imports {

// Start-up, once sys and builtins exist: the spec of both, both in sys.modules, the runtime's
// import hook. 0 or -1 with an exception.
int import_init() noexcept;
// Shutdown: every module's dict emptied (CPython's finalize_modules, which breaks the cycles
// between modules and their functions), then the import state dropped.
void import_fini() noexcept;

// Loads module `abs_name` (its parent already imported, `search_path` the parent's __path__ or
// NULL for a top-level module): a built-in module, else a package or a .py file found on the
// path. New reference; NULL with an exception, or NULL without one when no module of that name
// exists.
PyObject *load_module(PyObject *abs_name, PyObject *search_path) noexcept;

// 1 when `module` is running its body now (its spec's _initializing is true), else 0.
int module_is_initializing(PyObject *module) noexcept;

// Gives the ImportError just raised its `name` and `path` attributes (NULL: None), as
// CPython's ImportError(msg, name=..., path=...) has them.
void set_import_error_attrs(PyObject *name, PyObject *path) noexcept;

// The core of every import: __import__ without an override (import_api.cpp).
PyObject *import_module_level(PyObject *name, PyObject *globals, PyObject *fromlist,
                              int level) noexcept;

// --- import_spec.cpp: module specs and loaders ------------------------------------------------

// A new ModuleSpec (references taken to each argument); NULL with MemoryError.
PyObject *spec_new(PyObject *name, PyObject *loader, PyObject *origin, PyObject *locations,
                   bool has_location) noexcept;
// spec._initializing = on (nothing for an object that is no ModuleSpec); and its test.
void spec_set_initializing(PyObject *spec, bool on) noexcept;
bool spec_is_initializing(PyObject *spec) noexcept;
// module.__spec__ = spec, module.__loader__ = spec.loader. 0 or -1.
int module_set_spec(PyObject *module, PyObject *spec) noexcept;
// The loader of built-in modules (borrowed), a new SourceFileLoader, the types made ready.
PyObject *builtin_loader() noexcept;
PyObject *source_loader_new() noexcept;
int spec_types_ready() noexcept;

// builtins.__import__'s definition (import.cpp), added to the builtins by import_init.
extern PyMethodDef import_builtin_def;

}  // namespace minipy::interp::imports

#endif  // MINIPY_INTERP_RUN_IMPORT_INTERNAL_HPP
