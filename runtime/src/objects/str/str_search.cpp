// Searching and cutting strings: find, count, contains, tailmatch, replace, split, strip
// and join, with the index rules of Python's str methods (CPython's ADJUST_INDICES).
//
// Searching is a plain scan that checks the first code point before comparing the rest:
// O(len(hay) * len(needle)) in the worst case where CPython's fastsearch is sub-quadratic.
// A needle whose kind is wider than the haystack's cannot occur in it (kinds are
// canonical), which settles many mixed-kind searches at once.
#include <cstring>
#include <initializer_list>

#include "args/method_args.hpp"
#include "minipy/listobject.h"
#include "minipy/pyerrors.h"
#include "minipy/pymem.h"
#include "minipy/unicodeobject.h"
#include "objects/str/str_internal.hpp"

namespace minipy::runtime {

namespace {

// Whether needle occurs at hay[pos] (both in range).
bool matches_at(int hk, const void *hd, Py_ssize_t pos, int nk, const void *nd,
                Py_ssize_t nlen) noexcept {
    if (hk == nk)
        return std::memcmp(static_cast<const char *>(hd) + pos * hk, nd,
                           static_cast<size_t>(nlen * nk)) == 0;
    for (Py_ssize_t i = 0; i < nlen; ++i)
        if (PyUnicode_READ(hk, hd, pos + i) != PyUnicode_READ(nk, nd, i)) return false;
    return true;
}

}  // namespace

Py_ssize_t unicode_find_in(PyObject *hay, PyObject *needle, Py_ssize_t start, Py_ssize_t end,
                           int direction) noexcept {
    const Py_ssize_t nlen = PyUnicode_GET_LENGTH(needle);
    if (end - start < nlen) return -1;
    if (nlen == 0) return direction > 0 ? start : end;
    const int hk = PyUnicode_KIND(hay), nk = PyUnicode_KIND(needle);
    if (nk > hk) return -1;
    const void *hd = PyUnicode_DATA(hay), *nd = PyUnicode_DATA(needle);
    const Py_UCS4 first = PyUnicode_READ(nk, nd, 0);
    const Py_ssize_t last_start = end - nlen;
    if (direction > 0) {
        for (Py_ssize_t i = start; i <= last_start; ++i)
            if (PyUnicode_READ(hk, hd, i) == first && matches_at(hk, hd, i, nk, nd, nlen)) return i;
    } else {
        for (Py_ssize_t i = last_start; i >= start; --i)
            if (PyUnicode_READ(hk, hd, i) == first && matches_at(hk, hd, i, nk, nd, nlen)) return i;
    }
    return -1;
}

Py_ssize_t unicode_count_in(PyObject *hay, PyObject *needle, Py_ssize_t start, Py_ssize_t end,
                            Py_ssize_t maxcount) noexcept {
    if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
    if (end < start) return 0;
    const Py_ssize_t nlen = PyUnicode_GET_LENGTH(needle);
    if (nlen == 0) return end - start + 1 < maxcount ? end - start + 1 : maxcount;
    Py_ssize_t count = 0;
    while (count < maxcount) {
        Py_ssize_t at = unicode_find_in(hay, needle, start, end, 1);
        if (at < 0) break;
        ++count;
        start = at + nlen;
    }
    return count;
}

PyObject *unicode_split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit, bool from_right) noexcept {
    if (maxsplit < 0) maxsplit = PY_SSIZE_T_MAX;
    PyObject *list = PyList_New(0);
    if (list == nullptr) return nullptr;
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    auto add = [&](Py_ssize_t from, Py_ssize_t to) noexcept -> bool {
        PyObject *piece = unicode_substring(s, from, to);
        if (piece == nullptr) return false;
        int r = PyList_Append(list, piece);
        Py_DECREF(piece);
        return r == 0;
    };
    auto space = [&](Py_ssize_t i) noexcept {
        return _PyUnicode_IsWhitespace(PyUnicode_READ(kind, data, i)) != 0;
    };
    bool ok = true;
    if (sep == nullptr && !from_right) {
        Py_ssize_t i = 0;
        while (ok && maxsplit-- > 0) {
            while (i < n && space(i)) ++i;
            if (i == n) break;
            Py_ssize_t j = i++;
            while (i < n && !space(i)) ++i;
            ok = add(j, i);
        }
        if (ok && i < n) {  // maxsplit reached: the rest, less its leading whitespace
            while (i < n && space(i)) ++i;
            if (i != n) ok = add(i, n);
        }
    } else if (sep == nullptr) {
        Py_ssize_t i = n - 1;
        while (ok && maxsplit-- > 0) {
            while (i >= 0 && space(i)) --i;
            if (i < 0) break;
            Py_ssize_t j = i--;
            while (i >= 0 && !space(i)) --i;
            ok = add(i + 1, j + 1);
        }
        if (ok && i >= 0) {
            while (i >= 0 && space(i)) --i;
            if (i >= 0) ok = add(0, i + 1);
        }
    } else if (!from_right) {
        const Py_ssize_t seplen = PyUnicode_GET_LENGTH(sep);
        Py_ssize_t i = 0;
        while (ok && maxsplit-- > 0) {
            Py_ssize_t at = unicode_find_in(s, sep, i, n, 1);
            if (at < 0) break;
            ok = add(i, at);
            i = at + seplen;
        }
        if (ok) ok = add(i, n);
    } else {
        const Py_ssize_t seplen = PyUnicode_GET_LENGTH(sep);
        Py_ssize_t j = n;
        while (ok && maxsplit-- > 0) {
            Py_ssize_t at = unicode_find_in(s, sep, 0, j, -1);
            if (at < 0) break;
            ok = add(at + seplen, j);
            j = at;
        }
        if (ok) ok = add(0, j);
    }
    if (ok && from_right && PyList_Reverse(list) < 0) ok = false;
    if (!ok) Py_CLEAR(list);
    return list;
}

