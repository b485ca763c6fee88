// The sys module: its functions (exit, the recursion limit, getrefcount, getsizeof, intern,
// exc_info, the int/str digit limit, _getframe, the allocator's counters, ...), and its creation
// at the interpreter's start-up with path, argv, modules, the standard streams and what
// sys_info.cpp describes. sys.path[0] is set from argv[0] as CPython sets it (sys_set_path0).
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "eval/frame.hpp"
#include "minipy/pymalloc.h"
#include "modules/modules.hpp"
#include "run/interp_state.hpp"
#include "run/stream_object.hpp"

namespace minipy::modules {

namespace {

PyObject *sys_exit(PyObject *, PyObject *args) noexcept {
    PyObject *status = Py_None;
    if (!PyArg_UnpackTuple(args, "exit", 0, 1, &status)) return nullptr;
    PyErr_SetObject(PyExc_SystemExit, status);
    return nullptr;
}

PyObject *sys_getrecursionlimit(PyObject *, PyObject *) noexcept {
    return PyLong_FromLong(Py_GetRecursionLimit());
}

PyObject *sys_setrecursionlimit(PyObject *, PyObject *arg) noexcept {
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return nullptr;
    }
    const int limit = _PyLong_AsInt(arg);
    if (limit == -1 && PyErr_Occurred()) return nullptr;
    if (limit < 1) {
        PyErr_SetString(PyExc_ValueError, "recursion limit must be greater or equal than 1");
        return nullptr;
    }
    // A limit the running code is already past would fail every call that follows.
    const int depth = minipy_thread_fields_of(PyThreadState_Get())->recursion_depth;
    if (depth >= limit) {
        PyErr_Format(PyExc_RecursionError,
                     "cannot set the recursion limit to %i at the recursion depth %i: the limit "
                     "is too low",
                     limit, depth);
        return nullptr;
    }
    Py_SetRecursionLimit(limit);
    Py_RETURN_NONE;
}

PyObject *sys_getrefcount(PyObject *, PyObject *arg) noexcept {
    return PyLong_FromSsize_t(Py_REFCNT(arg));
}

// The size CPython 3.11 reports: __sizeof__() plus the collector's header for a GC object.
PyObject *sys_getsizeof(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKwlist[] = {"object", "default", nullptr};
    PyObject *o = nullptr, *dflt = nullptr;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:getsizeof", const_cast<char **>(kKwlist),
                                     &o, &dflt))
        return nullptr;
    PyObject *sizeof_name = PyUnicode_InternFromString("__sizeof__");
    if (sizeof_name == nullptr) return nullptr;
    PyObject *method = _PyObject_LookupSpecial(o, sizeof_name);
    Py_DECREF(sizeof_name);
    PyObject *res = nullptr;
    if (method == nullptr) {
        if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "Type %.100s doesn't define __sizeof__",
                         Py_TYPE(o)->tp_name);
    } else {
        res = PyObject_CallNoArgs(method);
        Py_DECREF(method);
    }
    Py_ssize_t size = -1;
    if (res != nullptr) {
        size = PyLong_AsSsize_t(res);
        Py_DECREF(res);
        if (size == -1 && PyErr_Occurred()) {
            // fall through to the default below
        } else if (size < 0) {
            PyErr_SetString(PyExc_ValueError, "__sizeof__() should return >= 0");
            size = -1;
        }
    }
    if (size < 0) {
        if (dflt != nullptr && PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            return Py_NewRef(dflt);
        }
        return nullptr;
    }
    // What the object's block holds in front of it, as CPython counts it: by the type's flags
    // (a static type has the GC flag though tp_is_gc says it is not collected).
    return PyLong_FromSsize_t(size + modules::object_preheader_size(Py_TYPE(o)));
}

PyObject *sys_getallocatedblocks(PyObject *, PyObject *) noexcept {
    return PyLong_FromSsize_t(_Py_GetAllocatedBlocks());
}

#ifdef Py_REF_DEBUG
// Only in a build that keeps the reference total (object.h), as only CPython's debug builds
// have it: `hasattr(sys, "gettotalrefcount")` tells the two kinds of build apart.
PyObject *sys_gettotalrefcount(PyObject *, PyObject *) noexcept {
    return PyLong_FromSsize_t(_Py_GetRefTotal());
}
#endif

PyObject *sys_debugmallocstats(PyObject *, PyObject *) noexcept {
    std::fflush(stdout);
    _PyObject_DebugMallocStats(stderr);
    Py_RETURN_NONE;
}

