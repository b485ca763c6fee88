// exec(), eval() and compile() (bltinmodule.c's): their arguments and CPython 3.11's
// messages, the source as CPython reads it (a str's text, or the bytes of a bytes object
// with its BOM and coding cookie), the namespaces (the caller's when none are given,
// `__builtins__` added to globals that lack it), and code objects. The compiling itself is
// run/pythonrun.cpp's compile_text, the namespaces of the running frame minipy/ceval.h's.
#include <cstring>

#include "builtins/builtins.hpp"
#include "minipy/ceval.h"
#include "minipy/code.h"
#include "minipy/pythonrun.h"
#include "parse/source.hpp"
#include "run/interp_state.hpp"
#include "run/pythonrun_internal.hpp"

namespace minipy::builtins {

namespace {

// compile()'s flags (CPython's values): the ones minipy's front end honours, the __future__
// features it accepts (every feature that is mandatory in Python 3 is a no-op), and the rest
// CPython knows.
constexpr int kCfDontImplyDedent = 0x0200;
constexpr int kCfOnlyAst = 0x0400;
constexpr int kCfTypeComments = 0x1000;
constexpr int kCfAllowTopLevelAwait = 0x2000;
constexpr int kCfAllowIncompleteInput = 0x4000;
constexpr int kCfCompileMask = kCfOnlyAst | kCfAllowTopLevelAwait | kCfTypeComments |
                               kCfDontImplyDedent | kCfAllowIncompleteInput;
constexpr int kFutureMandatory = 0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x800000;
constexpr int kFutureBarryAsBdfl = 0x400000;
constexpr int kFutureAnnotations = 0x1000000;
constexpr int kCoNestedObsolete = 0x0010;
constexpr int kCfKnown =
    kFutureMandatory | kFutureBarryAsBdfl | kFutureAnnotations | kCoNestedObsolete | kCfCompileMask;

// The source text of `source` (CPython's _Py_SourceAsString): a str as UTF-8, a bytes or
// bytearray object's bytes (read as a file's, with BOM and coding cookie). NULL with TypeError
// "<fname>() arg 1 must be a <what> object" for anything else, SyntaxError for a NUL.
const char *source_text(PyObject *source, const char *fname, const char *what, Py_ssize_t *size,
                        parse::SourceKind *kind) noexcept {
    const char *text = nullptr;
    if (PyUnicode_Check(source)) {
        text = PyUnicode_AsUTF8AndSize(source, size);
        *kind = parse::SourceKind::text;
    } else if (PyBytes_Check(source) || PyByteArray_Check(source)) {
        // (A bytearray's data stays put while it is read: no Python code runs until the
        // compiler has its own copy of the text.)
        text = PyBytes_Check(source) ? PyBytes_AS_STRING(source) : PyByteArray_AS_STRING(source);
        *size = Py_SIZE(source);
        // Bytes are read as CPython reads a string's bytes: a BOM or a coding cookie decides
        // their encoding as in a file; without either they are UTF-8, and bad bytes are
        // "(unicode error)"s of the literal or name holding them rather than a file's
        // "Non-UTF-8 code" error.
        *kind = parse::source_declares_encoding(text, *size) ? parse::SourceKind::file
                                                             : parse::SourceKind::text;
    } else {
        PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a %s object", fname, what);
        return nullptr;
    }
    if (text == nullptr) return nullptr;
    if (std::strlen(text) != static_cast<std::size_t>(*size)) {
        PyErr_SetString(PyExc_SyntaxError, "source code string cannot contain null bytes");
        return nullptr;
    }
    return text;
}

PyObject *compile_source(const char *text, Py_ssize_t size, parse::SourceKind kind,
                         PyObject *filename, int start, parse::ParseFlags flags,
                         int optimize) noexcept {
    return interp::compile_text(text, size, filename, start, kind, false, flags, optimize);
}

// Adds `__builtins__` (the running frame's builtins) to globals that lack it. 0 or -1.
int ensure_builtins(PyObject *globals) noexcept {
    const int has = PyDict_Contains(globals, interp::g_interp.names.id___builtins__);
    if (has != 0) return has < 0 ? -1 : 0;
    PyObject *builtins = PyEval_GetBuiltins();
    if (builtins == nullptr) builtins = interp::g_interp.builtins;
    return PyDict_SetItem(globals, interp::g_interp.names.id___builtins__, builtins);
}

// Runs source text (exec and eval): compiled as "<string>", run in the namespaces.
PyObject *run_text(const char *text, Py_ssize_t size, parse::SourceKind kind, int start,
                   PyObject *globals, PyObject *locals) noexcept {
    PyObject *filename = PyUnicode_FromString("<string>");
    if (filename == nullptr) return nullptr;
    PyObject *code = compile_source(text, size, kind, filename, start, {}, -1);
    Py_DECREF(filename);
    if (code == nullptr) return nullptr;
    PyObject *result = PyEval_EvalCode(code, globals, locals);
    Py_DECREF(code);
    return result;
}

PyObject *builtin_exec(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) noexcept {
    PyObject *closure = nullptr;
    if (kwnames != nullptr) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); ++i) {
            PyObject *name = PyTuple_GET_ITEM(kwnames, i);
            if (PyUnicode_CompareWithASCIIString(name, "closure") != 0) {
                PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for exec()",
                             name);
                return nullptr;
            }
            closure = args[nargs + i];
        }
    }
    if (nargs < 1) {
        PyErr_Format(PyExc_TypeError, "exec() takes at least 1 positional argument (%zd given)",
                     nargs);
        return nullptr;
    }
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "exec() takes at most 3 positional arguments (%zd given)",
                     nargs);
        return nullptr;
    }
    PyObject *source = args[0];
    PyObject *globals = nargs > 1 ? args[1] : Py_None;
    PyObject *locals = nargs > 2 ? args[2] : Py_None;
    if (globals == Py_None) {
        globals = PyEval_GetGlobals();
        if (locals == Py_None) {
            locals = PyEval_GetLocals();
            if (locals == nullptr) return nullptr;
        }
        if (globals == nullptr) {
            PyErr_SetString(PyExc_SystemError, "globals and locals cannot be NULL");
            return nullptr;
        }
    } else if (locals == Py_None) {
        locals = globals;
    }
    if (!PyDict_Check(globals)) {
        PyErr_Format(PyExc_TypeError, "exec() globals must be a dict, not %.100s",
                     Py_TYPE(globals)->tp_name);
        return nullptr;
    }
    if (!PyMapping_Check(locals)) {
        PyErr_Format(PyExc_TypeError, "locals must be a mapping or None, not %.100s",
                     Py_TYPE(locals)->tp_name);
        return nullptr;
    }
    if (ensure_builtins(globals) < 0) return nullptr;
    if (closure == Py_None) closure = nullptr;
    PyObject *result = nullptr;
    if (PyCode_Check(source)) {
        const int nfree = PyCode_GetNumFree(reinterpret_cast<PyCodeObject *>(source));
        if (nfree == 0 && closure != nullptr) {
            PyErr_SetString(PyExc_TypeError, "cannot use a closure with this code object");
            return nullptr;
        }
        if (nfree > 0) {
            // A closure would need the code run as a function of those cells: not done.
            if (closure == nullptr || !PyTuple_CheckExact(closure) ||
                PyTuple_GET_SIZE(closure) != nfree) {
                PyErr_Format(PyExc_TypeError, "code object requires a closure of exactly length %d",
                             nfree);
            } else {
                PyErr_SetString(PyExc_NotImplementedError,
                                "exec() of a code object with a closure is not supported by "
                                "minipy");
            }
            return nullptr;
        }
        result = PyEval_EvalCode(source, globals, locals);
    } else {
        if (closure != nullptr) {
            PyErr_SetString(PyExc_TypeError,
                            "closure can only be used when source is a code object");
            return nullptr;
        }
        Py_ssize_t size = 0;
        parse::SourceKind kind{};
        const char *text = source_text(source, "exec", "string, bytes or code", &size, &kind);
        if (text == nullptr) return nullptr;
        result = run_text(text, size, kind, Py_file_input, globals, locals);
    }
    if (result == nullptr) return nullptr;
    Py_DECREF(result);
    Py_RETURN_NONE;
}

