// str: allocation, the cached singletons, accessors, concatenation, comparison, hashing and
// the interned-strings table; unicode_init / unicode_fini. The type's slots live in
// str_type.cpp, codecs in str_codecs.cpp (see str_internal.hpp for the map).
//
// Layout (CPython 3.11's compact form, PEP 393): one OBJ block holds the header and then the
// characters plus a NUL of the same width. ASCII strings use the short header
// (PyASCIIObject), so their characters are their UTF-8; every other string has the longer
// one (PyCompactUnicodeObject) with room for a pointer to its UTF-8 form, made on demand.
//
// Caches, as in CPython: the empty string and the 256 one-character Latin-1 strings are
// shared. They are ordinary heap objects that the cache holds one reference to; unicode_fini
// drops them, and after it nothing is cached any more (a late caller gets fresh objects).
//
// Interning: the table maps contents to one string without owning it (CPython 3.11's
// "mortal" interned strings): a string's deallocator takes it out of the table.
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "minipy/boolobject.h"
#include "minipy/bytesobject.h"
#include "minipy/objimpl.h"
#include "minipy/pyerrors.h"
#include "minipy/pyhash.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"
#include "objects/type/object_header_init.hpp"

namespace minipy::runtime {

namespace {

// Whether the singletons may be cached: true between unicode_init and unicode_fini.
bool g_caching = false;
PyObject *g_empty = nullptr;
PyObject *g_latin1[256] = {};

// --- The interned table ---------------------------------------------------------------
// Open addressing with linear probing over the strings' hashes; deletion shifts the
// following run back, so there are no tombstones. Capacity is a power of two, at most
// two thirds full. PyMem_Malloc.
PyObject **g_interned = nullptr;
Py_ssize_t g_interned_capacity = 0;
Py_ssize_t g_interned_used = 0;

constexpr Py_ssize_t kInternedMinCapacity = 64;

inline size_t interned_slot(Py_hash_t hash) noexcept {
    return static_cast<size_t>(hash) & static_cast<size_t>(g_interned_capacity - 1);
}

// The interned string equal to s, or NULL.
PyObject *interned_lookup(PyObject *s, Py_hash_t hash) noexcept {
    if (g_interned == nullptr) return nullptr;
    for (size_t i = interned_slot(hash);;
         i = (i + 1) & static_cast<size_t>(g_interned_capacity - 1)) {
        PyObject *entry = g_interned[i];
        if (entry == nullptr) return nullptr;
        if (_PyASCIIObject_CAST(entry)->hash == hash && unicode_equal(entry, s)) return entry;
    }
}

void interned_insert_unchecked(PyObject **table, Py_ssize_t capacity, PyObject *s) noexcept {
    size_t mask = static_cast<size_t>(capacity - 1);
    size_t i = static_cast<size_t>(_PyASCIIObject_CAST(s)->hash) & mask;
    while (table[i] != nullptr) i = (i + 1) & mask;
    table[i] = s;
}

// 0, or -1 when memory ran out (the table is then unchanged).
int interned_grow_if_needed() noexcept {
    if ((g_interned_used + 1) * 3 <= g_interned_capacity * 2) return 0;
    Py_ssize_t capacity = g_interned_capacity == 0 ? kInternedMinCapacity : g_interned_capacity * 2;
    auto **table =
        static_cast<PyObject **>(PyMem_Calloc(static_cast<size_t>(capacity), sizeof(PyObject *)));
    if (table == nullptr) return -1;
    for (Py_ssize_t i = 0; i < g_interned_capacity; ++i)
        if (g_interned[i] != nullptr) interned_insert_unchecked(table, capacity, g_interned[i]);
    PyMem_Free(g_interned);
    g_interned = table;
    g_interned_capacity = capacity;
    return 0;
}

void interned_release_table() noexcept {
    for (Py_ssize_t i = 0; i < g_interned_capacity; ++i)
        if (g_interned[i] != nullptr)
            _PyASCIIObject_CAST(g_interned[i])->state.interned = SSTATE_NOT_INTERNED;
    PyMem_Free(g_interned);
    g_interned = nullptr;
    g_interned_capacity = g_interned_used = 0;
}

// A string of `size` characters with the header for maxchar; the characters are not set.
PyObject *unicode_allocate(Py_ssize_t size, Py_UCS4 maxchar) noexcept {
    const bool ascii = maxchar < 128;
    const int kind = unicode_kind_for(maxchar);
    const Py_ssize_t header =
        ascii ? Py_ssize_t{sizeof(PyASCIIObject)} : Py_ssize_t{sizeof(PyCompactUnicodeObject)};
    if (size > (PY_SSIZE_T_MAX - header) / kind - 1) return PyErr_NoMemory();
    void *block = PyObject_Malloc(static_cast<size_t>(header + (size + 1) * kind));
    if (block == nullptr) return PyErr_NoMemory();
    PyObject *op = init_object_header(static_cast<PyObject *>(block), &PyUnicode_Type);
    PyASCIIObject *head = _PyASCIIObject_CAST(op);
    head->length = size;
    head->hash = -1;
    head->state.interned = SSTATE_NOT_INTERNED;
    head->state.kind = static_cast<unsigned>(kind) & 7u;
    head->state.compact = 1;
    head->state.ascii = ascii ? 1 : 0;
    head->state.ready = 1;
    if (!ascii) {
        _PyCompactUnicodeObject_CAST(op)->utf8 = nullptr;
        _PyCompactUnicodeObject_CAST(op)->utf8_length = 0;
    }
    PyUnicode_WRITE(kind, PyUnicode_DATA(op), size, 0);
    return op;
}

}  // namespace

// --- Singletons -----------------------------------------------------------------------

PyObject *unicode_get_empty() noexcept {
    if (g_empty != nullptr) return Py_NewRef(g_empty);
    PyObject *empty = unicode_allocate(0, 0);
    if (empty != nullptr && g_caching) g_empty = Py_NewRef(empty);
    return empty;
}

PyObject *unicode_latin1_char(Py_UCS1 ch) noexcept {
    if (g_latin1[ch] != nullptr) return Py_NewRef(g_latin1[ch]);
    PyObject *s = unicode_allocate(1, ch);
    if (s == nullptr) return nullptr;
    PyUnicode_1BYTE_DATA(s)[0] = ch;
    if (g_caching) g_latin1[ch] = Py_NewRef(s);
    return s;
}

PyObject *unicode_char(Py_UCS4 ch) noexcept {
    if (ch < 256) return unicode_latin1_char(static_cast<Py_UCS1>(ch));
    PyObject *s = unicode_allocate(1, ch);
    if (s == nullptr) return nullptr;
    PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 0, ch);
    return s;
}

