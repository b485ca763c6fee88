// The interactive prompt (minipy/pythonrun.h: PyRun_InteractiveLoop, PyOS_Readline).
//
// CPython's C prompt asks its tokenizer for more lines; minipy's asks the front end in
// codeop's way, which python3's `code` module uses and which gives the same answers: after
// each line, the statement so far is compiled in 'single' mode with the incomplete-input
// flags; when that fails, it is compiled again with a newline added, and when that works or
// fails with "incomplete input", more lines are read ('... '); otherwise it is compiled
// without the flags, which gives the code or the real SyntaxError. Input that is only blank
// lines and comments is `pass`.
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "compile/compile_module.hpp"
#include "minipy/intrcheck.h"
#include "minipy/pythonrun.h"
#include "parse/frontend.hpp"
#include "run/interp_state.hpp"
#include "run/pythonrun_internal.hpp"
#include "run/signals.hpp"
#include "run/traceback_print.hpp"

namespace minipy::interp {

namespace {

// A growing NUL-terminated byte string on the raw domain.
struct Text {
    char *data = nullptr;
    std::size_t size = 0;
    std::size_t capacity = 0;

    Text() = default;
    Text(const Text &) = delete;
    Text &operator=(const Text &) = delete;
    ~Text() { PyMem_RawFree(data); }