PyObject *builtin_eval(PyObject *, PyObject *const *args, Py_ssize_t nargs,
                       PyObject *kwnames) noexcept {
    if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) > 0) {
        PyErr_SetString(PyExc_TypeError, "eval() takes no keyword arguments");
        return nullptr;
    }
    if (nargs < 1) {
        PyErr_Format(PyExc_TypeError, "eval expected at least 1 argument, got %zd", nargs);
        return nullptr;
    }
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "eval expected at most 3 arguments, got %zd", nargs);
        return nullptr;
    }
    PyObject *source = args[0];
    PyObject *globals = nargs > 1 ? args[1] : Py_None;
    PyObject *locals = nargs > 2 ? args[2] : Py_None;
    if (locals != Py_None && !PyMapping_Check(locals)) {
        PyErr_SetString(PyExc_TypeError, "locals must be a mapping");
        return nullptr;
    }
    if (globals != Py_None && !PyDict_Check(globals)) {
        PyErr_SetString(PyExc_TypeError, PyMapping_Check(globals)
                                             ? "globals must be a real dict; try eval(expr, {}, "
                                               "mapping)"
                                             : "globals must be a dict");
        return nullptr;
    }
    if (globals == Py_None) {
        globals = PyEval_GetGlobals();
        if (locals == Py_None) {
            locals = PyEval_GetLocals();
            if (locals == nullptr) return nullptr;
        }
    } else if (locals == Py_None) {
        locals = globals;
    }
    if (globals == nullptr || locals == nullptr) {
        PyErr_SetString(PyExc_TypeError,
                        "eval must be given globals and locals when called without a frame");
        return nullptr;
    }
    if (ensure_builtins(globals) < 0) return nullptr;
    if (PyCode_Check(source)) {
        if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject *>(source)) > 0) {
            PyErr_SetString(PyExc_TypeError,
                            "code object passed to eval() may not contain free variables");
            return nullptr;
        }
        return PyEval_EvalCode(source, globals, locals);
    }
    Py_ssize_t size = 0;
    parse::SourceKind kind{};
    const char *text = source_text(source, "eval", "string, bytes or code", &size, &kind);
    if (text == nullptr) return nullptr;
    // Leading blanks are dropped: an expression may be indented.
    while (size > 0 && (*text == ' ' || *text == '\t')) {
        ++text;
        --size;
    }
    return run_text(text, size, kind, Py_eval_input, globals, locals);
}