// --- Raw helpers ----------------------------------------------------------------------

Py_UCS4 unicode_find_maxchar(int kind, const void *data, Py_ssize_t n) noexcept {
    Py_UCS4 maxchar = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const auto *p = static_cast<const Py_UCS1 *>(data);
        for (Py_ssize_t i = 0; i < n; ++i) maxchar |= p[i];  // only the top bit matters < 256
        if (maxchar >= 128) {
            maxchar = 0;
            for (Py_ssize_t i = 0; i < n; ++i) maxchar = p[i] > maxchar ? p[i] : maxchar;
        }
        return maxchar;
    }
    for (Py_ssize_t i = 0; i < n; ++i) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch > maxchar) maxchar = ch;
    }
    return maxchar;
}

Py_UCS4 unicode_max_char(PyObject *str) noexcept {
    if (PyUnicode_IS_ASCII(str)) return 0x7f;
    return unicode_find_maxchar(PyUnicode_KIND(str), PyUnicode_DATA(str),
                                PyUnicode_GET_LENGTH(str));
}

void unicode_convert_units(int to_kind, void *to, int from_kind, const void *from,
                           Py_ssize_t n) noexcept {
    if (n <= 0) return;  // either pointer may be NULL then
    if (to_kind == from_kind) {
        std::memcpy(to, from, static_cast<size_t>(n) * static_cast<size_t>(to_kind));
        return;
    }
    for (Py_ssize_t i = 0; i < n; ++i)
        PyUnicode_WRITE(to_kind, to, i, PyUnicode_READ(from_kind, from, i));
}

