// Where modules come from: the table of built-in modules (with the host's additions,
// PyImport_AppendInittab), the search of sys.path (or a package's __path__) for a package
// directory, a .py file or a namespace package, the frozen modules (source compiled into the
// binary, looked for after the built-in ones and before sys.path), and running a source or
// frozen module's body in a fresh module. Each module gets a spec (import_spec.cpp) as importlib
// gives one.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "code/code_object.hpp"
#include "compile/compile_module.hpp"
#include "eval/ceval.hpp"
#include "minipy/import.h"
#include "modules/io/io.hpp"
#include "modules/modules.hpp"
#include "objects/interp_object.hpp"
#include "parse/frontend.hpp"
#include "run/frozen_modules.hpp"
#include "run/import_internal.hpp"
#include "run/interp_state.hpp"

namespace minipy::interp::imports {

namespace {

// --- The table of built-in modules -------------------------------------------------------------

PyObject *init_sys() noexcept {
    return Py_NewRef(g_interp.sys_module);
}

PyObject *init_builtins() noexcept {
    return Py_NewRef(g_interp.builtins_module);
}

// Sorted by name (sys.builtin_module_names lists them in this order).
const _inittab kBuiltinModules[] = {
    {"__future__", PyInit___future__},
    {"_io", PyInit__io},
    {"_random", PyInit__random},
    {"_tracemalloc", PyInit__tracemalloc},
    {"builtins", init_builtins},
    {"gc", PyInit_gc},
    {"math", PyInit_math},
    {"sys", init_sys},
    {"time", PyInit_time},
};

// What a host added before start-up: static storage, since the allocator may not be up yet.
constexpr int kMaxAppended = 64;
_inittab g_appended[kMaxAppended];
int g_appended_count = 0;

struct ImportState {
    PyObject *builtin_cache;  // dict: name -> built-in module made by its init function
    PyObject *source_loader;  // the SourceFileLoader every source module names
    PyObject *frozen_origin;  // "frozen": a frozen module's spec.origin
};
ImportState g_import;

using InitFunc = PyObject *(*)(void);

InitFunc find_initfunc(const char *name) noexcept {
    for (int i = g_appended_count - 1; i >= 0; --i)
        if (std::strcmp(g_appended[i].name, name) == 0) return g_appended[i].initfunc;
    for (const _inittab &entry : kBuiltinModules)
        if (std::strcmp(entry.name, name) == 0) return entry.initfunc;
    return nullptr;
}

// --- Built-in modules ----------------------------------------------------------------------

// 1 with *module (new reference) when `name` is a built-in module, 0 when it is not, -1.
int load_builtin(PyObject *name, PyObject **module) noexcept {
    *module = nullptr;
    PyObject *cached = PyDict_GetItemWithError(g_import.builtin_cache, name);
    if (cached != nullptr) {
        *module = Py_NewRef(cached);
        return PyDict_SetItem(g_interp.modules, name, cached) < 0 ? -1 : 1;
    }
    if (PyErr_Occurred()) return -1;
    Py_ssize_t size = 0;
    const char *text = PyUnicode_AsUTF8AndSize(name, &size);
    if (text == nullptr) {  // a name no C string can hold (a lone surrogate) is no built-in
        PyErr_Clear();
        return 0;
    }
    if (std::strlen(text) != static_cast<std::size_t>(size)) return 0;  // a NUL in the name
    const InitFunc initfunc = find_initfunc(text);
    if (initfunc == nullptr) return 0;
    PyObject *m = initfunc();
    if (m == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_SystemError,
                         "initialization of %s failed without raising an exception", text);
        return -1;
    }
    if (!PyModule_Check(m)) {
        PyErr_Format(PyExc_SystemError, "initialization of %s did not return an extension module",
                     text);
        Py_DECREF(m);
        return -1;
    }
    PyObject *origin = PyUnicode_FromString("built-in");
    PyObject *spec =
        origin != nullptr ? spec_new(name, builtin_loader(), origin, Py_None, false) : nullptr;
    Py_XDECREF(origin);
    if (spec == nullptr || module_set_spec(m, spec) < 0 ||
        PyDict_SetItem(g_import.builtin_cache, name, m) < 0 ||
        PyDict_SetItem(g_interp.modules, name, m) < 0) {
        Py_XDECREF(spec);
        Py_DECREF(m);
        return -1;
    }
    Py_DECREF(spec);
    *module = m;
    return 1;
}

// --- Finding source ------------------------------------------------------------------------

bool is_directory(const char *path) noexcept {
    struct stat st {};
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const char *path) noexcept {
    struct stat st {};
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

// The directory a path entry names: '' is the current directory, as an absolute path (module
// __file__s are absolute, as importlib's FileFinder makes them). New reference or NULL.
PyObject *entry_directory(PyObject *entry) noexcept {
    if (PyUnicode_GET_LENGTH(entry) != 0) return Py_NewRef(entry);
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) == nullptr) return PyUnicode_FromString(".");
    return PyUnicode_DecodeUTF8(cwd, static_cast<Py_ssize_t>(std::strlen(cwd)), "surrogateescape");
}

