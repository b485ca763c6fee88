/* Families over str: construction (from C strings, ordinals, kind-and-data buffers, the
 * decoders; PyUnicode_FromFormat is fuzz_formats.c's), the PyUnicode_* API (length, items,
 * concatenation, split, join, search, replace, comparison, UTF-8 and UCS-4 views), the
 * methods, and the codecs (encoding with every error handler).
 *
 * Wrong-type arguments go only to functions that check their type in CPython 3.11: some
 * (PyUnicode_FindChar, PyUnicode_Substring, PyUnicode_CompareWithASCIIString) assume a str
 * and crash on anything else, in CPython as in any faithful copy. */
#include <string.h>

#include "fuzz.h"

static PyObject *pool_str_or_new(void) {
    PyObject *o = rng_chance(40) ? pool_find(is_str) : NULL;
    return o != NULL ? Py_NewRef(o) : new_str();
}

/* --- Construction ------------------------------------------------------------------------ */

static void str_new(void) {
    Py_ssize_t size;
    const char *text;
    switch (rng_below(11)) {
    case 0:
        text = random_cstr(0, &size);
        call_begin("PyUnicode_FromString");
        arg_cstr(text);
        call_args_done();
        result_keep(PyUnicode_FromString(text));
        break;
    case 1: {
        text = random_cstr(0, &size);
        Py_ssize_t n = rng_chance(80) ? (Py_ssize_t)rng_below((unsigned)size + 1) : -1;
        call_begin("PyUnicode_FromStringAndSize");
        arg_cstr(text);
        arg_long(n);
        call_args_done();
        result_keep(PyUnicode_FromStringAndSize(text, n));
        break;
    }
    case 2: {
        static const long kOrdinals[] = {0,      'a',     0x7F,     0x80,     0xFF, 0x100,   0xD800,
                                         0xFFFF, 0x10000, 0x10FFFF, 0x110000, -1,   0x1F600, 0x3A9};
        long ordinal = RNG_PICK(kOrdinals);
        call_begin("PyUnicode_FromOrdinal");
        arg_long(ordinal);
        call_args_done();
        result_keep(PyUnicode_FromOrdinal((int)ordinal));
        break;
    }
    case 3: {
        static const int kKinds[] = {PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND,
                                     PyUnicode_4BYTE_KIND};
        int kind = RNG_PICK(kKinds);
        Py_UCS4 buffer[8];
        int n = (int)rng_below(8);
        for (int i = 0; i < n; i++) {
            Py_UCS4 limit = kind == 1 ? 0x100 : kind == 2 ? 0x10000 : 0x110000;
            /* Only valid code points: CPython 3.11 does not check them (a debug build asserts). */
            Py_UCS4 c = rng_chance(60) ? (Py_UCS4)rng_range(32, 126) : (Py_UCS4)rng_below(limit);
            buffer[i] = c;
        }
        unsigned char data[32];
        for (int i = 0; i < n; i++) {
            if (kind == 1)
                data[i] = (unsigned char)buffer[i];
            else if (kind == 2) {
                Py_UCS2 c = (Py_UCS2)buffer[i];
                memcpy(data + (Py_ssize_t)i * 2, &c, 2);
            } else
                memcpy(data + (Py_ssize_t)i * 4, &buffer[i], 4);
        }
        call_begin("PyUnicode_FromKindAndData");
        arg_long(kind);
        for (int i = 0; i < n; i++)
            arg_long(buffer[i] & (kind == 1 ? 0xFF : kind == 2 ? 0xFFFF : 0xFFFFFFFF));
        call_args_done();
        result_keep(PyUnicode_FromKindAndData(kind, data, n));
        break;
    }
    case 4:
    case 5: {
        const char *data = rng_chance(50) ? random_bytes(0, &size) : random_cstr(0, &size);
        const char *errors = rng_chance(50) ? NULL : random_errors();
        int which = (int)rng_below(4);
        static const char *const kNames[] = {"PyUnicode_DecodeUTF8", "PyUnicode_DecodeUTF8Stateful",
                                             "PyUnicode_DecodeLatin1", "PyUnicode_DecodeASCII"};
        call_begin(kNames[which]);
        arg_bytes(data, size);
        arg_cstr(errors);
        call_args_done();
        Py_ssize_t consumed = -7;
        PyObject *r = which == 0   ? PyUnicode_DecodeUTF8(data, size, errors)
                      : which == 1 ? PyUnicode_DecodeUTF8Stateful(data, size, errors, &consumed)
                      : which == 2 ? PyUnicode_DecodeLatin1(data, size, errors)
                                   : PyUnicode_DecodeASCII(data, size, errors);
        if (which == 1 && r != NULL) printf("consumed %zd, ", consumed);
        result_keep(r);
        break;
    }
    case 6: {
        PyObject *o = arg_any();
        line_unary(PyUnicode_FromObject, "PyUnicode_FromObject", o, 1);
        Py_DECREF(o);
        break;
    }
    case 7: {
        PyObject *s = pool_str_or_new();
        Py_ssize_t start = rng_range(-2, 10), end = rng_range(-2, 12);
        call_begin("PyUnicode_Substring");
        arg_obj(s);
        arg_long(start);
        arg_long(end);
        call_args_done();
        result_keep(PyUnicode_Substring(s, start, end));
        Py_DECREF(s);
        break;
    }
    case 8: {
        /* PyUnicode_New + PyUnicode_WriteChar: a fresh string is the only one that may change. */
        static const Py_UCS4 kMax[] = {0x7F, 0xFF, 0xFFFF, 0x10FFFF};
        Py_ssize_t n = rng_range(1, 5);
        Py_UCS4 maxchar = RNG_PICK(kMax);
        PyObject *s = PyUnicode_New(n, maxchar);
        if (s == NULL) {
            PyErr_Clear();
            break;
        }
        for (Py_ssize_t i = 0; i < n; i++) PyUnicode_WriteChar(s, i, 'a'); /* no garbage */
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c =
                rng_chance(85) ? (Py_UCS4)rng_range('a', 'z') : (Py_UCS4)rng_below(maxchar + 2);
            Py_ssize_t index = rng_chance(95) ? i : n;
            call_begin("PyUnicode_WriteChar");
            arg_text("PyUnicode_New");
            arg_long(n);
            arg_long(maxchar);
            arg_long(index);
            arg_long(c);
            call_args_done();
            result_long(PyUnicode_WriteChar(s, index, c));
        }
        /* A string whose characters do not need the kind maxchar chose (a UCS-2 "z") is not
         * canonical: CPython's own consistency check fails on it and its kind shows through
         * (isascii, the kind of a string it is formatted into), where minipy's may not. It is
         * printed but not kept. */
        Py_UCS4 largest = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_ReadChar(s, i);
            if (c > largest) largest = c;
        }
        int canonical = maxchar == 0x7F || (maxchar == 0xFF && largest >= 0x80) ||
                        (maxchar == 0xFFFF && largest >= 0x100) || largest >= 0x10000;
        call_begin("str");
        arg_text("the string written");
        call_args_done();
        if (canonical)
            result_keep(s);
        else
            result_drop(s);
        break;
    }
    case 9: {
        text = random_cstr(0, &size);
        call_begin("PyUnicode_InternFromString");
        arg_cstr(text);
        call_args_done();
        result_keep(PyUnicode_InternFromString(text));
        break;
    }
    default: str_new_from_format(); break;
    }
}