void unicode_copy_characters(PyObject *to, Py_ssize_t to_start, PyObject *from,
                             Py_ssize_t from_start, Py_ssize_t n) noexcept {
    const int to_kind = PyUnicode_KIND(to), from_kind = PyUnicode_KIND(from);
    unicode_convert_units(
        to_kind, static_cast<char *>(PyUnicode_DATA(to)) + to_start * to_kind, from_kind,
        static_cast<const char *>(PyUnicode_DATA(from)) + from_start * from_kind, n);
}

PyObject *unicode_from_units(int kind, const void *data, Py_ssize_t n, Py_UCS4 maxchar) noexcept {
    if (n == 0) return unicode_get_empty();
    if (n == 1) return unicode_char(PyUnicode_READ(kind, data, 0));
    PyObject *s = unicode_allocate(n, maxchar);
    if (s == nullptr) return nullptr;
    unicode_convert_units(PyUnicode_KIND(s), PyUnicode_DATA(s), kind, data, n);
    return s;
}

PyObject *unicode_substring(PyObject *s, Py_ssize_t start, Py_ssize_t end) noexcept {
    if (start == 0 && end == PyUnicode_GET_LENGTH(s) && PyUnicode_CheckExact(s))
        return Py_NewRef(s);
    const int kind = PyUnicode_KIND(s);
    const char *data = static_cast<const char *>(PyUnicode_DATA(s)) + start * kind;
    const Py_ssize_t n = end - start;
    // An ASCII string's pieces are ASCII; otherwise the piece may be narrower than s.
    const Py_UCS4 maxchar = PyUnicode_IS_ASCII(s) ? 0x7f : unicode_find_maxchar(kind, data, n);
    return unicode_from_units(kind, data, n, maxchar);
}

bool ensure_str(PyObject *obj) noexcept {
    if (obj == nullptr) {
        PyErr_BadInternalCall();
        return false;
    }
    if (PyUnicode_Check(obj)) return true;
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(obj)->tp_name);
    return false;
}

// --- Comparison and hashing -----------------------------------------------------------

bool unicode_equal(PyObject *a, PyObject *b) noexcept {
    if (a == b) return true;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    if (n != PyUnicode_GET_LENGTH(b) || PyUnicode_KIND(a) != PyUnicode_KIND(b)) return false;
    return std::memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b),
                       static_cast<size_t>(n) * static_cast<size_t>(PyUnicode_KIND(a))) == 0;
}

int unicode_compare(PyObject *a, PyObject *b) noexcept {
    if (a == b) return 0;
    const Py_ssize_t na = PyUnicode_GET_LENGTH(a), nb = PyUnicode_GET_LENGTH(b);
    const Py_ssize_t common = na < nb ? na : nb;
    const int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    if (ka == PyUnicode_1BYTE_KIND && kb == PyUnicode_1BYTE_KIND) {
        int r = std::memcmp(da, db, static_cast<size_t>(common));
        if (r != 0) return r < 0 ? -1 : 1;
    } else {
        for (Py_ssize_t i = 0; i < common; ++i) {
            Py_UCS4 ca = PyUnicode_READ(ka, da, i), cb = PyUnicode_READ(kb, db, i);
            if (ca != cb) return ca < cb ? -1 : 1;
        }
    }
    return na < nb ? -1 : na > nb ? 1 : 0;
}

Py_hash_t unicode_hash(PyObject *s) noexcept {
    PyASCIIObject *head = _PyASCIIObject_CAST(s);
    if (head->hash != -1) return head->hash;
    // CPython hashes the characters as stored (length * kind bytes), so the hash of a
    // string depends on its contents only, kinds being canonical.
    head->hash = _Py_HashBytes(PyUnicode_DATA(s), head->length * PyUnicode_KIND(s));
    return head->hash;
}

// --- Interning ------------------------------------------------------------------------