struct FoundSource {
    PyObject *file;      // the .py file to run (new reference)
    PyObject *package;   // the package's directory, or NULL for a plain module
    PyObject *portions;  // list: directories `last` without __init__.py (namespace portions)
};

// 1 when `dir` holds package `last` (a directory with __init__.py) or module `last`.py; a
// directory `last` without __init__.py is noted as a namespace portion (PEP 420).
int find_in_directory(PyObject *dir, PyObject *last, FoundSource *found) noexcept {
    PyObject *base = PyUnicode_FromFormat("%U/%U", dir, last);
    if (base == nullptr) return -1;
    Py_ssize_t size = 0;
    const char *base_text = PyUnicode_AsUTF8AndSize(base, &size);
    if (base_text == nullptr || std::strlen(base_text) != static_cast<std::size_t>(size)) {
        Py_DECREF(base);
        PyErr_Clear();  // no file name (a lone surrogate, a NUL): skipped, as importlib does
        return 0;
    }
    if (is_directory(base_text)) {
        PyObject *init = PyUnicode_FromFormat("%U/__init__.py", base);
        const char *init_text = init != nullptr ? PyUnicode_AsUTF8(init) : nullptr;
        if (init_text == nullptr) {
            Py_XDECREF(init);
            Py_DECREF(base);
            return -1;  // MemoryError: the name itself converted above
        }
        if (is_file(init_text)) {
            found->file = init;
            found->package = base;
            return 1;
        }
        Py_DECREF(init);
        if (PyList_Append(found->portions, base) < 0) {
            Py_DECREF(base);
            return -1;
        }
    }
    PyObject *file = PyUnicode_FromFormat("%U.py", base);
    Py_DECREF(base);
    const char *file_text = file != nullptr ? PyUnicode_AsUTF8(file) : nullptr;
    if (file_text == nullptr) {
        Py_XDECREF(file);
        return -1;
    }
    if (is_file(file_text)) {
        found->file = file;
        found->package = nullptr;
        return 1;
    }
    Py_DECREF(file);
    return 0;
}

// Searches the directories of `path` (a list; non-str entries are skipped) in order.
int find_source(PyObject *path, PyObject *last, FoundSource *found) noexcept {
    if (path == nullptr || !PyList_Check(path)) return 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); ++i) {
        PyObject *entry = PyList_GET_ITEM(path, i);
        if (!PyUnicode_Check(entry)) continue;
        Py_INCREF(entry);  // the list may change under a long search
        PyObject *dir = entry_directory(entry);
        Py_DECREF(entry);
        if (dir == nullptr) return -1;
        const int r = find_in_directory(dir, last, found);
        Py_DECREF(dir);
        if (r != 0) return r;
        if (i >= PyList_GET_SIZE(path)) break;
    }
    return 0;
}

