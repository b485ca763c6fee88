// One format unit of PyArg_ParseTuple & co.: the conversion of one argument into the C
// variables the caller passed pointers to (CPython 3.11, Python/getargs.c: convertitem,
// convertsimple, converttuple), stepping over a unit (skipitem), the cleanup list of O&,
// and the wording of the resulting error (seterror). The units are listed in
// minipy/modsupport.h.
//
// Integer units take what int() would not: only objects with __index__ (so a float is
// refused with the int type's "'float' object cannot be interpreted as an integer"); the
// range checks of b, h and i raise OverflowError, the masked units (B, H, I, k, K) keep
// the low bits. Text units give pointers into the argument's own UTF-8 or bytes buffer.
#include <climits>
#include <cstdio>
#include <cstring>

#include "args/getargs.hpp"
#include "protocols/abstract_internal.hpp"

namespace minipy::runtime::getargs {

Cleanups::~Cleanups() noexcept {
    if (entries_ != static_entries_) PyMem_Free(entries_);
}

bool Cleanups::reserve(Py_ssize_t units) noexcept {
    if (units <= capacity_) return true;
    auto *entries = static_cast<Entry *>(PyMem_Malloc(static_cast<size_t>(units) * sizeof(Entry)));
    if (entries == nullptr) {
        PyErr_NoMemory();
        return false;
    }
    entries_ = entries;
    capacity_ = units;
    return true;
}

void Cleanups::add(void *address, Release release) noexcept {
    // reserve() made room for one entry per unit, and each unit adds at most one.
    if (count_ < capacity_) entries_[count_++] = Entry{address, release};
}

int Cleanups::finish(int success) noexcept {
    if (!success) {
        for (Py_ssize_t i = 0; i < count_; ++i) entries_[i].release(nullptr, entries_[i].address);
    }
    count_ = 0;
    return success;
}

void set_error(Py_ssize_t iarg, const char *fragment, const int *levels, const char *fname,
               const char *custom) noexcept {
    if (PyErr_Occurred()) return;
    char text[512];
    const char *message = custom;
    if (message == nullptr) {
        // "foo() argument 2, item 0 must be str, not int", each part cut as CPython cuts it.
        size_t used = 0;
        auto append = [&](int written) {
            if (written > 0) used += static_cast<size_t>(written);
            if (used >= sizeof text) used = sizeof text - 1;
        };
        if (fname != nullptr) append(std::snprintf(text, sizeof text, "%.200s() ", fname));
        if (iarg != 0) {
            append(std::snprintf(text + used, sizeof text - used, "argument %zd", iarg));
            for (int i = 0; i < kMaxLevels && levels[i] > 0 && used < 220; ++i)
                append(std::snprintf(text + used, sizeof text - used, ", item %d", levels[i] - 1));
        } else {
            append(std::snprintf(text + used, sizeof text - used, "argument"));
        }
        std::snprintf(text + used, sizeof text - used, " %.256s", fragment);
        message = text;
    }
    PyErr_SetString(fragment[0] == '(' ? PyExc_SystemError : PyExc_TypeError, message);
}

namespace {

// "must be str, not int"; a fragment in parentheses (a format problem) is kept as it is.
const char *conversion_error(const char *expected, PyObject *arg, MessageBuffer buffer) noexcept {
    if (expected[0] == '(') {
        std::snprintf(buffer.text, buffer.size, "%.100s", expected);
    } else {
        std::snprintf(buffer.text, buffer.size, "must be %.50s, not %.50s", expected,
                      arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    }
    return buffer.text;
}

// The message is the exception already set; the fragment is only a failure marker.
const char *error_occurred(MessageBuffer buffer) noexcept {
    buffer.text[0] = '\0';
    return buffer.text;
}

const char *overflow(const char *message, MessageBuffer buffer) noexcept {
    PyErr_SetString(PyExc_OverflowError, message);
    return error_occurred(buffer);
}

// A read-only buffer for s# z# y y#: a str's UTF-8 (only when allow_str) or a bytes
// object's contents. The TypeError is CPython's for an object without the buffer protocol.
bool get_buffer(PyObject *arg, bool allow_str, const char **data, Py_ssize_t *size) noexcept {
    if (allow_str && PyUnicode_Check(arg)) {
        *data = PyUnicode_AsUTF8AndSize(arg, size);
        return *data != nullptr;
    }
    if (PyBytes_Check(arg)) {
        *data = PyBytes_AsString(arg);
        *size = PyBytes_Size(arg);
        return *data != nullptr;
    }
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return false;
}

const char *convert_integer(char unit, PyObject *arg, va_list *va, MessageBuffer buffer) noexcept {
    switch (unit) {
    case 'b': {
        auto *out = va_arg(*va, unsigned char *);
        const long value = PyLong_AsLong(arg);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        if (value < 0) return overflow("unsigned byte integer is less than minimum", buffer);
        if (value > UCHAR_MAX)
            return overflow("unsigned byte integer is greater than maximum", buffer);
        *out = static_cast<unsigned char>(value);
        return nullptr;
    }
    case 'h': {
        auto *out = va_arg(*va, short *);
        const long value = PyLong_AsLong(arg);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        if (value < SHRT_MIN) return overflow("signed short integer is less than minimum", buffer);
        if (value > SHRT_MAX)
            return overflow("signed short integer is greater than maximum", buffer);
        *out = static_cast<short>(value);
        return nullptr;
    }
    case 'i': {
        auto *out = va_arg(*va, int *);
        const long value = PyLong_AsLong(arg);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        if (value > INT_MAX) return overflow("signed integer is greater than maximum", buffer);
        if (value < INT_MIN) return overflow("signed integer is less than minimum", buffer);
        *out = static_cast<int>(value);
        return nullptr;
    }
    case 'l': {
        auto *out = va_arg(*va, long *);
        const long value = PyLong_AsLong(arg);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        *out = value;
        return nullptr;
    }
    case 'L': {
        auto *out = va_arg(*va, long long *);
        const long long value = PyLong_AsLongLong(arg);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        *out = value;
        return nullptr;
    }
    case 'n': {
        auto *out = va_arg(*va, Py_ssize_t *);
        PyObject *index = number_index(arg);
        if (index == nullptr) return error_occurred(buffer);
        const Py_ssize_t value = PyLong_AsSsize_t(index);
        Py_DECREF(index);
        if (value == -1 && PyErr_Occurred()) return error_occurred(buffer);
        *out = value;
        return nullptr;
    }
    case 'B':
    case 'H':
    case 'I': {
        void *out = va_arg(*va, void *);
        const unsigned long value = PyLong_AsUnsignedLongMask(arg);
        if (value == static_cast<unsigned long>(-1) && PyErr_Occurred())
            return error_occurred(buffer);
        if (unit == 'B')
            *static_cast<unsigned char *>(out) = static_cast<unsigned char>(value);
        else if (unit == 'H')
            *static_cast<unsigned short *>(out) = static_cast<unsigned short>(value);
        else
            *static_cast<unsigned int *>(out) = static_cast<unsigned int>(value);
        return nullptr;
    }
    case 'k': {
        auto *out = va_arg(*va, unsigned long *);
        if (!PyLong_Check(arg)) return conversion_error("int", arg, buffer);
        *out = PyLong_AsUnsignedLongMask(arg);
        return nullptr;
    }
    default: {  // 'K'
        auto *out = va_arg(*va, unsigned long long *);
        if (!PyLong_Check(arg)) return conversion_error("int", arg, buffer);
        *out = PyLong_AsUnsignedLongLongMask(arg);
        return nullptr;
    }
    }
}

// s z (NUL-free text as const char *), s# z# (pointer and length), y, y#.
const char *convert_text(char unit, PyObject *arg, const char **format, va_list *va,
                         MessageBuffer buffer) noexcept {
    auto *out = va_arg(*va, const char **);
    const bool with_length = **format == '#';
    Py_ssize_t *size_out = nullptr;
    if (with_length) {
        ++*format;
        size_out = va_arg(*va, Py_ssize_t *);
    }
    if (unit == 'z' && arg == Py_None) {
        *out = nullptr;
        if (size_out != nullptr) *size_out = 0;
        return nullptr;
    }
    const char *data = nullptr;
    Py_ssize_t size = 0;
    if (unit == 'y' || with_length) {
        // y takes bytes only; s# and z# take str or bytes.
        if (!get_buffer(arg, unit != 'y', &data, &size)) return error_occurred(buffer);
    } else {
        if (!PyUnicode_Check(arg))
            return conversion_error(unit == 'z' ? "str or None" : "str", arg, buffer);
        data = PyUnicode_AsUTF8AndSize(arg, &size);
        if (data == nullptr) return conversion_error("(unicode conversion error)", arg, buffer);
    }
    if (!with_length && std::strlen(data) != static_cast<size_t>(size)) {
        PyErr_SetString(PyExc_ValueError,
                        unit == 'y' ? "embedded null byte" : "embedded null character");
        return error_occurred(buffer);
    }
    *out = data;
    if (size_out != nullptr) *size_out = size;
    return nullptr;
}

// O (borrowed), O! (type-checked), O& (a converter).
const char *convert_object(PyObject *arg, const char **format, va_list *va, MessageBuffer buffer,
                           Cleanups *cleanups) noexcept {
    if (**format == '!') {
        ++*format;
        auto *type = va_arg(*va, PyTypeObject *);
        auto *out = va_arg(*va, PyObject **);
        if (!PyType_IsSubtype(Py_TYPE(arg), type))
            return conversion_error(type->tp_name, arg, buffer);
        *out = arg;
        return nullptr;
    }
    if (**format == '&') {
        ++*format;
        auto convert = va_arg(*va, Cleanups::Release);
        void *address = va_arg(*va, void *);
        const int result = convert(arg, address);
        if (result == 0) return conversion_error("(unspecified)", arg, buffer);
        if (result == Py_CLEANUP_SUPPORTED) cleanups->add(address, convert);
        return nullptr;
    }
    *va_arg(*va, PyObject **) = arg;
    return nullptr;
}

const char *convert_simple(PyObject *arg, const char **format, va_list *va, MessageBuffer buffer,
                           Cleanups *cleanups) noexcept {
    const char unit = *(*format)++;
    switch (unit) {
    case 'b':
    case 'B':
    case 'h':
    case 'H':
    case 'i':
    case 'I':
    case 'l':
    case 'k':
    case 'L':
    case 'K':
    case 'n': return convert_integer(unit, arg, va, buffer);
    case 'f':
    case 'd': {
        void *out = va_arg(*va, void *);
        const double value = PyFloat_AsDouble(arg);
        if (value == -1.0 && PyErr_Occurred()) return error_occurred(buffer);
        if (unit == 'f')
            *static_cast<float *>(out) = static_cast<float>(value);
        else
            *static_cast<double *>(out) = value;
        return nullptr;
    }
    case 'c': {
        auto *out = va_arg(*va, char *);
        if (!PyBytes_Check(arg) || PyBytes_Size(arg) != 1)
            return conversion_error("a byte string of length 1", arg, buffer);
        *out = PyBytes_AsString(arg)[0];
        return nullptr;
    }
    case 'C': {
        auto *out = va_arg(*va, int *);
        if (!PyUnicode_Check(arg) || PyUnicode_GetLength(arg) != 1)
            return conversion_error("a unicode character", arg, buffer);
        *out = static_cast<int>(PyUnicode_ReadChar(arg, 0));
        return nullptr;
    }
    case 'p': {
        auto *out = va_arg(*va, int *);
        const int truth = PyObject_IsTrue(arg);
        if (truth < 0) return error_occurred(buffer);
        *out = truth;
        return nullptr;
    }
    case 's':
    case 'z':
    case 'y':
        if (**format == '*') break;  // the buffer protocol: not in minipy
        return convert_text(unit, arg, format, va, buffer);
    case 'S':
    case 'U': {
        auto *out = va_arg(*va, PyObject **);
        const bool fits = unit == 'S' ? PyBytes_Check(arg) : PyUnicode_Check(arg);
        if (!fits) return conversion_error(unit == 'S' ? "bytes" : "str", arg, buffer);
        *out = arg;
        return nullptr;
    }
    case 'O': return convert_object(arg, format, va, buffer, cleanups);
    default: break;
    }
    return conversion_error("(impossible<bad format char>)", arg, buffer);
}

// The units of a group "(...)" up to its closing parenthesis (nested groups count as one).
int count_group_units(const char *format) noexcept {
    int level = 0;
    int count = 0;
    for (;;) {
        const char c = *format++;
        if (c == '(') {
            if (level == 0) ++count;
            ++level;
        } else if (c == ')') {
            if (level == 0) break;
            --level;
        } else if (c == ':' || c == ';' || c == '\0') {
            break;
        } else if (level == 0 && is_unit_letter(c) && c != 'e') {
            ++count;
        }
    }
    return count;
}

// A group: arg must be a sequence (not bytes) of exactly as many items as the group has
// units. *format stands after the '('.
const char *convert_group(PyObject *arg, const char **format, va_list *va, int *levels,
                          MessageBuffer buffer, Cleanups *cleanups) noexcept {
    const int n = count_group_units(*format);
    if (!PySequence_Check(arg) || PyBytes_Check(arg)) {
        levels[0] = 0;
        std::snprintf(buffer.text, buffer.size, "must be %d-item sequence, not %.50s", n,
                      arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
        return buffer.text;
    }
    const Py_ssize_t length = PySequence_Size(arg);
    if (length != n) {
        levels[0] = 0;
        std::snprintf(buffer.text, buffer.size, "must be sequence of length %d, not %zd", n,
                      length);
        return buffer.text;
    }
    const char *unit = *format;
    for (int i = 0; i < n; ++i) {
        PyObject *item = PySequence_GetItem(arg, i);
        if (item == nullptr) {
            PyErr_Clear();
            levels[0] = i + 1;
            levels[1] = 0;
            std::snprintf(buffer.text, buffer.size, "is not retrievable");
            return buffer.text;
        }
        // The item stays alive in arg; pointers into it (s, O) remain valid after this.
        const char *message = convert_item(item, &unit, va, levels + 1, buffer, cleanups);
        Py_DECREF(item);
        if (message != nullptr) {
            levels[0] = i + 1;
            return message;
        }
    }
    *format = unit;
    return nullptr;
}

}  // namespace

const char *convert_item(PyObject *arg, const char **format, va_list *va, int *levels,
                         MessageBuffer buffer, Cleanups *cleanups) noexcept {
    const char *unit = *format;
    const char *message;
    if (*unit == '(') {
        ++unit;
        message = convert_group(arg, &unit, va, levels, buffer, cleanups);
        if (message == nullptr) ++unit;  // the ')'
    } else {
        message = convert_simple(arg, &unit, va, buffer, cleanups);
        if (message != nullptr) levels[0] = 0;
    }
    if (message == nullptr) *format = unit;
    return message;
}

const char *skip_item(const char **format, va_list *va) noexcept {
    const char *unit = *format;
    const char c = *unit++;
    switch (c) {
    // Units that take one pointer; its type does not matter here.
    case 'b':
    case 'B':
    case 'h':
    case 'H':
    case 'i':
    case 'I':
    case 'l':
    case 'k':
    case 'L':
    case 'K':
    case 'n':
    case 'f':
    case 'd':
    case 'D':
    case 'c':
    case 'C':
    case 'p':
    case 'S':
    case 'Y':
    case 'U':
        if (va != nullptr) (void)va_arg(*va, void *);
        break;
    case 's':
    case 'z':
    case 'y':
    case 'w':
        if (va != nullptr) (void)va_arg(*va, char **);
        if (*unit == '#') {
            if (va != nullptr) (void)va_arg(*va, Py_ssize_t *);
            ++unit;
        } else if (*unit == '*') {
            ++unit;
        }
        break;
    case 'O':
        // The branches differ in the types va_arg skips, which clang-tidy's comparison ignores.
        // NOLINTNEXTLINE(bugprone-branch-clone)
        if (*unit == '!') {
            if (va != nullptr) {
                (void)va_arg(*va, PyTypeObject *);
                (void)va_arg(*va, PyObject **);
            }
            ++unit;
        } else if (*unit == '&') {
            if (va != nullptr) {
                (void)va_arg(*va, Cleanups::Release);
                (void)va_arg(*va, void *);
            }
            ++unit;
        } else if (va != nullptr) {
            (void)va_arg(*va, PyObject **);
        }
        break;
    case '(':
        while (*unit != ')') {
            if (is_end_of_format(*unit)) return "Unmatched left paren in format string";
            if (const char *message = skip_item(&unit, va); message != nullptr) return message;
        }
        ++unit;
        break;
    case ')': return "Unmatched right paren in format string";
    default: return "impossible<bad format char>";
    }
    *format = unit;
    return nullptr;
}

}  // namespace minipy::runtime::getargs
