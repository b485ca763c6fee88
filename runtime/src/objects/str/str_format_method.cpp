// str.format(*args, **kwargs) and str.format_map(mapping): the replacement-field parser of
// CPython 3.11 (Objects/stringlib/unicode_format.h), with its messages.
//
//   literal text, "{{" and "}}" for braces, and fields
//   "{" [name] ["!" conversion] [":" spec] "}"   name: (digits | identifier | "") ("." attr | "["
//   key "]")*
//
// An empty name takes the next positional argument (automatic numbering), which cannot be
// mixed with explicit numbers. A spec may itself hold fields ("{:{width}}"), expanded once
// more (two levels in all). Each field's value is formatted with format(value, spec).
#include "minipy/Python.h"
#include "objects/str/str_ctype.hpp"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {
namespace {

// A range [start, end) of a str.
struct Piece {
    PyObject *str = nullptr;
    Py_ssize_t start = 0, end = 0;

    bool empty() const noexcept { return start >= end; }
    Py_UCS4 at(Py_ssize_t i) const noexcept { return PyUnicode_READ_CHAR(str, i); }
    PyObject *object() const noexcept {
        return str == nullptr ? unicode_get_empty() : PyUnicode_Substring(str, start, end);
    }
};

// Automatic field numbering ("{}") against manual ("{0}"): whichever comes first holds.
enum class Numbering { unset, automatic, manual };
struct AutoNumber {
    Numbering state = Numbering::unset;
    Py_ssize_t next = 0;
};

// The piece as a non-negative decimal number (any Unicode decimal digits); -1 if it is empty
// or not a number, -1 with ValueError when it is too large.
Py_ssize_t piece_integer(const Piece &p) noexcept {
    if (p.empty()) return -1;
    Py_ssize_t value = 0;
    for (Py_ssize_t i = p.start; i < p.end; ++i) {
        const int digit = unicode_decimal_value(p.at(i));
        if (digit < 0) return -1;
        if (value > (PY_SSIZE_T_MAX - digit) / 10) {
            PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        value = value * 10 + digit;
    }
    return value;
}

// The next ".attr" or "[key]" of a field name at *pos: 1 with *attribute, *name and *index
// (-1 unless the key is a number), 0 at the end, -1 on error.
int next_accessor(const Piece &field, Py_ssize_t *pos, bool *attribute, Piece *name,
                  Py_ssize_t *index) noexcept {
    if (*pos >= field.end) return 0;
    const Py_UCS4 c = field.at((*pos)++);
    name->str = field.str;
    name->start = *pos;
    if (c == '.') {
        *attribute = true;
        while (*pos < field.end && field.at(*pos) != '.' && field.at(*pos) != '[') ++*pos;
        name->end = *pos;
        *index = -1;
    } else if (c == '[') {
        *attribute = false;
        while (*pos < field.end && field.at(*pos) != ']') ++*pos;
        if (*pos >= field.end) {
            PyErr_SetString(PyExc_ValueError, "Missing ']' in format string");
            return -1;
        }
        name->end = (*pos)++;
        *index = piece_integer(*name);
        if (*index == -1 && PyErr_Occurred()) return -1;
    } else {
        PyErr_SetString(PyExc_ValueError,
                        "Only '.' or '[' may follow ']' in format field specifier");
        return -1;
    }
    if (name->empty()) {
        PyErr_SetString(PyExc_ValueError, "Empty attribute in format string");
        return -1;
    }
    return 1;
}

// The object a field name designates: an argument (by number or by keyword), then its
// attributes and items. args is NULL for format_map.
PyObject *field_object(const Piece &field, PyObject *args, PyObject *kwargs,
                       AutoNumber *numbering) noexcept {
    Py_ssize_t pos = field.start;
    while (pos < field.end && field.at(pos) != '.' && field.at(pos) != '[') ++pos;
    const Piece first{field.str, field.start, pos};
    Py_ssize_t index = piece_integer(first);
    if (index == -1 && PyErr_Occurred()) return nullptr;
    const bool is_empty = first.empty();
    if (is_empty || index != -1) {
        if (numbering->state == Numbering::unset)
            numbering->state = is_empty ? Numbering::automatic : Numbering::manual;
        if (numbering->state == Numbering::manual && is_empty) {
            PyErr_SetString(PyExc_ValueError,
                            "cannot switch from manual field specification "
                            "to automatic field numbering");
            return nullptr;
        }
        if (numbering->state == Numbering::automatic && !is_empty) {
            PyErr_SetString(PyExc_ValueError,
                            "cannot switch from automatic field numbering "
                            "to manual field specification");
            return nullptr;
        }
        if (is_empty) index = numbering->next++;
    }
    PyObject *obj;
    if (index == -1) {
        PyObject *key = first.object();
        if (key == nullptr) return nullptr;
        if (kwargs == nullptr) {
            PyErr_SetObject(PyExc_KeyError, key);
            Py_DECREF(key);
            return nullptr;
        }
        obj = PyObject_GetItem(kwargs, key);
        Py_DECREF(key);
    } else {
        if (args == nullptr) {
            PyErr_SetString(PyExc_ValueError, "Format string contains positional fields");
            return nullptr;
        }
        obj = PySequence_GetItem(args, index);
        if (obj == nullptr) {
            PyErr_Clear();
            PyErr_Format(PyExc_IndexError,
                         "Replacement index %zd out of range for positional args tuple", index);
        }
    }
    if (obj == nullptr) return nullptr;
    for (;;) {
        bool attribute = false;
        Piece name;
        const int more = next_accessor(field, &pos, &attribute, &name, &index);
        if (more <= 0) {
            if (more < 0) Py_CLEAR(obj);
            return obj;
        }
        PyObject *next = nullptr;
        if (attribute || index == -1) {
            PyObject *key = name.object();
            if (key != nullptr) {
                next = attribute ? PyObject_GetAttr(obj, key) : PyObject_GetItem(obj, key);
                Py_DECREF(key);
            }
        } else if (PySequence_Check(obj)) {
            next = PySequence_GetItem(obj, index);
        } else {
            PyObject *key = PyLong_FromSsize_t(index);
            if (key != nullptr) {
                next = PyObject_GetItem(obj, key);
                Py_DECREF(key);
            }
        }
        Py_SETREF(obj, next);
        if (obj == nullptr) return nullptr;
    }
}

PyObject *convert_field(PyObject *obj, Py_UCS4 conversion) noexcept {
    switch (conversion) {
    case 'r': return PyObject_Repr(obj);
    case 's': return PyObject_Str(obj);
    case 'a': return PyObject_ASCII(obj);
    default: break;
    }
    if (conversion > 32 && conversion < 127)
        return PyErr_Format(PyExc_ValueError, "Unknown conversion specifier %c",
                            static_cast<int>(conversion));
    return PyErr_Format(PyExc_ValueError, "Unknown conversion specifier \\x%x",
                        static_cast<unsigned>(conversion));
}

// One field after its "{": name, conversion and spec, with *pos moved past its "}".
struct Field {
    Piece name, spec;
    Py_UCS4 conversion = 0;
    bool spec_has_fields = false;
};

bool parse_field(PyObject *str, Py_ssize_t end, Py_ssize_t *pos, Field *f) noexcept {
    f->name.str = str;
    f->name.start = *pos;
    Py_UCS4 c = 0;
    while (*pos < end) {
        c = PyUnicode_READ_CHAR(str, (*pos)++);
        if (c == '{') {
            PyErr_SetString(PyExc_ValueError, "unexpected '{' in field name");
            return false;
        }
        if (c == '[') {
            while (*pos < end && PyUnicode_READ_CHAR(str, *pos) != ']') ++*pos;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') break;
    }
    f->name.end = *pos - 1;
    if (c != '!' && c != ':') {
        if (c != '}') {
            PyErr_SetString(PyExc_ValueError, "expected '}' before end of string");
            return false;
        }
        return true;
    }
    if (c == '!') {
        if (*pos >= end) {
            PyErr_SetString(PyExc_ValueError,
                            "end of string while looking for conversion specifier");
            return false;
        }
        f->conversion = PyUnicode_READ_CHAR(str, (*pos)++);
        if (*pos < end) {
            c = PyUnicode_READ_CHAR(str, (*pos)++);
            if (c == '}') return true;
            if (c != ':') {
                PyErr_SetString(PyExc_ValueError, "expected ':' after conversion specifier");
                return false;
            }
        }
    }
    f->spec.str = str;
    f->spec.start = *pos;
    int depth = 1;
    while (*pos < end) {
        c = PyUnicode_READ_CHAR(str, (*pos)++);
        if (c == '{') {
            f->spec_has_fields = true;
            ++depth;
        } else if (c == '}' && --depth == 0) {
            f->spec.end = *pos - 1;
            return true;
        }
    }
    PyErr_SetString(PyExc_ValueError, "unmatched '{' in format spec");
    return false;
}

PyObject *build_string(const Piece &input, PyObject *args, PyObject *kwargs, int depth,
                       AutoNumber *numbering) noexcept;

int render_field(UnicodeWriter &writer, const Field &f, PyObject *args, PyObject *kwargs, int depth,
                 AutoNumber *numbering) noexcept {
    PyObject *obj = field_object(f.name, args, kwargs, numbering);
    if (obj == nullptr) return -1;
    if (f.conversion != 0) {
        Py_SETREF(obj, convert_field(obj, f.conversion));
        if (obj == nullptr) return -1;
    }
    PyObject *spec = f.spec_has_fields ? build_string(f.spec, args, kwargs, depth - 1, numbering)
                                       : f.spec.object();
    PyObject *text = spec != nullptr ? PyObject_Format(obj, spec) : nullptr;
    Py_DECREF(obj);
    Py_XDECREF(spec);
    if (text == nullptr) return -1;
    const int status = writer.write_str(text);
    Py_DECREF(text);
    return status;
}

PyObject *build_string(const Piece &input, PyObject *args, PyObject *kwargs, int depth,
                       AutoNumber *numbering) noexcept {
    if (depth <= 0) {
        PyErr_SetString(PyExc_ValueError, "Max string recursion exceeded");
        return nullptr;
    }
    UnicodeWriter writer;
    PyObject *str = input.str;
    Py_ssize_t pos = input.start;
    const Py_ssize_t end = input.end;
    while (pos < end) {
        // Literal text up to a brace; a doubled brace is one literal brace.
        const Py_ssize_t start = pos;
        Py_UCS4 c = 0;
        bool brace = false;
        while (pos < end) {
            c = PyUnicode_READ_CHAR(str, pos++);
            if (c == '{' || c == '}') {
                brace = true;
                break;
            }
        }
        const bool at_end = pos >= end;
        Py_ssize_t literal_end = pos;
        if (c == '}' && (at_end || PyUnicode_READ_CHAR(str, pos) != '}')) {
            PyErr_SetString(PyExc_ValueError, "Single '}' encountered in format string");
            return nullptr;
        }
        if (at_end && c == '{') {
            PyErr_SetString(PyExc_ValueError, "Single '{' encountered in format string");
            return nullptr;
        }
        if (!at_end && brace) {
            if (PyUnicode_READ_CHAR(str, pos) == c) {
                ++pos;  // the brace of a pair is literal text
                brace = false;
            } else {
                --literal_end;
            }
        }
        if (writer.write_substring(str, start, literal_end) < 0) return nullptr;
        if (!brace) continue;
        Field f;
        if (!parse_field(str, end, &pos, &f)) return nullptr;
        if (render_field(writer, f, args, kwargs, depth, numbering) < 0) return nullptr;
    }
    return writer.finish();
}

PyObject *format_string(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    AutoNumber numbering;
    return build_string(Piece{self, 0, PyUnicode_GET_LENGTH(self)}, args, kwargs, 2, &numbering);
}

}  // namespace

// str.format(*args, **kwargs)
PyObject *unicode_format_call(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    return format_string(self, args, kwargs);
}

// str.format_map(mapping)
PyObject *unicode_format_map(PyObject *self, PyObject *mapping) noexcept {
    return format_string(self, nullptr, mapping);
}

}  // namespace minipy::runtime