/* --- The PyUnicode_* API ---------------------------------------------------------------- */

static void str_api(void) {
    PyObject *s = pool_str_or_new();
    switch (rng_below(20)) {
    case 0: {
        PyObject *o = rng_chance(90) ? Py_NewRef(s) : arg_any();
        line_unary_size(PyUnicode_GetLength, "PyUnicode_GetLength", o);
        Py_DECREF(o);
        break;
    }
    case 1: {
        Py_ssize_t index = rng_range(-2, 8);
        call_begin("PyUnicode_ReadChar");
        arg_obj(s);
        arg_long(index);
        call_args_done();
        result_long((long long)PyUnicode_ReadChar(s, index));
        break;
    }
    case 2: {
        PyObject *other = arg_str(), *left = rng_chance(90) ? Py_NewRef(s) : arg_any();
        call_begin("PyUnicode_Concat");
        arg_obj(left);
        arg_obj(other);
        call_args_done();
        result_keep(PyUnicode_Concat(left, other));
        Py_DECREF(left);
        Py_DECREF(other);
        break;
    }
    case 3: {
        /* PyUnicode_Append works in place on its own reference: give it a copy. */
        PyObject *left = PyUnicode_Substring(s, 0, PY_SSIZE_T_MAX);
        PyObject *right = arg_str();
        int and_del = rng_chance(50);
        call_begin(and_del ? "PyUnicode_AppendAndDel" : "PyUnicode_Append");
        arg_obj(left);
        arg_obj(right);
        call_args_done();
        if (and_del) {
            PyUnicode_AppendAndDel(&left, right);
        } else {
            PyUnicode_Append(&left, right);
            Py_DECREF(right);
        }
        result_keep(left);
        break;
    }
    case 4: {
        PyObject *sep = rng_chance(30)   ? Py_NewRef(Py_None)
                        : rng_chance(80) ? new_str()
                                         : arg_any();
        Py_ssize_t maxsplit = rng_range(-2, 4);
        PyObject *target = rng_chance(95) ? Py_NewRef(s) : arg_any();
        call_begin("PyUnicode_Split");
        arg_obj(target);
        arg_obj(sep);
        arg_long(maxsplit);
        call_args_done();
        result_keep(PyUnicode_Split(target, sep, maxsplit));
        Py_DECREF(target);
        Py_DECREF(sep);
        break;
    }
    case 5: {
        PyObject *seq = arg_any();
        PyObject *sep = rng_chance(85) ? Py_NewRef(s) : arg_any();
        call_begin("PyUnicode_Join");
        arg_obj(sep);
        arg_obj(seq);
        call_args_done();
        result_keep(PyUnicode_Join(sep, seq));
        Py_DECREF(seq);
        Py_DECREF(sep);
        break;
    }
    case 6:
    case 7: {
        PyObject *sub = arg_str();
        Py_ssize_t start = rng_range(-3, 6),
                   end = rng_chance(30) ? PY_SSIZE_T_MAX : rng_range(-3, 10);
        int direction = rng_chance(50) ? 1 : -1;
        int which = (int)rng_below(3);
        call_begin(which == 0   ? "PyUnicode_Find"
                   : which == 1 ? "PyUnicode_Count"
                                : "PyUnicode_Tailmatch");
        arg_obj(s);
        arg_obj(sub);
        arg_long(start);
        arg_long(end);
        if (which != 1) arg_long(direction);
        call_args_done();
        result_long(which == 0   ? PyUnicode_Find(s, sub, start, end, direction)
                    : which == 1 ? PyUnicode_Count(s, sub, start, end)
                                 : PyUnicode_Tailmatch(s, sub, start, end, direction));
        Py_DECREF(sub);
        break;
    }
    case 8: {
        Py_UCS4 ch = PyUnicode_GetLength(s) > 0 && rng_chance(70)
                         ? PyUnicode_ReadChar(s, rng_below((unsigned)PyUnicode_GetLength(s)))
                         : (Py_UCS4)rng_range('a', 'd');
        Py_ssize_t start = rng_range(-3, 6),
                   end = rng_chance(20) ? PY_SSIZE_T_MAX : rng_range(-3, 10);
        int direction = rng_chance(50) ? 1 : -1;
        call_begin("PyUnicode_FindChar");
        arg_obj(s);
        arg_long(ch);
        arg_long(start);
        arg_long(end);
        arg_long(direction);
        call_args_done();
        result_long(PyUnicode_FindChar(s, ch, start, end, direction));
        break;
    }
    case 9: {
        PyObject *old = arg_str(), *replacement = arg_str();
        Py_ssize_t count = rng_range(-2, 3);
        if (size_of(s) * (size_of(replacement) + 1) > 300) count = 1;
        call_begin("PyUnicode_Replace");
        arg_obj(s);
        arg_obj(old);
        arg_obj(replacement);
        arg_long(count);
        call_args_done();
        result_keep(PyUnicode_Replace(s, old, replacement, count));
        Py_DECREF(old);
        Py_DECREF(replacement);
        break;
    }
    case 10: {
        PyObject *other = arg_str();
        call_begin("PyUnicode_Compare");
        arg_obj(s);
        arg_obj(other);
        call_args_done();
        result_long(PyUnicode_Compare(s, other));
        Py_DECREF(other);
        break;
    }
    case 11: {
        Py_ssize_t size;
        const char *ascii = rng_chance(50) ? PyUnicode_AsUTF8(s) : random_cstr(0, &size);
        if (ascii == NULL) PyErr_Clear(), ascii = "";
        char copy[160];
        snprintf(copy, sizeof copy, "%s", ascii);
        /* The C string must be ASCII (CPython asserts it); cut at the first other byte. */
        for (char *c = copy; *c != '\0'; c++)
            if ((unsigned char)*c >= 0x80) *c = '\0';
        if (rng_chance(30) && copy[0] != '\0') copy[strlen(copy) - 1] = '\0';
        call_begin("PyUnicode_CompareWithASCIIString");
        arg_obj(s);
        arg_cstr(copy);
        call_args_done();
        result_long(PyUnicode_CompareWithASCIIString(s, copy));
        break;
    }
    case 12: {
        PyObject *sub = arg_str(), *container = rng_chance(90) ? Py_NewRef(s) : arg_any();
        call_begin("PyUnicode_Contains");
        arg_obj(container);
        arg_obj(sub);
        call_args_done();
        result_long(PyUnicode_Contains(container, sub));
        Py_DECREF(sub);
        Py_DECREF(container);
        break;
    }
    case 13: {
        PyObject *other = rng_chance(80) ? arg_str() : arg_any();
        int op = (int)rng_below(6);
        static const char *const kOps[] = {"Py_LT", "Py_LE", "Py_EQ", "Py_NE", "Py_GT", "Py_GE"};
        call_begin("PyUnicode_RichCompare");
        arg_obj(s);
        arg_obj(other);
        arg_text(kOps[op]);
        call_args_done();
        result_keep(PyUnicode_RichCompare(s, other, op));
        Py_DECREF(other);
        break;
    }
    case 14: {
        PyObject *o = rng_chance(90) ? Py_NewRef(s) : arg_any();
        Py_ssize_t size = -7;
        int with_size = rng_chance(50);
        call_begin(with_size ? "PyUnicode_AsUTF8AndSize" : "PyUnicode_AsUTF8");
        arg_obj(o);
        call_args_done();
        const char *utf8 = with_size ? PyUnicode_AsUTF8AndSize(o, &size) : PyUnicode_AsUTF8(o);
        if (with_size)
            result_bytes(utf8, size);
        else
            result_cstr(utf8);
        Py_DECREF(o);
        break;
    }
    case 15: {
        Py_UCS4 *copy = PyUnicode_AsUCS4Copy(s);
        call_begin("PyUnicode_AsUCS4Copy");
        arg_obj(s);
        call_args_done();
        if (copy == NULL) {
            result_long(-1);
            break;
        }
        char text[400] = "";
        Py_ssize_t n = PyUnicode_GetLength(s);
        for (Py_ssize_t i = 0; i <= n && strlen(text) < sizeof text - 12; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text), "%lx ",
                     (unsigned long)copy[i]);
        PyMem_Free(copy);
        result_text(text);
        break;
    }
    case 16: {
        Py_UCS4 buffer[6];
        Py_ssize_t room = rng_range(0, 6);
        int copy_null = rng_chance(50);
        memset(buffer, 0xEE, sizeof buffer);
        call_begin("PyUnicode_AsUCS4");
        arg_obj(s);
        arg_long(room);
        arg_long(copy_null);
        call_args_done();
        Py_UCS4 *r = PyUnicode_AsUCS4(s, buffer, room, copy_null);
        if (r == NULL) {
            result_long(-1);
            break;
        }
        char text[200] = "";
        for (Py_ssize_t i = 0; i < room; i++)
            snprintf(text + strlen(text), sizeof text - strlen(text), "%lx ",
                     (unsigned long)buffer[i]);
        result_text(text);
        break;
    }
    default: {
        PyObject *o = rng_chance(90) ? Py_NewRef(s) : arg_any();
        static const char *const kNames[] = {"PyUnicode_AsUTF8String", "PyUnicode_AsASCIIString",
                                             "PyUnicode_AsLatin1String"};
        int which = (int)rng_below(3);
        call_begin(kNames[which]);
        arg_obj(o);
        call_args_done();
        result_keep(which == 0   ? PyUnicode_AsUTF8String(o)
                    : which == 1 ? PyUnicode_AsASCIIString(o)
                                 : PyUnicode_AsLatin1String(o));
        Py_DECREF(o);
        break;
    }
    }
    Py_DECREF(s);
}

