// input() (bltinmodule.c's builtin_input): the prompt and a line of sys.stdin without its
// newline; EOFError "EOF when reading a line" at the end of the input. When sys.stdin and
// sys.stdout are the process's own terminal, the line comes from PyOS_Readline (the host's
// line editor, when it installed one); otherwise the prompt is written to sys.stdout and the
// line read with sys.stdin.readline(), as CPython does.
#include <unistd.h>
#include <cstdio>
#include <cstring>

#include "builtins/builtins.hpp"
#include "minipy/pythonrun.h"
#include "run/interp_state.hpp"

namespace minipy::builtins {

namespace {

// 1 when `file`'s fileno() is `fd` and a terminal, 0 when not (or it has no fileno), -1 on
// another error.
int is_terminal(PyObject *file, int fd) noexcept {
    PyObject *r = PyObject_CallMethod(file, "fileno", nullptr);
    if (r == nullptr) {
        PyErr_Clear();
        return 0;
    }
    const long value = PyLong_AsLong(r);
    Py_DECREF(r);
    if (value == -1 && PyErr_Occurred()) return -1;
    return value == fd && isatty(fd) != 0 ? 1 : 0;
}

int flush(PyObject *file) noexcept {
    PyObject *r = PyObject_CallMethodNoArgs(file, interp::g_interp.names.id_flush);
    if (r == nullptr) return -1;
    Py_DECREF(r);
    return 0;
}

PyObject *sys_stream(PyObject *name) noexcept {
    PyObject *file = PyDict_GetItemWithError(interp::g_interp.sysdict, name);
    return file == Py_None ? nullptr : file;
}

// The terminal's way: PyOS_Readline with the prompt as UTF-8.
PyObject *read_terminal_line(PyObject *prompt) noexcept {
    PyObject *text = prompt != nullptr ? PyObject_Str(prompt) : PyUnicode_FromString("");
    if (text == nullptr) return nullptr;
    const char *prompt_utf8 = PyUnicode_AsUTF8(text);
    if (prompt_utf8 == nullptr) {
        Py_DECREF(text);
        return nullptr;
    }
    char *line = PyOS_Readline(stdin, stdout, prompt_utf8);
    Py_DECREF(text);
    if (line == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetNone(PyExc_KeyboardInterrupt);
        return nullptr;
    }
    std::size_t size = std::strlen(line);
    if (size == 0) {
        PyMem_Free(line);
        PyErr_SetNone(PyExc_EOFError);
        return nullptr;
    }
    if (line[size - 1] == '\n') --size;
    PyObject *result = PyUnicode_DecodeUTF8(line, static_cast<Py_ssize_t>(size), "surrogateescape");
    PyMem_Free(line);
    return result;
}

// PyFile_GetLine(file, -1): readline() without its newline; EOFError at the end.
PyObject *read_file_line(PyObject *file) noexcept {
    PyObject *line = PyObject_CallMethod(file, "readline", nullptr);
    if (line == nullptr) return nullptr;
    if (!PyUnicode_Check(line) && !PyBytes_Check(line)) {
        Py_DECREF(line);
        PyErr_SetString(PyExc_TypeError, "object.readline() returned non-string");
        return nullptr;
    }
    const Py_ssize_t size =
        PyUnicode_Check(line) ? PyUnicode_GET_LENGTH(line) : PyBytes_GET_SIZE(line);
    if (size == 0) {
        Py_DECREF(line);
        PyErr_SetString(PyExc_EOFError, "EOF when reading a line");
        return nullptr;
    }
    const bool newline = PyUnicode_Check(line) ? PyUnicode_READ_CHAR(line, size - 1) == '\n'
                                               : PyBytes_AS_STRING(line)[size - 1] == '\n';
    if (!newline) return line;
    PyObject *cut = PyUnicode_Check(line)
                        ? PyUnicode_Substring(line, 0, size - 1)
                        : PyBytes_FromStringAndSize(PyBytes_AS_STRING(line), size - 1);
    Py_DECREF(line);
    return cut;
}

PyObject *builtin_input(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "input expected at most 1 argument, got %zd", nargs);
        return nullptr;
    }
    PyObject *prompt = nargs == 1 ? args[0] : nullptr;
    PyObject *fin = sys_stream(interp::g_interp.names.id_stdin);
    PyObject *fout = fin != nullptr ? sys_stream(interp::g_interp.names.id_stdout) : nullptr;
    PyObject *ferr = fout != nullptr ? sys_stream(interp::g_interp.names.id_stderr) : nullptr;
    if (PyErr_Occurred()) return nullptr;
    if (fin == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stdin");
        return nullptr;
    }
    if (fout == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stdout");
        return nullptr;
    }
    if (ferr == nullptr) {
        PyErr_SetString(PyExc_RuntimeError, "input(): lost sys.stderr");
        return nullptr;
    }
    if (flush(ferr) < 0) PyErr_Clear();
    int terminal = is_terminal(fin, fileno(stdin));
    if (terminal > 0) terminal = is_terminal(fout, fileno(stdout));
    if (terminal < 0) return nullptr;
    // A failed flush of stdout is ignored, as of stderr (CPython 3.11 clears both).
    if (terminal > 0) {
        if (flush(fout) < 0) PyErr_Clear();
        return read_terminal_line(prompt);
    }
    if (prompt != nullptr) {
        PyObject *text = PyObject_Str(prompt);
        PyObject *r = text != nullptr
                          ? PyObject_CallMethodOneArg(fout, interp::g_interp.names.id_write, text)
                          : nullptr;
        Py_XDECREF(text);
        if (r == nullptr) return nullptr;
        Py_DECREF(r);
    }
    if (flush(fout) < 0) PyErr_Clear();
    return read_file_line(fin);
}

}  // namespace

PyMethodDef input_functions[] = {
    {"input", _PyCFunction_CAST(builtin_input), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace minipy::builtins