PyObject *unicode_strip(PyObject *s, PyObject *chars, int which) noexcept {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t start = 0, end = PyUnicode_GET_LENGTH(s);
    auto strippable = [&](Py_UCS4 ch) noexcept {
        if (chars == nullptr) return _PyUnicode_IsWhitespace(ch) != 0;
        return PyUnicode_FindChar(chars, ch, 0, PyUnicode_GET_LENGTH(chars), 1) >= 0;
    };
    if (which <= 0)
        while (start < end && strippable(PyUnicode_READ(kind, data, start))) ++start;
    if (which >= 0)
        while (end > start && strippable(PyUnicode_READ(kind, data, end - 1))) --end;
    return unicode_substring(s, start, end);
}

}  // namespace minipy::runtime

using namespace minipy::runtime;

namespace {

bool check_str_pair(PyObject *a, PyObject *b) noexcept {
    return ensure_str(a) && ensure_str(b);
}

}  // namespace

extern "C" Py_ssize_t PyUnicode_Find(PyObject *str, PyObject *substr, Py_ssize_t start,
                                     Py_ssize_t end, int direction) noexcept {
    if (!check_str_pair(str, substr)) return -2;
    args::adjust_indices(PyUnicode_GET_LENGTH(str), &start, &end);
    return unicode_find_in(str, substr, start, end, direction);
}

// start and end are clipped like a slice's. (CPython checks nothing; a non-str is refused.)
extern "C" Py_ssize_t PyUnicode_FindChar(PyObject *str, Py_UCS4 ch, Py_ssize_t start,
                                         Py_ssize_t end, int direction) noexcept {
    if (str == nullptr || !PyUnicode_Check(str)) {
        PyErr_BadInternalCall();
        return -2;
    }
    args::adjust_indices(PyUnicode_GET_LENGTH(str), &start, &end);
    const int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    if (direction > 0) {
        for (Py_ssize_t i = start; i < end; ++i)
            if (PyUnicode_READ(kind, data, i) == ch) return i;
    } else {
        for (Py_ssize_t i = end - 1; i >= start; --i)
            if (PyUnicode_READ(kind, data, i) == ch) return i;
    }
    return -1;
}

extern "C" Py_ssize_t PyUnicode_Count(PyObject *str, PyObject *substr, Py_ssize_t start,
                                      Py_ssize_t end) noexcept {
    if (!check_str_pair(str, substr)) return -1;
    args::adjust_indices(PyUnicode_GET_LENGTH(str), &start, &end);
    return unicode_count_in(str, substr, start, end, -1);
}

extern "C" int PyUnicode_Contains(PyObject *container, PyObject *element) noexcept {
    if (element == nullptr || !PyUnicode_Check(element)) {
        PyErr_Format(PyExc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                     element ? Py_TYPE(element)->tp_name : "NULL");
        return -1;
    }
    if (!ensure_str(container)) return -1;
    return unicode_find_in(container, element, 0, PyUnicode_GET_LENGTH(container), 1) >= 0;
}

extern "C" Py_ssize_t PyUnicode_Tailmatch(PyObject *str, PyObject *substr, Py_ssize_t start,
                                          Py_ssize_t end, int direction) noexcept {
    if (!check_str_pair(str, substr)) return -1;
    args::adjust_indices(PyUnicode_GET_LENGTH(str), &start, &end);
    const Py_ssize_t sublen = PyUnicode_GET_LENGTH(substr);
    end -= sublen;
    if (end < start) return 0;
    if (sublen == 0) return 1;
    const Py_ssize_t at = direction > 0 ? end : start;
    return matches_at(PyUnicode_KIND(str), PyUnicode_DATA(str), at, PyUnicode_KIND(substr),
                      PyUnicode_DATA(substr), sublen)
               ? 1
               : 0;
}

