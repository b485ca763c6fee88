// The builtins namespace: the functions of builtins_functions.cpp, the built-in types under
// their Python names, every exception class, and the constants (Ellipsis, NotImplemented,
// __debug__).
#include "builtins/builtins.hpp"
#include "modules/io/io.hpp"

namespace minipy::builtins {

namespace {

struct NamedObject {
    const char *name;
    PyObject *object;
};

int add_object(PyObject *dict, const char *name, PyObject *object) noexcept {
    return PyDict_SetItemString(dict, name, object);
}

// The functions of one of the other files' tables (builtins.hpp). 0 or -1.
int add_functions(PyObject *dict, PyMethodDef *table) noexcept {
    for (PyMethodDef *def = table; def->ml_name != nullptr; ++def) {
        PyObject *f = PyCFunction_NewEx(def, nullptr, nullptr);
        if (f == nullptr || add_object(dict, def->ml_name, f) < 0) {
            Py_XDECREF(f);
            return -1;
        }
        Py_DECREF(f);
    }
    return 0;
}

}  // namespace

PyObject *make_builtins_dict() noexcept {
    PyObject *dict = PyDict_New();
    if (dict == nullptr) return nullptr;
    for (PyMethodDef *def = builtin_functions; def->ml_name != nullptr; ++def) {
        PyObject *f = PyCFunction_NewEx(def, nullptr, nullptr);
        if (f == nullptr || add_object(dict, def->ml_name, f) < 0) {
            Py_XDECREF(f);
            Py_DECREF(dict);
            return nullptr;
        }
        Py_DECREF(f);
    }
    if (add_functions(dict, exec_functions) < 0 || add_functions(dict, namespace_functions) < 0 ||
        add_functions(dict, input_functions) < 0 || PyType_Ready(&MinipyComplex_Type) < 0 ||
        add_quitters(dict) < 0) {
        Py_DECREF(dict);
        return nullptr;
    }
    PyObject *build_class = PyCFunction_NewEx(&build_class_def, nullptr, nullptr);
    if (build_class == nullptr || add_object(dict, "__build_class__", build_class) < 0) {
        Py_XDECREF(build_class);
        Py_DECREF(dict);
        return nullptr;
    }
    Py_DECREF(build_class);
    PyObject *open = PyCFunction_NewEx(&modules::open_builtin_def, nullptr, nullptr);
    if (open == nullptr || add_object(dict, "open", open) < 0) {
        Py_XDECREF(open);
        Py_DECREF(dict);
        return nullptr;
    }
    Py_DECREF(open);
    const NamedObject objects[] = {
        {"None", Py_None},
        {"Ellipsis", Py_Ellipsis},
        {"NotImplemented", Py_NotImplemented},
        {"False", Py_False},
        {"True", Py_True},
        {"__debug__", Py_True},
        {"bool", reinterpret_cast<PyObject *>(&PyBool_Type)},
        {"bytes", reinterpret_cast<PyObject *>(&PyBytes_Type)},
        {"bytearray", reinterpret_cast<PyObject *>(&PyByteArray_Type)},
        {"dict", reinterpret_cast<PyObject *>(&PyDict_Type)},
        {"float", reinterpret_cast<PyObject *>(&PyFloat_Type)},
        {"frozenset", reinterpret_cast<PyObject *>(&PyFrozenSet_Type)},
        {"int", reinterpret_cast<PyObject *>(&PyLong_Type)},
        {"list", reinterpret_cast<PyObject *>(&PyList_Type)},
        {"object", reinterpret_cast<PyObject *>(&PyBaseObject_Type)},
        {"range", reinterpret_cast<PyObject *>(&PyRange_Type)},
        {"set", reinterpret_cast<PyObject *>(&PySet_Type)},
        {"slice", reinterpret_cast<PyObject *>(&PySlice_Type)},
        {"str", reinterpret_cast<PyObject *>(&PyUnicode_Type)},
        {"tuple", reinterpret_cast<PyObject *>(&PyTuple_Type)},
        {"type", reinterpret_cast<PyObject *>(&PyType_Type)},
        {"enumerate", reinterpret_cast<PyObject *>(&PyEnum_Type)},
        {"zip", reinterpret_cast<PyObject *>(&PyZip_Type)},
        {"map", reinterpret_cast<PyObject *>(&PyMap_Type)},
        {"filter", reinterpret_cast<PyObject *>(&PyFilter_Type)},
        {"reversed", reinterpret_cast<PyObject *>(&PyReversed_Type)},
        {"super", reinterpret_cast<PyObject *>(&PySuper_Type)},
        {"property", reinterpret_cast<PyObject *>(&PyProperty_Type)},
        {"classmethod", reinterpret_cast<PyObject *>(&PyClassMethod_Type)},
        {"staticmethod", reinterpret_cast<PyObject *>(&PyStaticMethod_Type)},
        {"complex", reinterpret_cast<PyObject *>(&MinipyComplex_Type)},
        // OSError's subclasses (runtime/src/objects/exceptions/os_error.cpp) and aliases.
        {"BlockingIOError", PyExc_BlockingIOError},
        {"ChildProcessError", PyExc_ChildProcessError},
        {"ConnectionError", PyExc_ConnectionError},
        {"BrokenPipeError", PyExc_BrokenPipeError},
        {"ConnectionAbortedError", PyExc_ConnectionAbortedError},
        {"ConnectionRefusedError", PyExc_ConnectionRefusedError},
        {"ConnectionResetError", PyExc_ConnectionResetError},
        {"FileExistsError", PyExc_FileExistsError},
        {"FileNotFoundError", PyExc_FileNotFoundError},
        {"IsADirectoryError", PyExc_IsADirectoryError},
        {"NotADirectoryError", PyExc_NotADirectoryError},
        {"InterruptedError", PyExc_InterruptedError},
        {"PermissionError", PyExc_PermissionError},
        {"ProcessLookupError", PyExc_ProcessLookupError},
        {"TimeoutError", PyExc_TimeoutError},
        {"EnvironmentError", PyExc_OSError},
        {"IOError", PyExc_OSError},
        {"UnicodeTranslateError", PyExc_UnicodeTranslateError},
#define MINIPY_BUILTIN_EXCEPTION(name) {#name, PyExc_##name},
        MINIPY_BUILTIN_EXCEPTION(BaseException) MINIPY_BUILTIN_EXCEPTION(SystemExit)
            MINIPY_BUILTIN_EXCEPTION(KeyboardInterrupt) MINIPY_BUILTIN_EXCEPTION(
                GeneratorExit) MINIPY_BUILTIN_EXCEPTION(Exception)
                MINIPY_BUILTIN_EXCEPTION(StopIteration) MINIPY_BUILTIN_EXCEPTION(
                    ArithmeticError) MINIPY_BUILTIN_EXCEPTION(FloatingPointError)
                    MINIPY_BUILTIN_EXCEPTION(OverflowError) MINIPY_BUILTIN_EXCEPTION(
                        ZeroDivisionError) MINIPY_BUILTIN_EXCEPTION(AssertionError)
                        MINIPY_BUILTIN_EXCEPTION(AttributeError) MINIPY_BUILTIN_EXCEPTION(
                            BufferError) MINIPY_BUILTIN_EXCEPTION(EOFError)
                            MINIPY_BUILTIN_EXCEPTION(ImportError) MINIPY_BUILTIN_EXCEPTION(
                                ModuleNotFoundError) MINIPY_BUILTIN_EXCEPTION(LookupError)
                                MINIPY_BUILTIN_EXCEPTION(IndexError) MINIPY_BUILTIN_EXCEPTION(
                                    KeyError) MINIPY_BUILTIN_EXCEPTION(MemoryError)
                                    MINIPY_BUILTIN_EXCEPTION(NameError) MINIPY_BUILTIN_EXCEPTION(
                                        UnboundLocalError) MINIPY_BUILTIN_EXCEPTION(OSError)
                                        MINIPY_BUILTIN_EXCEPTION(RuntimeError) MINIPY_BUILTIN_EXCEPTION(
                                            NotImplementedError) MINIPY_BUILTIN_EXCEPTION(RecursionError)
                                            MINIPY_BUILTIN_EXCEPTION(
                                                SyntaxError) MINIPY_BUILTIN_EXCEPTION(IndentationError)
                                                MINIPY_BUILTIN_EXCEPTION(
                                                    TabError) MINIPY_BUILTIN_EXCEPTION(SystemError)
                                                    MINIPY_BUILTIN_EXCEPTION(
                                                        TypeError) MINIPY_BUILTIN_EXCEPTION(ValueError)
                                                        MINIPY_BUILTIN_EXCEPTION(UnicodeError)
                                                            MINIPY_BUILTIN_EXCEPTION(
                                                                UnicodeDecodeError)
                                                                MINIPY_BUILTIN_EXCEPTION(
                                                                    UnicodeEncodeError)
                                                                    MINIPY_BUILTIN_EXCEPTION(
                                                                        Warning)
                                                                        MINIPY_BUILTIN_EXCEPTION(
                                                                            UserWarning)
                                                                            MINIPY_BUILTIN_EXCEPTION(
                                                                                DeprecationWarning)
                                                                                MINIPY_BUILTIN_EXCEPTION(
                                                                                    RuntimeWarning)
#undef MINIPY_BUILTIN_EXCEPTION
    };
    for (const NamedObject &o : objects) {
        if (add_object(dict, o.name, o.object) < 0) {
            Py_DECREF(dict);
            return nullptr;
        }
    }
    return dict;
}

}  // namespace minipy::builtins