void unicode_intern_forget(PyObject *s) noexcept {
    if (g_interned == nullptr) return;
    const size_t mask = static_cast<size_t>(g_interned_capacity - 1);
    size_t i = interned_slot(_PyASCIIObject_CAST(s)->hash);
    while (g_interned[i] != s) {
        if (g_interned[i] == nullptr) return;  // not here (cannot happen for an interned string)
        i = (i + 1) & mask;
    }
    // Backward-shift deletion: move later members of the run into the hole when their home
    // slot does not lie cyclically in (hole, j].
    size_t hole = i;
    for (size_t j = (i + 1) & mask; g_interned[j] != nullptr; j = (j + 1) & mask) {
        size_t home = interned_slot(_PyASCIIObject_CAST(g_interned[j])->hash);
        bool home_in_between = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (!home_in_between) {
            g_interned[hole] = g_interned[j];
            hole = j;
        }
    }
    g_interned[hole] = nullptr;
    --g_interned_used;
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

// --- Public API -------------------------------------------------------------------------

extern "C" PyObject *PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar) noexcept {
    if (size < 0) {
        PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_New");
        return nullptr;
    }
    if (maxchar > MAX_UNICODE) {
        PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
        return nullptr;
    }
    if (size == 0) return unicode_get_empty();
    return unicode_allocate(size, maxchar);
}

extern "C" PyObject *PyUnicode_FromKindAndData(int kind, const void *buffer,
                                               Py_ssize_t size) noexcept {
    if (size < 0) {
        PyErr_SetString(PyExc_ValueError, "size must be positive");
        return nullptr;
    }
    if (kind != PyUnicode_1BYTE_KIND && kind != PyUnicode_2BYTE_KIND &&
        kind != PyUnicode_4BYTE_KIND) {
        PyErr_SetString(PyExc_SystemError, "invalid kind");
        return nullptr;
    }
    if (size > 0 && buffer == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    // CPython builds the string with PyUnicode_New(size, maxchar), whose refusal of a code
    // point above U+10FFFF is what the caller sees.
    const Py_UCS4 maxchar = unicode_find_maxchar(kind, buffer, size);
    if (maxchar > MAX_UNICODE) {
        PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
        return nullptr;
    }
    return unicode_from_units(kind, buffer, size, maxchar);
}

extern "C" PyObject *PyUnicode_FromOrdinal(int ordinal) noexcept {
    if (ordinal < 0 || ordinal > MAX_UNICODE) {
        PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
        return nullptr;
    }
    return unicode_char(static_cast<Py_UCS4>(ordinal));
}

extern "C" PyObject *PyUnicode_FromObject(PyObject *obj) noexcept {
    if (PyUnicode_CheckExact(obj)) return Py_NewRef(obj);
    if (PyUnicode_Check(obj))
        return unicode_from_units(PyUnicode_KIND(obj), PyUnicode_DATA(obj),
                                  PyUnicode_GET_LENGTH(obj), unicode_max_char(obj));
    return PyErr_Format(PyExc_TypeError, "Can't convert '%.100s' object to str implicitly",
                        Py_TYPE(obj)->tp_name);
}

extern "C" Py_ssize_t PyUnicode_GetLength(PyObject *unicode) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return -1;
    }
    return PyUnicode_GET_LENGTH(unicode);
}

extern "C" Py_UCS4 PyUnicode_ReadChar(PyObject *unicode, Py_ssize_t index) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return static_cast<Py_UCS4>(-1);
    }
    if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return static_cast<Py_UCS4>(-1);
    }
    return PyUnicode_READ_CHAR(unicode, index);
}

extern "C" int PyUnicode_WriteChar(PyObject *unicode, Py_ssize_t index, Py_UCS4 ch) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadArgument();
        return -1;
    }
    if (index < 0 || index >= PyUnicode_GET_LENGTH(unicode)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    // A shared, hashed, interned or cached string must never change.
    bool cached = unicode == g_empty ||
                  (PyUnicode_GET_LENGTH(unicode) == 1 && PyUnicode_READ_CHAR(unicode, 0) < 256 &&
                   g_latin1[PyUnicode_READ_CHAR(unicode, 0)] == unicode);
    if (Py_REFCNT(unicode) != 1 || _PyASCIIObject_CAST(unicode)->hash != -1 ||
        PyUnicode_CHECK_INTERNED(unicode) || cached) {
        PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
        return -1;
    }
    if (ch > PyUnicode_MAX_CHAR_VALUE(unicode)) {
        PyErr_SetString(PyExc_ValueError, "character out of range");
        return -1;
    }
    PyUnicode_WRITE(PyUnicode_KIND(unicode), PyUnicode_DATA(unicode), index, ch);
    return 0;
}

