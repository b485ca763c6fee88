// Shared parts of argument parsing (CPython 3.11, Python/getargs.c). Internal to runtime/.
//   getargs_convert.cpp          one format unit -> one C variable (convert_item), and
//                                   stepping over a unit without converting (skip_item)
//   getargs.cpp          PyArg_ParseTuple, PyArg_Parse, PyArg_UnpackTuple
//   getargs_keywords.cpp PyArg_ParseTupleAndKeywords
//
// A conversion that fails returns a message fragment ("must be str, not int") written into
// the caller's buffer, and set_error turns it into the TypeError that names the function and
// the argument ("foo() argument 1 must be str, not int"). A conversion that raised its own
// exception (an OverflowError from a range check, the int type's TypeError) returns the
// buffer too, and set_error then leaves that exception alone.
#ifndef MINIPY_MODSUPPORT_GETARGS_HPP
#define MINIPY_MODSUPPORT_GETARGS_HPP

#include <cstdarg>
#include <cstddef>

#include "minipy/Python.h"

namespace minipy::runtime::getargs {

// Nesting depth of (...) in a format; deeper formats are a fatal error, as in CPython.
constexpr int kMaxLevels = 32;

// The O& converters that asked (with Py_CLEANUP_SUPPORTED) to be called again with a NULL
// object when parsing fails after they succeeded, so that they can release what they made.
class Cleanups {
  public:
    using Release = int (*)(PyObject *, void *);

    Cleanups() noexcept = default;
    ~Cleanups() noexcept;
    Cleanups(const Cleanups &) = delete;
    Cleanups &operator=(const Cleanups &) = delete;

    // Room for one entry per format unit; false with MemoryError.
    bool reserve(Py_ssize_t units) noexcept;
    void add(void *address, Release release) noexcept;
    // `success` as it is; on failure each entry is released first, in the order added.
    int finish(int success) noexcept;

  private:
    struct Entry {
        void *address;
        Release release;
    };
    static constexpr Py_ssize_t kStaticEntries = 8;
    Entry static_entries_[kStaticEntries] = {};
    Entry *entries_ = static_entries_;
    Py_ssize_t capacity_ = kStaticEntries;
    Py_ssize_t count_ = 0;
};

// Where the conversions write their message fragment.
struct MessageBuffer {
    char *text;
    size_t size;
};

// Converts `arg` by the unit at *format (a simple unit or a parenthesised group), storing
// through the pointers taken from *va, and advances *format past the unit. nullptr on
// success; otherwise the message fragment, with levels[] naming the position inside nested
// groups (1-based item numbers, ended by 0).
const char *convert_item(PyObject *arg, const char **format, va_list *va, int *levels,
                         MessageBuffer buffer, Cleanups *cleanups) noexcept;

// Steps over one unit (and its va_list arguments when va is not NULL) without converting.
// nullptr, or a description of what is wrong with the format.
const char *skip_item(const char **format, va_list *va) noexcept;

// Raises the error for argument number iarg (0: no number) from a message fragment; keeps
// an exception that is already set. `custom` (the text after ';') replaces the whole
// message. A fragment starting with '(' is a SystemError: the format itself was wrong.
void set_error(Py_ssize_t iarg, const char *fragment, const int *levels, const char *fname,
               const char *custom) noexcept;

// "%.200s%s": the function name followed by "()", or "function" when there is none.
inline const char *function_name(const char *fname) noexcept {
    return fname != nullptr ? fname : "function";
}
inline const char *function_parens(const char *fname) noexcept {
    return fname != nullptr ? "()" : "";
}

// The end of the units: the string's end, or the ':' / ';' that starts the name or message.
inline bool is_end_of_format(char c) noexcept {
    return c == '\0' || c == ';' || c == ':';
}

// ASCII letters only: the units are letters, whatever the C locale says.
inline bool is_unit_letter(int c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// At least as many as the units of the format at every nesting level: the room the cleanup
// list needs, since each unit (an O& inside a group too) adds at most one entry.
inline Py_ssize_t unit_bound(const char *format) noexcept {
    Py_ssize_t letters = 0;
    for (; !is_end_of_format(*format); ++format) letters += is_unit_letter(*format) ? 1 : 0;
    return letters;
}

}  // namespace minipy::runtime::getargs

#endif  // MINIPY_MODSUPPORT_GETARGS_HPP