/* --- Codecs -------------------------------------------------------------------------------- */

static void str_codecs(void) {
    if (rng_chance(50)) {
        PyObject *s = rng_chance(90) ? pool_str_or_new() : arg_any();
        const char *encoding = rng_chance(20) ? NULL : random_encoding();
        const char *errors = rng_chance(30) ? NULL : random_errors();
        call_begin("PyUnicode_AsEncodedString");
        arg_obj(s);
        arg_cstr(encoding);
        arg_cstr(errors);
        call_args_done();
        result_keep(PyUnicode_AsEncodedString(s, encoding, errors));
        Py_DECREF(s);
    } else {
        Py_ssize_t size;
        const char *data = rng_chance(50) ? random_bytes(0, &size) : random_cstr(0, &size);
        const char *encoding = rng_chance(20) ? NULL : random_encoding();
        const char *errors = rng_chance(30) ? NULL : random_errors();
        call_begin("PyUnicode_Decode");
        arg_bytes(data, size);
        arg_cstr(encoding);
        arg_cstr(errors);
        call_args_done();
        result_keep(PyUnicode_Decode(data, size, encoding, errors));
    }
}

/* --- Methods --------------------------------------------------------------------------------- */

static const MethodSpec kStrMethods[] = {
    {"encode", "|er", "encoding errors"},
    {"upper", "", NULL},
    {"lower", "", NULL},
    {"join", "o", NULL},
    {"split", "|cN", "sep maxsplit"},
    {"rsplit", "|cN", "sep maxsplit"},
    {"strip", "|c", NULL},
    {"lstrip", "|c", NULL},
    {"rstrip", "|c", NULL},
    {"startswith", "t|nn", NULL},
    {"endswith", "t|nn", NULL},
    {"find", "s|nn", NULL},
    {"rfind", "s|nn", NULL},
    {"index", "s|nn", NULL},
    {"rindex", "s|nn", NULL},
    {"count", "s|nn", NULL},
    {"replace", "ss|N", NULL},
    {"isdigit", "", NULL},
    {"isdecimal", "", NULL},
    {"isnumeric", "", NULL},
    {"isalpha", "", NULL},
    {"isalnum", "", NULL},
    {"isspace", "", NULL},
    {"islower", "", NULL},
    {"isupper", "", NULL},
    {"isascii", "", NULL},
    {"isprintable", "", NULL},
};

static void str_methods(void) {
    PyObject *s = pool_str_or_new();
    CALL_RANDOM_METHOD(s, kStrMethods);
    Py_DECREF(s);
}

const Family kTextFamilies[] = {
    {"str_new", str_new, 5},         {"str_api", str_api, 8}, {"str_codecs", str_codecs, 3},
    {"str_methods", str_methods, 8}, {NULL, NULL, 0},
};