// A namespace package (PEP 420) spread over `portions`: no body, no __file__, its __path__ the
// directories found. In sys.modules, new reference.
PyObject *make_namespace_package(PyObject *name, PyObject *portions) noexcept {
    PyObject *module = PyModule_NewObject(name);
    if (module == nullptr) return nullptr;
    PyObject *dict = PyModule_GetDict(module);
    PyObject *spec = spec_new(name, Py_None, Py_None, portions, false);
    if (spec == nullptr || module_set_spec(module, spec) < 0 ||
        PyDict_SetItem(dict, g_interp.names.id___package__, name) < 0 ||
        PyDict_SetItem(dict, g_interp.names.id___file__, Py_None) < 0 ||
        PyDict_SetItem(dict, g_interp.names.id___path__, portions) < 0 ||
        PyDict_SetItem(g_interp.modules, name, module) < 0) {
        Py_XDECREF(spec);
        Py_DECREF(module);
        return nullptr;
    }
    Py_DECREF(spec);
    return module;
}

// --- Running source ------------------------------------------------------------------------

// The whole file as a NUL-terminated PyMem_RawMalloc buffer; NULL with OSError or MemoryError.
char *read_source(PyObject *file, Py_ssize_t *size) noexcept {
    const char *path = PyUnicode_AsUTF8(file);
    if (path == nullptr) return nullptr;
    FILE *fp = std::fopen(path, "rb");
    if (fp == nullptr) {
        const int error = errno;
        PyErr_Format(PyExc_OSError, "[Errno %d] %s: %R", error, std::strerror(error), file);
        return nullptr;
    }
    std::size_t capacity = 8192, used = 0;
    char *data = static_cast<char *>(PyMem_RawMalloc(capacity + 1));
    while (data != nullptr) {
        used += std::fread(data + used, 1, capacity - used, fp);
        if (used < capacity) break;
        capacity *= 2;
        char *grown = static_cast<char *>(PyMem_RawRealloc(data, capacity + 1));
        if (grown == nullptr) PyMem_RawFree(data);
        data = grown;
    }
    std::fclose(fp);
    if (data == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    data[used] = '\0';
    *size = static_cast<Py_ssize_t>(used);
    return data;
}

PyObject *compile_source_file(PyObject *file) noexcept {
    Py_ssize_t size = 0;
    char *data = read_source(file, &size);
    if (data == nullptr) return nullptr;
    PyObject *code = nullptr;
    {
        parse::ArenaScope arena;
        ast::Mod *mod = parse::parse_source(data, size, file, parse::ParseMode::exec,
                                            parse::SourceKind::file, arena.get());
        if (mod != nullptr) code = compile::compile_mod(mod, file, data, g_interp.optimize);
    }
    PyMem_RawFree(data);
    return code;
}

// The package a module's relative imports start from: the module itself for a package, else
// the name up to its last dot.
PyObject *package_of(PyObject *name, bool is_package) noexcept {
    if (is_package) return Py_NewRef(name);
    const Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, PY_SSIZE_T_MAX, -1);
    if (dot == -2) return nullptr;
    if (dot == -1) return PyUnicode_FromString("");
    return PyUnicode_Substring(name, 0, dot);
}

// The attributes importlib gives a source module before its body runs.
int init_source_module(PyObject *module, PyObject *name, const FoundSource &found) noexcept {
    PyObject *dict = PyModule_GetDict(module);
    PyObject *locations = Py_NewRef(Py_None);
    if (found.package != nullptr) {
        Py_SETREF(locations, PyList_New(1));
        if (locations == nullptr) return -1;
        PyList_SET_ITEM(locations, 0, Py_NewRef(found.package));
    }
    PyObject *spec = spec_new(name, g_import.source_loader, found.file, locations, true);
    PyObject *package = spec != nullptr ? package_of(name, found.package != nullptr) : nullptr;
    int r = package == nullptr || module_set_spec(module, spec) < 0 ||
                    PyDict_SetItem(dict, g_interp.names.id___package__, package) < 0 ||
                    PyDict_SetItem(dict, g_interp.names.id___file__, found.file) < 0 ||
                    PyDict_SetItem(dict, g_interp.names.id___builtins__, g_interp.builtins) < 0
                ? -1
                : 0;
    if (r == 0 && found.package != nullptr)
        r = PyDict_SetItem(dict, g_interp.names.id___path__, locations);
    Py_XDECREF(package);
    Py_XDECREF(spec);
    Py_DECREF(locations);
    return r;
}