PyObject *sys_intern(PyObject *, PyObject *arg) noexcept {
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "intern() argument must be str, not %.50s",
                     arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
        return nullptr;
    }
    if (!PyUnicode_CheckExact(arg)) {
        PyErr_Format(PyExc_TypeError, "can't intern %.400s", Py_TYPE(arg)->tp_name);
        return nullptr;
    }
    Py_INCREF(arg);
    PyUnicode_InternInPlace(&arg);
    return arg;
}

PyObject *sys_exception(PyObject *, PyObject *) noexcept {
    PyObject *exc = PyErr_GetHandledException();
    return exc != nullptr ? exc : Py_NewRef(Py_None);
}

PyObject *sys_exc_info(PyObject *, PyObject *) noexcept {
    PyObject *exc = PyErr_GetHandledException();
    if (exc == nullptr) return Py_BuildValue("(OOO)", Py_None, Py_None, Py_None);
    PyObject *tb = PyException_GetTraceback(exc);
    PyObject *r = Py_BuildValue("(OOO)", Py_TYPE(exc), exc, tb != nullptr ? tb : Py_None);
    Py_XDECREF(tb);
    Py_DECREF(exc);
    return r;
}

PyObject *sys_get_int_max_str_digits(PyObject *, PyObject *) noexcept {
    return PyLong_FromLong(minipy_get_int_max_str_digits());
}

PyObject *sys_set_int_max_str_digits(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKwlist[] = {"maxdigits", nullptr};
    int maxdigits = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i:set_int_max_str_digits",
                                     const_cast<char **>(kKwlist), &maxdigits))
        return nullptr;
    if (minipy_set_int_max_str_digits(maxdigits) < 0) return nullptr;
    Py_RETURN_NONE;
}

PyObject *sys_getframe(PyObject *, PyObject *args) noexcept {
    int depth = 0;
    if (!PyArg_ParseTuple(args, "|i:_getframe", &depth)) return nullptr;
    eval::ThreadFrames *tf = eval::current_thread_frames();
    eval::InterpFrame *frame = tf != nullptr ? tf->current : nullptr;
    for (; frame != nullptr && depth > 0; --depth) frame = frame->previous;
    if (frame == nullptr) {
        PyErr_SetString(PyExc_ValueError, "call stack is not deep enough");
        return nullptr;
    }
    return reinterpret_cast<PyObject *>(eval::frame_object_of(frame));
}

PyObject *sys_getswitchinterval(PyObject *, PyObject *) noexcept {
    return PyFloat_FromDouble(static_cast<double>(_PyEval_GetSwitchInterval()) / 1e6);
}

PyObject *sys_setswitchinterval(PyObject *, PyObject *arg) noexcept {
    const double seconds = PyFloat_AsDouble(arg);
    if (seconds == -1.0 && PyErr_Occurred()) return nullptr;
    if (seconds <= 0.0) {
        PyErr_SetString(PyExc_ValueError, "switch interval must be strictly positive");
        return nullptr;
    }
    _PyEval_SetSwitchInterval(static_cast<unsigned long>(seconds * 1e6));
    Py_RETURN_NONE;
}

PyObject *sys_utf8(PyObject *, PyObject *) noexcept {
    return PyUnicode_FromString("utf-8");
}

PyObject *sys_fs_errors(PyObject *, PyObject *) noexcept {
    return PyUnicode_FromString("surrogateescape");
}