// compile()'s filename: str, bytes (decoded as file names are) or os.PathLike.
PyObject *filename_argument(PyObject *arg) noexcept {
    PyObject *path = nullptr;
    if (PyUnicode_Check(arg) || PyBytes_Check(arg)) {
        path = Py_NewRef(arg);
    } else {
        PyObject *fspath_name = PyUnicode_FromString("__fspath__");
        PyObject *fspath =
            fspath_name != nullptr ? _PyObject_LookupSpecial(arg, fspath_name) : nullptr;
        Py_XDECREF(fspath_name);
        if (fspath == nullptr) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError,
                             "expected str, bytes or os.PathLike object, not %.200s",
                             Py_TYPE(arg)->tp_name);
            return nullptr;
        }
        path = PyObject_CallNoArgs(fspath);
        Py_DECREF(fspath);
        if (path == nullptr) return nullptr;
        if (!PyUnicode_Check(path) && !PyBytes_Check(path)) {
            PyErr_Format(PyExc_TypeError,
                         "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                         Py_TYPE(arg)->tp_name, Py_TYPE(path)->tp_name);
            Py_DECREF(path);
            return nullptr;
        }
    }
    if (PyBytes_Check(path)) {
        PyObject *decoded = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(path), PyBytes_GET_SIZE(path),
                                                 "surrogateescape");
        Py_DECREF(path);
        path = decoded;
        if (path == nullptr) return nullptr;
    }
    if (PyUnicode_FindChar(path, 0, 0, PyUnicode_GET_LENGTH(path), 1) >= 0) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        Py_DECREF(path);
        return nullptr;
    }
    return path;
}

int int_argument(PyObject *arg, int fallback, int *out) noexcept {
    if (arg == nullptr) {
        *out = fallback;
        return 0;
    }
    const long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < INT_MIN || v > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = static_cast<int>(v);
    return 0;
}

