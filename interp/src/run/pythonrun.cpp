// The embedding entry points of minipy/pythonrun.h: source to code object (front end and
// compiler), running code in a namespace, the __main__ namespace, sys.argv, and what an
// uncaught exception does at the top (traceback, or the process's exit for SystemExit). The
// interpreter's start-up hooks are installed here on first use.
#include "minipy/pythonrun.h"

#include "minipy/import.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "compile/compile_module.hpp"
#include "eval/ceval.hpp"
#include "eval/frame.hpp"
#include "modules/modules.hpp"
#include "parse/frontend.hpp"
#include "run/import_internal.hpp"
#include "run/interp_state.hpp"
#include "run/pythonrun_internal.hpp"
#include "run/script_stack.hpp"
#include "run/signals.hpp"
#include "run/traceback_print.hpp"

namespace minipy::interp {

namespace {

PyObject *g_main_dict = nullptr;
// -i: an uncaught SystemExit is printed rather than obeyed, so the prompt can follow.
bool g_inspect = false;

// A file name or argument from the OS as str (UTF-8; undecodable bytes as surrogates, as
// CPython's file system encoding does).
PyObject *fs_decode(const char *text) noexcept {
    const auto size = static_cast<Py_ssize_t>(std::strlen(text));
    PyObject *s = PyUnicode_DecodeUTF8(text, size, "surrogateescape");
    if (s == nullptr) {
        PyErr_Clear();
        s = PyUnicode_DecodeUTF8(text, size, "replace");
    }
    return s;
}

void finalize_interp() noexcept {
    std::fflush(stdout);
    minipy_thread_fields *fields = minipy_thread_fields_of(PyThreadState_Get());
    Py_CLEAR(fields->exc_state.exc_value);
    // As CPython 3.11's finalize_modules: garbage cycles are collected before any module's
    // namespace is emptied, so that their __del__ methods still see their globals. __main__
    // goes next, whole: out of sys.modules and let go, so that what its namespace held (its
    // classes and functions refer back to it: a cycle) is collected with the namespace intact.
    // Only then are the namespaces still alive emptied.
    PyGC_Collect();
    if (g_interp.modules != nullptr && PyDict_DelItemString(g_interp.modules, "__main__") < 0)
        PyErr_Clear();
    Py_CLEAR(g_main_dict);
    PyGC_Collect();
    imports::import_fini();
    if (g_interp.modules != nullptr) PyDict_Clear(g_interp.modules);
    modules::gc_callbacks_fini();
    PyGC_Collect();
    if (g_interp.sysdict != nullptr) PyDict_Clear(g_interp.sysdict);
    Py_CLEAR(g_interp.modules);
    Py_CLEAR(g_interp.sysdict);
    Py_CLEAR(g_interp.sys_module);
}

// After the runtime's last collections: a __del__ they run may still make functions and look
// names up, so the builtins and the interned names stay until now.
void late_finalize_interp() noexcept {
    if (g_interp.builtins != nullptr) PyDict_Clear(g_interp.builtins);
    Py_CLEAR(g_interp.builtins_module);
    Py_CLEAR(g_interp.builtins);
    Py_CLEAR(g_interp.empty_tuple);
    Py_CLEAR(g_interp.stdout_object);
    Py_CLEAR(g_interp.stderr_object);
#define MINIPY_CLEAR_NAME(name) Py_CLEAR(g_interp.names.id_##name);
    MINIPY_INTERP_NAMES(MINIPY_CLEAR_NAME)
#undef MINIPY_CLEAR_NAME
    g_interp.builtin_len = nullptr;
    g_interp.builtin_isinstance = nullptr;
    g_interp.initialized = false;
}

// sys.argv = argv[0..argc) as str; 0, or -1 with an exception.
int set_sys_argv(Py_ssize_t argc, char *const *argv) noexcept {
    PyObject *list = PyList_New(argc);
    if (list == nullptr) return -1;
    for (Py_ssize_t i = 0; i < argc; ++i) {
        PyObject *arg = fs_decode(argv[i]);
        if (arg == nullptr) {
            Py_DECREF(list);
            return -1;
        }
        PyList_SET_ITEM(list, i, arg);
    }
    const int r = PyDict_SetItem(g_interp.sysdict, g_interp.names.id_argv, list);
    Py_DECREF(list);
    return r;
}

// PyErr_Print / PyErr_PrintEx: as an uncaught exception at the top, SystemExit ends the
// process (CPython's handle_system_exit), anything else is printed. `exc` is the caller's.
void print_exception_hook(PyObject *exc) noexcept {
    PyErr_SetRaisedException(Py_NewRef(exc));
    handle_uncaught();
}

}  // namespace

int ensure_started() noexcept {
    if (g_interp.initialized) return 0;
    if (interp_ensure_started() < 0) return -1;
    minipy_set_finalize_hook(finalize_interp);
    minipy_set_late_finalize_hook(late_finalize_interp);
    minipy_set_print_exception_hook(print_exception_hook);
    register_script_stack_hooks();
    // The host's PyConfig argv (PyConfig_SetBytesArgv), when it gave one.
    Py_ssize_t argc = 0;
    char *const *argv = minipy_config_argv(&argc);
    if (argc > 0 && set_sys_argv(argc, argv) < 0) return -1;
    if (g_interp.optimize > 0 && PyDict_SetItemString(g_interp.builtins, "__debug__", Py_False) < 0)
        return -1;
    return 0;
}

namespace {

parse::ParseMode mode_of(int start) noexcept {
    switch (start) {
    case Py_eval_input: return parse::ParseMode::eval;
    case Py_single_input: return parse::ParseMode::single;
    default: return parse::ParseMode::exec;
    }
}

}  // namespace

PyObject *compile_text(const char *text, Py_ssize_t size, PyObject *filename, int start,
                       parse::SourceKind kind, bool lines_in_errors, parse::ParseFlags flags,
                       int optimize) noexcept {
    parse::ArenaScope arena;
    ast::Mod *mod =
        parse::parse_source(text, size, filename, mode_of(start), kind, arena.get(), flags);
    if (mod == nullptr) return nullptr;
    // The compiler's own SyntaxErrors show their line only for a real file (CPython reads it
    // from there): not for "<string>" or "<stdin>".
    const bool real_file = lines_in_errors && PyUnicode_GET_LENGTH(filename) > 0 &&
                           PyUnicode_READ_CHAR(filename, 0) != '<';
    return compile::compile_mod(mod, filename, real_file ? text : nullptr,
                                optimize < 0 ? g_interp.optimize : optimize);
}

namespace {

PyObject *compile_text(const char *text, Py_ssize_t size, PyObject *filename, int start,
                       bool is_file) noexcept {
    return interp::compile_text(text, size, filename, start,
                                is_file ? parse::SourceKind::file : parse::SourceKind::text,
                                is_file, {}, -1);
}

}  // namespace

// The uncaught exception at the top: SystemExit ends the process (unless -i asks for the
// prompt afterwards), anything else is printed.
void handle_uncaught() noexcept {
    PyObject *exc = PyErr_GetRaisedException();
    if (exc == nullptr) return;
    const int status = g_inspect ? -1 : minipy_system_exit_status(exc);
    if (status >= 0) {
        Py_DECREF(exc);
        std::fflush(stdout);
        Py_FinalizeEx();
        std::exit(status);
    }
    print_exception(exc);
    Py_DECREF(exc);
}

PyObject *run_code_at_top(PyObject *code, PyObject *globals) noexcept {
    set_unhandled_keyboard_interrupt(false);
    PyObject *result = eval::eval_code(reinterpret_cast<PyCodeObject *>(code), globals, globals);
    if (result == nullptr && PyErr_ExceptionMatches(PyExc_KeyboardInterrupt))
        set_unhandled_keyboard_interrupt(true);
    return result;
}

namespace {

int run_in_main(const char *text, Py_ssize_t size, const char *filename, bool is_file) noexcept {
    PyObject *globals = minipy_main_dict();
    if (globals == nullptr) {
        handle_uncaught();
        return -1;
    }
    PyObject *name = fs_decode(filename);
    PyObject *code =
        name != nullptr ? compile_text(text, size, name, Py_file_input, is_file) : nullptr;
    // A script's __file__ lasts while it runs (CPython removes it afterwards: -i's prompt
    // does not see it).
    const bool set_file = code != nullptr && is_file;
    if (set_file && PyDict_SetItem(globals, g_interp.names.id___file__, name) < 0) Py_CLEAR(code);
    Py_XDECREF(name);
    PyObject *result = code != nullptr ? run_code_at_top(code, globals) : nullptr;
    Py_XDECREF(code);
    if (set_file) {
        PyObject *raised = PyErr_GetRaisedException();
        if (PyDict_DelItem(globals, g_interp.names.id___file__) < 0) PyErr_Clear();
        PyErr_SetRaisedException(raised);
    }
    if (result == nullptr) {
        handle_uncaught();
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

}  // namespace

int interp_ensure_embedded() noexcept {
    return ensure_started();
}

}  // namespace minipy::interp

using namespace minipy;
using namespace minipy::interp;

extern "C" {

PyObject *Py_CompileString(const char *str, const char *filename, int start) noexcept {
    if (ensure_started() < 0) return nullptr;
    PyObject *name = fs_decode(filename);
    if (name == nullptr) return nullptr;
    PyObject *code =
        compile_text(str, static_cast<Py_ssize_t>(std::strlen(str)), name, start, false);
    Py_DECREF(name);
    return code;
}

PyObject *PyEval_EvalCode(PyObject *co, PyObject *globals, PyObject *locals) noexcept {
    if (ensure_started() < 0) return nullptr;
    if (co == nullptr || !PyCode_Check(co) || globals == nullptr || !PyDict_Check(globals)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (locals == nullptr) locals = globals;
    if (PyDict_GetItemWithError(globals, g_interp.names.id___builtins__) == nullptr) {
        if (PyErr_Occurred() ||
            PyDict_SetItem(globals, g_interp.names.id___builtins__, g_interp.builtins) < 0)
            return nullptr;
    }
    return eval::eval_code(reinterpret_cast<PyCodeObject *>(co), globals, locals);
}

PyObject *PyRun_String(const char *str, int start, PyObject *globals, PyObject *locals) noexcept {
    PyObject *code = Py_CompileString(str, "<string>", start);
    if (code == nullptr) return nullptr;
    PyObject *result = PyEval_EvalCode(code, globals, locals);
    Py_DECREF(code);
    return result;
}

PyObject *minipy_main_dict(void) noexcept {
    if (ensure_started() < 0) return nullptr;
    if (g_main_dict != nullptr) return g_main_dict;
    // The __main__ module's dict (sys.modules['__main__']), its __builtins__ the module.
    PyObject *main = PyImport_AddModule("__main__");
    if (main == nullptr) return nullptr;
    PyObject *d = PyModule_GetDict(main);
    if (PyDict_SetItem(d, g_interp.names.id___builtins__, g_interp.builtins_module) < 0)
        return nullptr;
    g_main_dict = Py_NewRef(d);
    return d;
}

int PyRun_SimpleString(const char *command) noexcept {
    if (ensure_started() < 0) {
        handle_uncaught();
        return -1;
    }
    return run_in_main(command, static_cast<Py_ssize_t>(std::strlen(command)), "<string>", false);
}

int PyRun_SimpleFileEx(FILE *fp, const char *filename, int closeit) noexcept {
    if (ensure_started() < 0) {
        handle_uncaught();
        return -1;
    }
    // The whole file: the front end reads bytes (UTF-8 checks, NULs) itself.
    std::size_t capacity = 8192, size = 0;
    char *data = static_cast<char *>(PyMem_RawMalloc(capacity + 1));
    while (data != nullptr) {
        size += std::fread(data + size, 1, capacity - size, fp);
        if (size < capacity) break;
        capacity *= 2;
        char *grown = static_cast<char *>(PyMem_RawRealloc(data, capacity + 1));
        if (grown == nullptr) PyMem_RawFree(data);
        data = grown;
    }
    if (closeit) std::fclose(fp);
    if (data == nullptr) {
        PyErr_NoMemory();
        handle_uncaught();
        return -1;
    }
    data[size] = '\0';
    const int r = run_in_main(data, static_cast<Py_ssize_t>(size), filename, true);
    PyMem_RawFree(data);
    return r;
}

int PyRun_SimpleFile(FILE *fp, const char *filename) noexcept {
    return PyRun_SimpleFileEx(fp, filename, 0);
}

int minipy_set_argv(int argc, char *const *argv) noexcept {
    if (ensure_started() < 0) return -1;
    if (set_sys_argv(argc, argv) < 0) return -1;
    return modules::sys_set_path0(argc > 0 ? argv[0] : nullptr);
}

void minipy_set_optimization_level(int level) noexcept {
    g_interp.optimize = level < 0 ? 0 : level;
    if (g_interp.initialized &&
        PyDict_SetItemString(g_interp.builtins, "__debug__", level > 0 ? Py_False : Py_True) < 0)
        PyErr_Clear();
}

void minipy_set_flags(const minipy_flags *flags) noexcept {
    g_interp.flags = *flags;
    g_interp.flags_given = true;
}

void minipy_set_inspect(int inspect) noexcept {
    g_inspect = inspect != 0;
}

int minipy_system_exit_status(PyObject *exc) noexcept {
    if (exc == nullptr ||
        !PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject *>(PyExc_SystemExit)))
        return -1;
    PyObject *code = reinterpret_cast<PySystemExitObject *>(exc)->code;
    if (code == nullptr || code == Py_None) return 0;
    if (PyLong_Check(code)) {
        // An int past a C long is -1 for the process, as CPython's (int)PyLong_AsLong gives.
        const long v = PyLong_AsLong(code);
        if (v == -1 && PyErr_Occurred()) PyErr_Clear();
        return static_cast<int>(v & 0xFF);
    }
    PyObject *text = PyObject_Str(code);
    if (text != nullptr) {
        std::fflush(stdout);
        const char *utf8 = PyUnicode_AsUTF8(text);
        if (utf8 != nullptr) std::fprintf(stderr, "%s\n", utf8);
        Py_DECREF(text);
    }
    PyErr_Clear();
    return 1;
}

}  // extern "C"
