// exit and quit: the objects CPython's site module adds to builtins (_sitebuiltins.Quitter).
// Their repr tells how to leave the prompt; calling one closes sys.stdin when it can and raises
// SystemExit(code), so `exit(1)` in a script ends it as in python3.
#include "builtins/builtins.hpp"
#include "objects/interp_object.hpp"
#include "run/interp_state.hpp"

namespace minipy::builtins {

namespace {

struct QuitterObject {
    PyObject_HEAD const char *name;
};

PyObject *quitter_repr(PyObject *self) noexcept {
    return PyUnicode_FromFormat("Use %s() or Ctrl-D (i.e. EOF) to exit",
                                reinterpret_cast<QuitterObject *>(self)->name);
}

// Quitter.__call__(self, code=None), with a Python function's argument messages.
PyObject *quitter_call(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError,
                     "Quitter.__call__() takes from 1 to 2 positional arguments but %zd were "
                     "given",
                     nargs + 1);
        return nullptr;
    }
    PyObject *code = nargs == 1 ? PyTuple_GET_ITEM(args, 0) : Py_None;
    if (kwargs != nullptr) {
        Py_ssize_t pos = 0;
        PyObject *key = nullptr, *value = nullptr;
        while (PyDict_Next(kwargs, &pos, &key, &value)) {
            if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, "code") == 0) {
                if (nargs == 1) {
                    PyErr_SetString(PyExc_TypeError,
                                    "Quitter.__call__() got multiple values for argument 'code'");
                    return nullptr;
                }
                code = value;
            } else {
                PyErr_Format(PyExc_TypeError,
                             "Quitter.__call__() got an unexpected keyword argument '%S'", key);
                return nullptr;
            }
        }
    }
    // Shells like IDLE catch the SystemExit but close sys.stdin: so does CPython's site.
    PyObject *stdin_object =
        PyDict_GetItemWithError(interp::g_interp.sysdict, interp::g_interp.names.id_stdin);
    PyObject *r = stdin_object != nullptr
                      ? PyObject_CallMethodNoArgs(stdin_object, interp::g_interp.names.id_close)
                      : nullptr;
    Py_XDECREF(r);
    PyErr_Clear();
    // SystemExit(code) itself: raising code as the value would unpack a tuple into the
    // arguments and raise an exception instance given as the code.
    PyObject *exit = PyObject_CallOneArg(PyExc_SystemExit, code);
    if (exit == nullptr) return nullptr;
    PyErr_SetObject(PyExc_SystemExit, exit);
    Py_DECREF(exit);
    return nullptr;
}

}  // namespace

}  // namespace minipy::builtins

extern "C" {

PyTypeObject MinipyQuitter_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "_sitebuiltins.Quitter",
    .tp_basicsize = sizeof(minipy::builtins::QuitterObject),
    .tp_repr = minipy::builtins::quitter_repr,
    .tp_call = minipy::builtins::quitter_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

}  // extern "C"

namespace minipy::builtins {

namespace {

// The two objects live as long as the process (static storage; immortal in effect: their
// reference count starts at 1 and the namespace's references come and go).
QuitterObject exit_object = {{1, &MinipyQuitter_Type}, "exit"};
QuitterObject quit_object = {{1, &MinipyQuitter_Type}, "quit"};

}  // namespace

int add_quitters(PyObject *dict) noexcept {
    if (PyType_Ready(&MinipyQuitter_Type) < 0) return -1;
    if (PyDict_SetItemString(dict, "exit", reinterpret_cast<PyObject *>(&exit_object)) < 0)
        return -1;
    return PyDict_SetItemString(dict, "quit", reinterpret_cast<PyObject *>(&quit_object));
}

}  // namespace minipy::builtins
