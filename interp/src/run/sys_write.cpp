// minipy/sysmodule.h: sys's attributes from C and PySys_WriteStdout / PySys_WriteStderr, the
// host's way of printing where Python's print() does (sys.stdout / sys.stderr), so that C's
// lines and the script's keep their order.
#include "minipy/sysmodule.h"

#include <cstdarg>
#include <cstdio>

#include "run/interp_state.hpp"
#include "run/pythonrun_internal.hpp"

using namespace minipy::interp;

namespace {

// sys.<name>.write(text): 0, or -1 (with an exception, or none when sys has no such stream).
int write_to_sys(const char *name, const char *text) noexcept {
    if (ensure_started() < 0) return -1;
    PyObject *file = PyDict_GetItemString(g_interp.sysdict, name);
    if (file == nullptr || file == Py_None) return -1;
    PyObject *result = PyObject_CallMethod(file, "write", "s", text);
    if (result == nullptr) return -1;
    Py_DECREF(result);
    return 0;
}

void write_text(const char *name, std::FILE *fallback, const char *text) noexcept {
    if (write_to_sys(name, text) < 0) {
        PyErr_Clear();
        std::fputs(text, fallback);
    }
}

// CPython's sys_format: at most 1000 bytes, then "... truncated"; the pending exception is
// kept as it was. (The attribute lets the compiler treat `format` as the caller's printf
// format.)
[[gnu::format(printf, 3, 0)]] void write_format(const char *name, std::FILE *fallback,
                                                const char *format, std::va_list args) noexcept {
    char buffer[1001];
    const int written = std::vsnprintf(buffer, sizeof buffer, format, args);
    PyObject *pending = PyErr_GetRaisedException();
    write_text(name, fallback, buffer);
    if (written < 0 || static_cast<std::size_t>(written) >= sizeof buffer)
        write_text(name, fallback, "... truncated");
    PyErr_SetRaisedException(pending);
}

}  // namespace

extern "C" PyObject *PySys_GetObject(const char *name) noexcept {
    PyObject *pending = PyErr_GetRaisedException();
    PyObject *value = nullptr;
    if (ensure_started() == 0) value = PyDict_GetItemString(g_interp.sysdict, name);
    PyErr_SetRaisedException(pending);
    return value;
}

extern "C" void PySys_WriteStdout(const char *format, ...) noexcept {
    std::va_list args;
    va_start(args, format);
    write_format("stdout", stdout, format, args);
    va_end(args);
}

extern "C" void PySys_WriteStderr(const char *format, ...) noexcept {
    std::va_list args;
    va_start(args, format);
    write_format("stderr", stderr, format, args);
    va_end(args);
}