    bool append(const char *bytes, std::size_t n) noexcept {
        if (size + n + 1 > capacity) {
            std::size_t grown = capacity == 0 ? 128 : capacity;
            while (size + n + 1 > grown) grown *= 2;
            char *bigger = static_cast<char *>(PyMem_RawRealloc(data, grown));
            if (bigger == nullptr) return false;
            data = bigger;
            capacity = grown;
        }
        std::memcpy(data + size, bytes, n);
        size += n;
        data[size] = '\0';
        return true;
    }
};

// --- compiling what was typed, as codeop does ------------------------------------------------

enum class Compiled { code, incomplete, error };

bool is_blank_or_comment(const char *source) noexcept {
    const char *p = source;
    while (*p != '\0') {
        while (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\v' || *p == '\r') ++p;
        if (*p != '\0' && *p != '\n' && *p != '#') return false;
        while (*p != '\0' && *p != '\n') ++p;
        if (*p == '\n') ++p;
    }
    return true;
}

PyObject *compile_single(const char *source, std::size_t size, PyObject *filename,
                         bool incomplete_flags) noexcept {
    parse::ArenaScope arena;
    parse::ParseFlags flags;
    flags.dont_imply_dedent = incomplete_flags;
    flags.allow_incomplete_input = incomplete_flags;
    ast::Mod *mod =
        parse::parse_source(source, static_cast<Py_ssize_t>(size), filename,
                            parse::ParseMode::single, parse::SourceKind::text, arena.get(), flags);
    if (mod == nullptr) return nullptr;
    // No source for the compiler's own SyntaxErrors: CPython reads their line from the file,
    // and "<stdin>" is none.
    return compile::compile_mod(mod, filename, nullptr, g_interp.optimize);
}

bool raised_syntax_error() noexcept {
    return PyErr_ExceptionMatches(PyExc_SyntaxError) != 0;
}

bool raised_incomplete_input() noexcept {
    if (!raised_syntax_error()) return false;
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *text = PyObject_Str(exc);
    bool incomplete = false;
    if (text != nullptr) {
        const char *utf8 = PyUnicode_AsUTF8(text);
        incomplete = utf8 != nullptr && std::strstr(utf8, "incomplete input") != nullptr;
        Py_DECREF(text);
    }
    PyErr_Clear();
    PyErr_SetRaisedException(exc);
    return incomplete;
}

// codeop._maybe_compile for 'single': *code set for Compiled::code, an exception for error.
Compiled maybe_compile(const Text &typed, PyObject *filename, PyObject **code) noexcept {
    *code = nullptr;
    const char *source = typed.data != nullptr ? typed.data : "";
    std::size_t size = typed.size;
    if (is_blank_or_comment(source)) {
        source = "pass";
        size = 4;
    }
    PyObject *first = compile_single(source, size, filename, true);
    if (first != nullptr) {
        Py_DECREF(first);
    } else if (!raised_syntax_error()) {
        return Compiled::error;
    } else {
        PyErr_Clear();
        Text with_newline;
        if (!with_newline.append(source, size) || !with_newline.append("\n", 1)) {
            PyErr_NoMemory();
            return Compiled::error;
        }
        PyObject *second = compile_single(with_newline.data, with_newline.size, filename, true);
        if (second != nullptr) {
            Py_DECREF(second);
            return Compiled::incomplete;
        }
        if (raised_incomplete_input()) {
            PyErr_Clear();
            return Compiled::incomplete;
        }
        if (!raised_syntax_error()) return Compiled::error;
        PyErr_Clear();
    }
    // The statement as CPython's prompt hands it to its parser: with the last line's newline
    // (error offsets at the end of a line depend on it).
    Text complete;
    if (!complete.append(source, size) || !complete.append("\n", 1)) {
        PyErr_NoMemory();
        return Compiled::error;
    }
    *code = compile_single(complete.data, complete.size, filename, false);
    return *code != nullptr ? Compiled::code : Compiled::error;
}

// --- the loop --------------------------------------------------------------------------------

// sys.ps1 / sys.ps2 as text (a PyMem_RawMalloc'd copy): str() of the attribute, or "" when
// that fails (the failure is printed, as CPython does).
char *prompt_text(PyObject *name) noexcept {
    PyObject *value = PyDict_GetItemWithError(g_interp.sysdict, name);
    PyObject *text = value != nullptr ? PyObject_Str(value) : nullptr;
    const char *utf8 = text != nullptr ? PyUnicode_AsUTF8(text) : nullptr;
    if (utf8 == nullptr) {
        if (PyErr_Occurred()) handle_uncaught();
        utf8 = "";
    }
    const std::size_t size = std::strlen(utf8);
    char *copy = static_cast<char *>(PyMem_RawMalloc(size + 1));
    if (copy != nullptr) std::memcpy(copy, utf8, size + 1);
    Py_XDECREF(text);
    return copy;
}

int set_default_prompt(const char *name, const char *value) noexcept {
    PyObject *key = PyUnicode_InternFromString(name);
    if (key == nullptr) return -1;
    int r = PyDict_Contains(g_interp.sysdict, key);
    if (r == 0) {
        PyObject *text = PyUnicode_FromString(value);
        r = text != nullptr ? PyDict_SetItem(g_interp.sysdict, key, text) : -1;
        Py_XDECREF(text);
    }
    Py_DECREF(key);
    return r < 0 ? -1 : 0;
}

enum class Step { statement_done, end_of_input, system_exit };

// What an exception at the prompt does: a SystemExit ends the loop (the caller lets it end
// the process once the loop's own objects are released); anything else is printed.
Step report_exception() noexcept {
    if (PyErr_ExceptionMatches(PyExc_SystemExit)) return Step::system_exit;
    handle_uncaught();
    return Step::statement_done;
}

Step run_typed(PyObject *code) noexcept {
    PyObject *globals = minipy_main_dict();
    PyObject *result = globals != nullptr ? run_code_at_top(code, globals) : nullptr;
    Py_DECREF(code);
    Step step = Step::statement_done;
    if (result == nullptr)
        step = report_exception();
    else
        Py_DECREF(result);
    std::fflush(stdout);
    return step;
}

// Reads, compiles and runs one statement (CPython's PyRun_InteractiveOne).
Step interactive_one(FILE *fp, PyObject *filename, PyObject *ps1, PyObject *ps2) noexcept {
    Text typed;
    bool more = false;
    for (;;) {
        char *prompt = prompt_text(more ? ps2 : ps1);
        char *line = PyOS_Readline(fp, stdout, prompt != nullptr ? prompt : "");
        PyMem_RawFree(prompt);
        if (line == nullptr) return report_exception();  // KeyboardInterrupt: line dropped
        const std::size_t length = std::strlen(line);
        if (length == 0) {  // end of input: what was typed so far still runs
            PyMem_Free(line);
            std::fflush(stdout);
            std::fputs("\n", stderr);
            std::fflush(stderr);
            if (!more) return Step::end_of_input;
            PyObject *code = compile_single(typed.data, typed.size, filename, false);
            return code != nullptr ? run_typed(code) : report_exception();
        }
        std::size_t keep = length;
        if (line[keep - 1] == '\n') --keep;
        const bool stored = (!more || typed.append("\n", 1)) && typed.append(line, keep);
        PyMem_Free(line);
        if (!stored) {
            PyErr_NoMemory();
            return report_exception();
        }
        PyObject *code = nullptr;
        switch (maybe_compile(typed, filename, &code)) {
        case Compiled::incomplete: more = true; continue;
        case Compiled::error: return report_exception();
        case Compiled::code: break;
        }
        return run_typed(code);
    }
}

// Waits until `in` can be read without blocking; false when SIGINT came first. SIGINT is
// blocked from the check of its record until the wait, which unblocks it atomically (ppoll):
// a Ctrl-C that comes between the prompt and the read is not lost in a read that never
// returns. Input already in the stream's buffer needs no wait (glibc shows its buffer).
bool wait_for_input(FILE *in) noexcept {
#if defined(__GLIBC__)
    if (in->_IO_read_ptr < in->_IO_read_end) return true;
    sigset_t sigint, previous;
    sigemptyset(&sigint);
    sigaddset(&sigint, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigint, &previous);
    bool interrupted = false;
    for (;;) {
        if (PyOS_InterruptOccurred()) {
            interrupted = true;
            break;
        }
        pollfd ready = {fileno(in), POLLIN, 0};
        if (ppoll(&ready, 1, nullptr, &previous) >= 0 || errno != EINTR) break;
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return !interrupted;
#else
    return PyOS_InterruptOccurred() == 0;  // a read blocked before the signal may miss it
#endif
}

}  // namespace

}  // namespace minipy::interp

using namespace minipy;
using namespace minipy::interp;

extern "C" {

char *(*PyOS_ReadlineFunctionPointer)(FILE *, FILE *, const char *) = PyOS_StdioReadline;

char *PyOS_StdioReadline(FILE *in, FILE *, const char *prompt) noexcept {
    std::fflush(stdout);
    if (prompt != nullptr && prompt[0] != '\0') {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
    }
    std::size_t capacity = 128, size = 0;
    char *line = static_cast<char *>(PyMem_RawMalloc(capacity));
    if (line == nullptr) return nullptr;
    line[0] = '\0';
    for (;;) {
        errno = 0;
        const bool interrupted = !wait_for_input(in);
        if (interrupted ||
            std::fgets(line + size, static_cast<int>(capacity - size), in) == nullptr) {
            if (interrupted || (std::ferror(in) && errno == EINTR)) {
                std::clearerr(in);
                if (interrupted || PyOS_InterruptOccurred()) {
                    std::fputs("\n", stderr);  // python3's line break before KeyboardInterrupt
                    PyMem_RawFree(line);
                    return nullptr;
                }
                continue;  // another signal: go on reading
            }
            std::clearerr(in);
            line[size] = '\0';
            return line;  // end of input (what came before it, or "")
        }
        size += std::strlen(line + size);
        if (size > 0 && line[size - 1] == '\n') return line;
        if (size + 1 < capacity) continue;  // a NUL in the input or a partial read
        capacity *= 2;
        char *bigger = static_cast<char *>(PyMem_RawRealloc(line, capacity));
        if (bigger == nullptr) {
            PyMem_RawFree(line);
            return nullptr;
        }
        line = bigger;
    }
}

char *PyOS_Readline(FILE *in, FILE *out, const char *prompt) noexcept {
    if (PyErr_CheckSignals() < 0) return nullptr;
    const bool terminal = isatty(fileno(in)) != 0 && isatty(fileno(out)) != 0;
    char *(*read_line)(FILE *, FILE *, const char *) =
        terminal && PyOS_ReadlineFunctionPointer != nullptr ? PyOS_ReadlineFunctionPointer
                                                            : PyOS_StdioReadline;
    g_interrupt_taken = false;
    PyThreadState *saved = PyEval_SaveThread();
    char *raw = read_line(in, out, prompt);
    PyEval_RestoreThread(saved);
    if (raw == nullptr) {
        if (g_interrupt_taken)
            PyErr_SetNone(PyExc_KeyboardInterrupt);
        else
            PyErr_NoMemory();
        return nullptr;
    }
    const std::size_t size = std::strlen(raw) + 1;
    char *line = static_cast<char *>(PyMem_Malloc(size));
    if (line != nullptr) std::memcpy(line, raw, size);
    PyMem_RawFree(raw);
    if (line == nullptr) PyErr_NoMemory();
    return line;
}

int PyRun_InteractiveLoop(FILE *fp, const char *filename) noexcept {
    if (ensure_started() < 0 || set_default_prompt("ps1", ">>> ") < 0 ||
        set_default_prompt("ps2", "... ") < 0) {
        handle_uncaught();
        return -1;
    }
    PyObject *name = PyUnicode_DecodeUTF8(filename, static_cast<Py_ssize_t>(std::strlen(filename)),
                                          "surrogateescape");
    PyObject *ps1 = PyUnicode_InternFromString("ps1");
    PyObject *ps2 = PyUnicode_InternFromString("ps2");
    if (name == nullptr || ps1 == nullptr || ps2 == nullptr) {
        Py_XDECREF(name);
        Py_XDECREF(ps1);
        Py_XDECREF(ps2);
        handle_uncaught();
        return -1;
    }
    Step step = Step::statement_done;
    while (step == Step::statement_done) step = interactive_one(fp, name, ps1, ps2);
    Py_DECREF(name);
    Py_DECREF(ps1);
    Py_DECREF(ps2);
    if (step == Step::system_exit) handle_uncaught();  // ends the process
    return 0;
}

}  // extern "C"