// Takes `name` out of sys.modules after its body failed, keeping the exception.
void remove_module(PyObject *name) noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (PyDict_DelItem(g_interp.modules, name) < 0) PyErr_Clear();
    PyErr_SetRaisedException(exc);
}

// Runs the body of a new module whose attributes are set (`compile` gives its code object):
// in sys.modules while its body runs, out again if it fails. The result is what sys.modules
// holds afterwards (a module may replace itself there). Takes the reference to `module`.
template <typename Compile>
PyObject *exec_module_body(PyObject *name, PyObject *module, Compile compile) noexcept {
    if (PyDict_SetItem(g_interp.modules, name, module) < 0) {
        Py_DECREF(module);
        return nullptr;
    }
    PyObject *dict = PyModule_GetDict(module);
    PyObject *spec = PyDict_GetItemWithError(dict, g_interp.names.id___spec__);
    Py_XINCREF(spec);
    if (spec != nullptr) spec_set_initializing(spec, true);
    PyObject *code = compile();
    PyObject *result = code != nullptr
                           ? eval::eval_code(reinterpret_cast<PyCodeObject *>(code), dict, dict)
                           : nullptr;
    Py_XDECREF(code);
    if (spec != nullptr) spec_set_initializing(spec, false);
    Py_XDECREF(spec);
    Py_DECREF(module);
    if (result == nullptr) {
        remove_module(name);
        return nullptr;
    }
    Py_DECREF(result);
    PyObject *loaded = PyDict_GetItemWithError(g_interp.modules, name);
    if (loaded == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, name);
        return nullptr;
    }
    return Py_NewRef(loaded);
}

PyObject *exec_source_module(PyObject *name, const FoundSource &found) noexcept {
    PyObject *module = PyModule_NewObject(name);
    if (module == nullptr) return nullptr;
    if (init_source_module(module, name, found) < 0) {
        Py_DECREF(module);
        return nullptr;
    }
    return exec_module_body(name, module, [&] { return compile_source_file(found.file); });
}

// --- Frozen modules ----------------------------------------------------------------------------

const FrozenModule *find_frozen(PyObject *name) noexcept {
    const char *text = PyUnicode_AsUTF8(name);
    if (text == nullptr) {
        PyErr_Clear();  // a name no frozen module has
        return nullptr;
    }
    for (int i = 0; i < kFrozenModuleCount; ++i)
        if (std::strcmp(kFrozenModules[i].name, text) == 0) return &kFrozenModules[i];
    return nullptr;
}

// Compiles a frozen module's text under CPython's file name for it, "<frozen NAME>".
PyObject *compile_frozen(const FrozenModule &frozen) noexcept {
    PyObject *filename = PyUnicode_FromFormat("<frozen %s>", frozen.name);
    if (filename == nullptr) return nullptr;
    PyObject *code = nullptr;
    {
        parse::ArenaScope arena;
        ast::Mod *mod =
            parse::parse_source(frozen.source, static_cast<Py_ssize_t>(frozen.size), filename,
                                parse::ParseMode::exec, parse::SourceKind::file, arena.get());
        if (mod != nullptr)
            code = compile::compile_mod(mod, filename, frozen.source, g_interp.optimize);
    }
    Py_DECREF(filename);
    // io and its parts (_io_base, _io_text, _io_memory) stand in for CPython's C module _io:
    // their frames stay out of tracebacks.
    if (code != nullptr &&
        (std::strcmp(frozen.name, "io") == 0 || std::strncmp(frozen.name, "_io_", 4) == 0))
        code::code_mark_hidden(reinterpret_cast<PyCodeObject *>(code));
    return code;
}