extern "C" PyObject *PyUnicode_Replace(PyObject *str, PyObject *substr, PyObject *replstr,
                                       Py_ssize_t maxcount) noexcept {
    if (!check_str_pair(str, substr) || !check_str_pair(str, replstr)) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    const Py_ssize_t sublen = PyUnicode_GET_LENGTH(substr);
    if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
    const Py_ssize_t count = unicode_count_in(str, substr, 0, n, maxcount);
    if (count == 0) return PyUnicode_FromObject(str);
    UnicodeWriter writer;
    Py_ssize_t i = 0;
    for (Py_ssize_t done = 0; done < count; ++done) {
        Py_ssize_t at;
        if (sublen == 0) {
            at = i;  // an empty needle matches before every character and at the end
        } else {
            at = unicode_find_in(str, substr, i, n, 1);
        }
        if (writer.write_substring(str, i, at) < 0 || writer.write_str(replstr) < 0) return nullptr;
        if (sublen == 0) {
            if (at < n && writer.write_substring(str, at, at + 1) < 0) return nullptr;
            i = at + 1;
        } else {
            i = at + sublen;
        }
    }
    if (i < n && writer.write_substring(str, i, n) < 0) return nullptr;
    return writer.finish();
}

// sep NULL splits on white space; anything else must be a str (None too, unlike str.split).
extern "C" PyObject *PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit) noexcept {
    if (!ensure_str(s) || (sep != nullptr && !ensure_str(sep))) return nullptr;
    if (sep != nullptr && PyUnicode_GET_LENGTH(sep) == 0) {
        PyErr_SetString(PyExc_ValueError, "empty separator");
        return nullptr;
    }
    return unicode_split(s, sep, maxsplit, false);
}

// CPython's order: the items are gathered first (PySequence_Fast), then an empty sequence is
// "" and one exact str is itself; only then is the separator checked, and only when it will
// be used (two items or more), before the items are.
extern "C" PyObject *PyUnicode_Join(PyObject *separator, PyObject *seq) noexcept {
    PyObject *fast = PySequence_Fast(seq, "can only join an iterable");
    if (fast == nullptr) return nullptr;
    PyObject *const *items = PySequence_Fast_ITEMS(fast);
    const Py_ssize_t count = PySequence_Fast_GET_SIZE(fast);
    PyObject *result = nullptr;
    Py_ssize_t total = 0;
    Py_UCS4 maxchar = 0;
    Py_ssize_t seplen = 0;
    if (count == 0) {
        result = unicode_get_empty();
        goto done;
    }
    if (count == 1 && PyUnicode_CheckExact(items[0])) {
        result = Py_NewRef(items[0]);
        goto done;
    }
    if (count == 1) {
        separator = nullptr;
    } else if (separator == nullptr) {
        separator = unicode_latin1_char(' ');
        if (separator == nullptr) goto done;
    } else if (!PyUnicode_Check(separator)) {
        PyErr_Format(PyExc_TypeError, "separator: expected str instance, %.80s found",
                     Py_TYPE(separator)->tp_name);
        goto done;
    } else {
        Py_INCREF(separator);
    }
    if (separator != nullptr) {
        seplen = PyUnicode_GET_LENGTH(separator);
        maxchar = PyUnicode_MAX_CHAR_VALUE(separator);
    }
    for (Py_ssize_t i = 0; i < count; ++i) {
        if (!PyUnicode_Check(items[i])) {
            PyErr_Format(PyExc_TypeError, "sequence item %zd: expected str instance, %.80s found",
                         i, Py_TYPE(items[i])->tp_name);
            goto release_separator;
        }
        const Py_ssize_t add = PyUnicode_GET_LENGTH(items[i]) + (i > 0 ? seplen : 0);
        if (add > PY_SSIZE_T_MAX - total) {
            PyErr_SetString(PyExc_OverflowError, "join() result is too long for a Python string");
            goto release_separator;
        }
        total += add;
        const Py_UCS4 m = PyUnicode_MAX_CHAR_VALUE(items[i]);
        if (m > maxchar) maxchar = m;
    }
    result = PyUnicode_New(total, maxchar);
    if (result != nullptr) {
        Py_ssize_t pos = 0;
        for (Py_ssize_t i = 0; i < count; ++i) {
            if (i > 0) {
                unicode_copy_characters(result, pos, separator, 0, seplen);
                pos += seplen;
            }
            unicode_copy_characters(result, pos, items[i], 0, PyUnicode_GET_LENGTH(items[i]));
            pos += PyUnicode_GET_LENGTH(items[i]);
        }
    }
release_separator:
    Py_XDECREF(separator);
done:
    Py_DECREF(fast);
    return result;
}