PyMethodDef sys_methods[] = {
    {"exit", sys_exit, METH_VARARGS,
     "exit([status])\n\nExit the interpreter by raising SystemExit(status)."},
    {"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS, nullptr},
    {"setrecursionlimit", sys_setrecursionlimit, METH_O, nullptr},
    {"getrefcount", sys_getrefcount, METH_O, nullptr},
    {"getsizeof", _PyCFunction_CAST(sys_getsizeof), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"getallocatedblocks", sys_getallocatedblocks, METH_NOARGS, nullptr},
#ifdef Py_REF_DEBUG
    {"gettotalrefcount", sys_gettotalrefcount, METH_NOARGS, nullptr},
#endif
    {"_debugmallocstats", sys_debugmallocstats, METH_NOARGS, nullptr},
    {"intern", sys_intern, METH_O, nullptr},
    {"exc_info", sys_exc_info, METH_NOARGS, nullptr},
    {"exception", sys_exception, METH_NOARGS, nullptr},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS, nullptr},
    {"set_int_max_str_digits", _PyCFunction_CAST(sys_set_int_max_str_digits),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"_getframe", sys_getframe, METH_VARARGS, nullptr},
    {"getswitchinterval", sys_getswitchinterval, METH_NOARGS, nullptr},
    {"setswitchinterval", sys_setswitchinterval, METH_O, nullptr},
    {"getdefaultencoding", sys_utf8, METH_NOARGS, nullptr},
    {"getfilesystemencoding", sys_utf8, METH_NOARGS, nullptr},
    {"getfilesystemencodeerrors", sys_fs_errors, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef sys_def = {
    PyModuleDef_HEAD_INIT,
    "sys",
    "This module provides access to some objects used or maintained by the\n"
    "interpreter and to functions that interact strongly with the interpreter.",
    -1,
    sys_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// A str from an OS path (UTF-8, undecodable bytes as surrogates).
PyObject *fs_str(const char *text) noexcept {
    return PyUnicode_DecodeUTF8(text, static_cast<Py_ssize_t>(std::strlen(text)),
                                "surrogateescape");
}

// sys.executable: the running program's absolute path, '' when the OS does not say.
PyObject *executable_path() noexcept {
    char path[PATH_MAX + 1];
    const ssize_t n = readlink("/proc/self/exe", path, PATH_MAX);
    path[n > 0 ? n : 0] = '\0';
    return fs_str(path);
}

// sys.path without its first entry: PYTHONPATH's directories.
PyObject *initial_path() noexcept {
    PyObject *path = PyList_New(0);
    if (path == nullptr) return nullptr;
    const char *env = std::getenv("PYTHONPATH");
    while (env != nullptr && env[0] != '\0') {
        const char *colon = std::strchr(env, ':');
        const std::size_t len =
            colon != nullptr ? static_cast<std::size_t>(colon - env) : std::strlen(env);
        if (len > 0) {
            PyObject *dir =
                PyUnicode_DecodeUTF8(env, static_cast<Py_ssize_t>(len), "surrogateescape");
            if (dir == nullptr || PyList_Append(path, dir) < 0) {
                Py_XDECREF(dir);
                Py_DECREF(path);
                return nullptr;
            }
            Py_DECREF(dir);
        }
        env = colon != nullptr ? colon + 1 : nullptr;
    }
    return path;
}

}  // namespace

PyObject *sys_create() noexcept {
    PyObject *sys = PyModule_Create(&sys_def);
    if (sys == nullptr) return nullptr;
    PyObject *dict = PyModule_GetDict(sys);
    struct Item {
        const char *name;
        PyObject *value;
    };
    Item items[] = {
        {"path", initial_path()},          {"argv", Py_BuildValue("[s]", "")},
        {"executable", executable_path()},  // dont_write_bytecode: sys_info.cpp, with flags
        {"warnoptions", PyList_New(0)},     // -W options: minipy has no warnings module yet
        {"_xoptions", PyDict_New()},        // -X options, for the command line to fill
    };
    int r = 0;
    for (Item &item : items) {
        if (r == 0 &&
            (item.value == nullptr || PyDict_SetItemString(dict, item.name, item.value) < 0))
            r = -1;
        Py_XDECREF(item.value);
    }
    if (r < 0 || sys_add_info(dict) < 0) {
        Py_DECREF(sys);
        return nullptr;
    }
    return sys;
}

int sys_add_streams(PyObject *dict) noexcept {
    PyObject *in = interp::stream_new(0, "<stdin>");
    if (in == nullptr) return -1;
    int r = PyDict_SetItemString(dict, "stdin", in);
    Py_DECREF(in);
    const char *const names[][2] = {
        {"__stdin__", "stdin"}, {"__stdout__", "stdout"}, {"__stderr__", "stderr"}};
    for (const auto &pair : names) {
        PyObject *stream = r == 0 ? PyDict_GetItemString(dict, pair[1]) : nullptr;
        if (stream == nullptr || PyDict_SetItemString(dict, pair[0], stream) < 0) r = -1;
    }
    return r;
}

int sys_set_path0(const char *argv0) noexcept {
    PyObject *path = PyDict_GetItemString(interp::g_interp.sysdict, "path");
    if (path == nullptr || !PyList_Check(path)) return 0;
    PyObject *entry = nullptr;
    if (argv0 == nullptr || argv0[0] == '\0' || std::strcmp(argv0, "-c") == 0 ||
        std::strcmp(argv0, "-") == 0) {
        entry = PyUnicode_FromString("");
    } else {
        // The directory of the script, symbolic links resolved, as CPython 3.11 computes it.
        char resolved[PATH_MAX + 1];
        const char *full = realpath(argv0, resolved) != nullptr ? resolved : argv0;
        const char *slash = std::strrchr(full, '/');
        if (slash == nullptr) {
            entry = PyUnicode_FromString("");
        } else {
            const std::size_t len = slash == full ? 1 : static_cast<std::size_t>(slash - full);
            entry = PyUnicode_DecodeUTF8(full, static_cast<Py_ssize_t>(len), "surrogateescape");
        }
    }
    if (entry == nullptr) return -1;
    const int r = PyList_Insert(path, 0, entry);
    Py_DECREF(entry);
    return r;
}

}  // namespace minipy::modules