// A frozen module as CPython 3.11 sets one up: a spec naming FrozenImporter with origin
// "frozen", __package__ and __builtins__, and no __file__.
PyObject *exec_frozen_module(PyObject *name, const FrozenModule &frozen) noexcept {
    PyObject *module = PyModule_NewObject(name);
    if (module == nullptr) return nullptr;
    PyObject *dict = PyModule_GetDict(module);
    PyObject *spec = spec_new(name, frozen_loader(), g_import.frozen_origin, Py_None, false);
    PyObject *package = spec != nullptr ? package_of(name, false) : nullptr;
    const bool ready = package != nullptr && module_set_spec(module, spec) == 0 &&
                       PyDict_SetItem(dict, g_interp.names.id___package__, package) == 0 &&
                       PyDict_SetItem(dict, g_interp.names.id___builtins__, g_interp.builtins) == 0;
    Py_XDECREF(package);
    Py_XDECREF(spec);
    if (!ready) {
        Py_DECREF(module);
        return nullptr;
    }
    return exec_module_body(name, module, [&] { return compile_frozen(frozen); });
}

}  // namespace

PyObject *load_module(PyObject *abs_name, PyObject *search_path) noexcept {
    if (search_path == nullptr) {
        PyObject *module = nullptr;
        const int r = load_builtin(abs_name, &module);
        if (r != 0) return module;
        const FrozenModule *frozen = find_frozen(abs_name);
        if (frozen != nullptr) return exec_frozen_module(abs_name, *frozen);
        search_path = PyDict_GetItemWithError(g_interp.sysdict, g_interp.names.id_path);
        if (search_path == nullptr) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_AttributeError, "module 'sys' has no attribute 'path'");
            return nullptr;
        }
    }
    const Py_ssize_t dot = PyUnicode_FindChar(abs_name, '.', 0, PY_SSIZE_T_MAX, -1);
    if (dot == -2) return nullptr;
    PyObject *last = dot == -1
                         ? Py_NewRef(abs_name)
                         : PyUnicode_Substring(abs_name, dot + 1, PyUnicode_GET_LENGTH(abs_name));
    if (last == nullptr) return nullptr;
    if (PyUnicode_GET_LENGTH(last) == 0) {  // "a." or "": no file or directory has that name
        Py_DECREF(last);
        return nullptr;
    }
    Py_XINCREF(search_path);
    FoundSource found{nullptr, nullptr, PyList_New(0)};
    const int r = found.portions != nullptr ? find_source(search_path, last, &found) : -1;
    Py_XDECREF(search_path);
    Py_DECREF(last);
    PyObject *module = nullptr;
    if (r > 0) {
        module = exec_source_module(abs_name, found);
        Py_DECREF(found.file);
        Py_XDECREF(found.package);
    } else if (r == 0 && PyList_GET_SIZE(found.portions) > 0) {
        module = make_namespace_package(abs_name, found.portions);
    }
    Py_XDECREF(found.portions);
    return module;
}

int module_is_initializing(PyObject *module) noexcept {
    PyObject *spec = PyObject_GetAttr(module, g_interp.names.id___spec__);
    if (spec == nullptr) {
        PyErr_Clear();
        return 0;
    }
    const int r = spec_is_initializing(spec) ? 1 : 0;
    Py_DECREF(spec);
    return r;
}

// --- Start-up and shutdown -------------------------------------------------------------------