extern "C" Py_UCS4 *PyUnicode_AsUCS4(PyObject *unicode, Py_UCS4 *buffer, Py_ssize_t buflen,
                                     int copy_null) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode) || buffer == nullptr || buflen < 0) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    if (buflen < n + (copy_null ? 1 : 0)) {
        PyErr_Format(PyExc_SystemError, "string is longer than the buffer");
        return nullptr;
    }
    unicode_convert_units(PyUnicode_4BYTE_KIND, buffer, PyUnicode_KIND(unicode),
                          PyUnicode_DATA(unicode), n);
    if (copy_null) buffer[n] = 0;
    return buffer;
}

extern "C" Py_UCS4 *PyUnicode_AsUCS4Copy(PyObject *unicode) noexcept {
    if (unicode == nullptr || !PyUnicode_Check(unicode)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(unicode);
    if (n >= PY_SSIZE_T_MAX / 4) {
        PyErr_NoMemory();
        return nullptr;
    }
    auto *buffer =
        static_cast<Py_UCS4 *>(PyMem_Malloc(static_cast<size_t>(n + 1) * sizeof(Py_UCS4)));
    if (buffer == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    return PyUnicode_AsUCS4(unicode, buffer, n + 1, 1);
}

extern "C" PyObject *PyUnicode_Substring(PyObject *str, Py_ssize_t start, Py_ssize_t end) noexcept {
    if (str == nullptr || !PyUnicode_Check(str)) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (start < 0 || end < 0) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return nullptr;
    }
    const Py_ssize_t length = PyUnicode_GET_LENGTH(str);
    if (end > length) end = length;
    if (start >= end) return unicode_get_empty();
    return unicode_substring(str, start, end);
}

extern "C" PyObject *PyUnicode_Concat(PyObject *left, PyObject *right) noexcept {
    if (!ensure_str(left)) return nullptr;
    if (right == nullptr) {
        PyErr_BadInternalCall();
        return nullptr;
    }
    if (!PyUnicode_Check(right))
        return PyErr_Format(PyExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                            Py_TYPE(right)->tp_name);
    const Py_ssize_t nl = PyUnicode_GET_LENGTH(left), nr = PyUnicode_GET_LENGTH(right);
    if (nl == 0) return PyUnicode_FromObject(right);
    if (nr == 0) return PyUnicode_FromObject(left);
    if (nl > PY_SSIZE_T_MAX - nr) {
        PyErr_SetString(PyExc_OverflowError, "strings are too large to concat");
        return nullptr;
    }
    const Py_UCS4 ml = PyUnicode_MAX_CHAR_VALUE(left), mr = PyUnicode_MAX_CHAR_VALUE(right);
    // Each side's kind is canonical, so the larger of the two kinds' limits gives the
    // canonical kind of the result without scanning the characters.
    PyObject *result = PyUnicode_New(nl + nr, ml > mr ? ml : mr);
    if (result == nullptr) return nullptr;
    unicode_copy_characters(result, 0, left, 0, nl);
    unicode_copy_characters(result, nl, right, 0, nr);
    return result;
}

extern "C" void PyUnicode_Append(PyObject **pleft, PyObject *right) noexcept {
    if (pleft == nullptr) {
        if (!PyErr_Occurred()) PyErr_BadInternalCall();
        return;
    }
    if (*pleft == nullptr || right == nullptr || !PyUnicode_Check(*pleft) ||
        !PyUnicode_Check(right)) {
        if (!PyErr_Occurred()) PyErr_BadInternalCall();
        Py_CLEAR(*pleft);
        return;
    }
    PyObject *result = PyUnicode_Concat(*pleft, right);
    Py_SETREF(*pleft, result);
}

extern "C" void PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right) noexcept {
    PyUnicode_Append(pleft, right);
    Py_XDECREF(right);
}

extern "C" int PyUnicode_Compare(PyObject *left, PyObject *right) noexcept {
    if (left != nullptr && right != nullptr && PyUnicode_Check(left) && PyUnicode_Check(right))
        return unicode_compare(left, right);
    PyErr_Format(PyExc_TypeError, "Can't compare %.100s and %.100s",
                 left ? Py_TYPE(left)->tp_name : "NULL", right ? Py_TYPE(right)->tp_name : "NULL");
    return -1;
}