PyObject *builtin_compile(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *const kKeywords[] = {
        "source",   "filename",         "mode", "flags", "dont_inherit",
        "optimize", "_feature_version", nullptr};
    PyObject *source = nullptr, *filename_arg = nullptr, *mode_arg = nullptr;
    PyObject *flags_arg = nullptr, *dont_inherit_arg = nullptr, *optimize_arg = nullptr;
    PyObject *feature_arg = nullptr;
    if (!PyArg_ParseTupleAndKeywords(
            args, kwargs, "OOO|OOO$O:compile", const_cast<char **>(kKeywords), &source,
            &filename_arg, &mode_arg, &flags_arg, &dont_inherit_arg, &optimize_arg, &feature_arg))
        return nullptr;
    PyObject *filename = filename_argument(filename_arg);
    if (filename == nullptr) return nullptr;
    PyObject *result = nullptr;
    int flags = 0, dont_inherit = 0, optimize = -1, feature_version = -1;
    const char *mode = nullptr;
    int start = 0;
    if (!PyUnicode_Check(mode_arg)) {
        PyErr_Format(PyExc_TypeError, "compile() argument 'mode' must be str, not %.50s",
                     mode_arg == Py_None ? "None" : Py_TYPE(mode_arg)->tp_name);
        goto done;
    }
    mode = PyUnicode_AsUTF8(mode_arg);
    if (mode == nullptr) goto done;
    if (PyUnicode_FindChar(mode_arg, 0, 0, PyUnicode_GET_LENGTH(mode_arg), 1) >= 0) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        goto done;
    }
    if (int_argument(flags_arg, 0, &flags) < 0 ||
        int_argument(dont_inherit_arg, 0, &dont_inherit) < 0 ||
        int_argument(optimize_arg, -1, &optimize) < 0 ||
        int_argument(feature_arg, -1, &feature_version) < 0)
        goto done;
    if ((flags & ~kCfKnown) != 0) {
        PyErr_SetString(PyExc_ValueError, "compile(): unrecognised flags");
        goto done;
    }
    if (optimize < -1 || optimize > 2) {
        PyErr_SetString(PyExc_ValueError, "compile(): invalid optimize value");
        goto done;
    }
    if (std::strcmp(mode, "exec") == 0) {
        start = Py_file_input;
    } else if (std::strcmp(mode, "eval") == 0) {
        start = Py_eval_input;
    } else if (std::strcmp(mode, "single") == 0) {
        start = Py_single_input;
    } else {
        PyErr_SetString(PyExc_ValueError,
                        (flags & kCfOnlyAst) != 0
                            ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                            : "compile() mode must be 'exec', 'eval' or 'single'");
        goto done;
    }
    // What minipy cannot do is refused plainly (it has no ast module, no async top level,
    // no type comments, and only the mandatory __future__ features as flags).
    if ((flags & (kCfOnlyAst | kCfTypeComments | kCfAllowTopLevelAwait | kFutureBarryAsBdfl |
                  kFutureAnnotations)) != 0) {
        PyErr_SetString(PyExc_ValueError,
                        "compile(): minipy supports only the flags 0, PyCF_DONT_IMPLY_DEDENT, "
                        "PyCF_ALLOW_INCOMPLETE_INPUT and the mandatory __future__ features");
        goto done;
    }
    {
        Py_ssize_t size = 0;
        parse::SourceKind kind{};
        const char *text = source_text(source, "compile", "string, bytes or AST", &size, &kind);
        if (text == nullptr) goto done;
        parse::ParseFlags parse_flags;
        parse_flags.dont_imply_dedent = (flags & kCfDontImplyDedent) != 0;
        parse_flags.allow_incomplete_input = (flags & kCfAllowIncompleteInput) != 0;
        result = compile_source(text, size, kind, filename, start, parse_flags, optimize);
    }
done:
    Py_DECREF(filename);
    return result;
}

}  // namespace

PyMethodDef exec_functions[] = {
    {"exec", _PyCFunction_CAST(builtin_exec), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"eval", _PyCFunction_CAST(builtin_eval), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"compile", _PyCFunction_CAST(builtin_compile), METH_VARARGS | METH_KEYWORDS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::builtins