namespace {

PyObject *import_hook(const char *name) noexcept {
    return PyImport_ImportModule(name);
}

PyObject *make_builtin_module_names() noexcept {
    PyObject *names = PyList_New(0);
    if (names == nullptr) return nullptr;
    for (const _inittab &entry : kBuiltinModules) {
        PyObject *s = PyUnicode_FromString(entry.name);
        if (s == nullptr || PyList_Append(names, s) < 0) {
            Py_XDECREF(s);
            Py_DECREF(names);
            return nullptr;
        }
        Py_DECREF(s);
    }
    for (int i = 0; i < g_appended_count; ++i) {
        PyObject *s = PyUnicode_FromString(g_appended[i].name);
        const int has = s != nullptr ? PySequence_Contains(names, s) : -1;
        if (has < 0 || (has == 0 && PyList_Append(names, s) < 0)) {
            Py_XDECREF(s);
            Py_DECREF(names);
            return nullptr;
        }
        Py_DECREF(s);
    }
    if (PyList_Sort(names) < 0) {
        Py_DECREF(names);
        return nullptr;
    }
    PyObject *tuple = PyList_AsTuple(names);
    Py_DECREF(names);
    return tuple;
}

}  // namespace

int import_init() noexcept {
    if (spec_types_ready() < 0) return -1;
    g_import.builtin_cache = PyDict_New();
    if (g_import.builtin_cache == nullptr) return -1;
    g_import.source_loader = source_loader_new();
    if (g_import.source_loader == nullptr) return -1;
    g_import.frozen_origin = PyUnicode_FromString("frozen");
    if (g_import.frozen_origin == nullptr) return -1;
    PyObject *import_func = PyCFunction_NewEx(&import_builtin_def, nullptr, nullptr);
    if (import_func == nullptr) return -1;
    const int added = PyDict_SetItem(g_interp.builtins, g_interp.names.id___import__, import_func);
    Py_DECREF(import_func);
    if (added < 0) return -1;
    PyObject *names = make_builtin_module_names();
    if (names == nullptr) return -1;
    const int set = PyDict_SetItemString(g_interp.sysdict, "builtin_module_names", names);
    Py_DECREF(names);
    if (set < 0) return -1;
    // sys and builtins are imported from the start, as in CPython.
    PyObject *module = nullptr;
    const char *const started[] = {"sys", "builtins"};
    for (const char *name : started) {
        PyObject *s = PyUnicode_FromString(name);
        const int r = s != nullptr ? load_builtin(s, &module) : -1;
        Py_XDECREF(s);
        if (r < 0) return -1;
        Py_DECREF(module);
    }
    minipy_set_import_hook(import_hook);
    return 0;
}

void import_fini() noexcept {
    minipy_set_import_hook(nullptr);
    // Each module's dict emptied (its functions refer back to it), sys and builtins last.
    if (g_interp.modules != nullptr) {
        PyObject *modules = PyDict_Values(g_interp.modules);
        if (modules == nullptr) PyErr_Clear();
        for (Py_ssize_t i = 0; modules != nullptr && i < PyList_GET_SIZE(modules); ++i) {
            PyObject *m = PyList_GET_ITEM(modules, i);
            if (m == g_interp.sys_module || m == g_interp.builtins_module || !PyModule_Check(m))
                continue;
            PyDict_Clear(PyModule_GetDict(m));
        }
        Py_XDECREF(modules);
    }
    if (g_import.builtin_cache != nullptr) PyDict_Clear(g_import.builtin_cache);
    Py_CLEAR(g_import.builtin_cache);
    Py_CLEAR(g_import.source_loader);
    Py_CLEAR(g_import.frozen_origin);
}

}  // namespace minipy::interp::imports

using namespace minipy::interp;
using namespace minipy::interp::imports;

extern "C" int PyImport_AppendInittab(const char *name, PyObject *(*initfunc)(void)) noexcept {
    if (name == nullptr || initfunc == nullptr || g_interp.initialized ||
        g_appended_count == kMaxAppended)
        return -1;
    g_appended[g_appended_count++] = _inittab{name, initfunc};
    return 0;
}