// CPython's comparison, quirks included: a 1-byte string is compared bytewise with the C
// string (embedded NULs as ordinary bytes); a wider one character by character up to its
// first NUL or the C string's end, so that "\0\u03a9" is "longer" than "a" (1), not less.
extern "C" int PyUnicode_CompareWithASCIIString(PyObject *left, const char *right) noexcept {
    const int kind = PyUnicode_KIND(left);
    const void *data = PyUnicode_DATA(left);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(left);
    if (kind == PyUnicode_1BYTE_KIND) {
        const size_t right_length = std::strlen(right);
        const size_t common =
            static_cast<size_t>(n) < right_length ? static_cast<size_t>(n) : right_length;
        const int c = std::memcmp(data, right, common);
        if (c != 0) return c < 0 ? -1 : 1;
        if (static_cast<size_t>(n) != right_length)
            return static_cast<size_t>(n) > right_length ? 1 : -1;
        return 0;
    }
    Py_ssize_t i = 0;
    Py_UCS4 ch = 0;
    for (; (ch = i < n ? PyUnicode_READ(kind, data, i) : 0) != 0 && right[i] != '\0'; ++i) {
        const Py_UCS4 c = static_cast<unsigned char>(right[i]);
        if (ch != c) return ch < c ? -1 : 1;
    }
    if (i != n || ch != 0) return 1;  // left is longer, or stopped at one of its NULs
    return right[i] != '\0' ? -1 : 0;
}

namespace minipy::runtime {

bool unicode_equal_to_ascii(PyObject *s, const char *ascii) noexcept {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (!PyUnicode_IS_ASCII(s)) return false;
    return std::strlen(ascii) == static_cast<size_t>(n) &&
           std::memcmp(PyUnicode_DATA(s), ascii, static_cast<size_t>(n)) == 0;
}

}  // namespace minipy::runtime

extern "C" PyObject *PyUnicode_RichCompare(PyObject *left, PyObject *right, int op) noexcept {
    if (!PyUnicode_Check(left) || !PyUnicode_Check(right)) Py_RETURN_NOTIMPLEMENTED;
    if (op == Py_EQ || op == Py_NE) {
        bool equal = unicode_equal(left, right);
        return Py_NewRef((equal == (op == Py_EQ)) ? Py_True : Py_False);
    }
    const int c = unicode_compare(left, right);
    Py_RETURN_RICHCOMPARE(c, 0, op);
}

extern "C" void PyUnicode_InternInPlace(PyObject **p) noexcept {
    PyObject *s = p != nullptr ? *p : nullptr;
    if (s == nullptr || !PyUnicode_CheckExact(s)) return;
    if (PyUnicode_CHECK_INTERNED(s)) return;
    const Py_hash_t hash = unicode_hash(s);
    if (PyObject *existing = interned_lookup(s, hash); existing != nullptr) {
        Py_SETREF(*p, Py_NewRef(existing));
        return;
    }
    if (!g_caching || interned_grow_if_needed() < 0) return;  // stays un-interned, as CPython
    interned_insert_unchecked(g_interned, g_interned_capacity, s);
    ++g_interned_used;
    _PyASCIIObject_CAST(s)->state.interned = SSTATE_INTERNED_MORTAL;
}

extern "C" PyObject *PyUnicode_InternFromString(const char *cp) noexcept {
    PyObject *s = PyUnicode_FromString(cp);
    if (s == nullptr) return nullptr;
    PyUnicode_InternInPlace(&s);
    return s;
}

// --- Lifecycle ------------------------------------------------------------------------

namespace minipy::runtime {

int unicode_init() noexcept {
    if (PyType_Ready(&PyUnicode_Type) < 0 || PyType_Ready(&PyUnicodeIter_Type) < 0 ||
        PyType_Ready(&unicode_ascii_iter_type) < 0)
        return -1;
    g_caching = true;
    PyObject *empty = unicode_get_empty();
    if (empty == nullptr) {
        g_caching = false;
        return -1;
    }
    Py_DECREF(empty);  // the cache keeps its own reference
    return 0;
}

void unicode_fini() noexcept {
    g_caching = false;
    Py_CLEAR(g_empty);
    for (PyObject *&ch : g_latin1) Py_CLEAR(ch);
    // Strings still alive (held by parts finalized later) leave the table now, so their
    // deallocators never look at it again.
    interned_release_table();
}

}  // namespace minipy::runtime
