/* The fuzzer's live objects and its random values. The pool is kPoolSize slots of ordinary
 * values (None, bool, int, float, str, bytes, tuple, list, dict, set, frozenset, range, slice,
 * dict views) that operations take their arguments from and put their results back into, so
 * that long sequences build on each other: a list appended to here is sorted there, a dict
 * grown in one call is iterated in the next.
 *
 * What the pool refuses, and why (each would make the two builds differ for reasons that are
 * not bugs; fuzz_main.c has the full list):
 *   - NaN, and anything holding a NaN: containers compare items with an identity shortcut
 *     (x is y implies x == y), so a NaN's behaviour there depends on object identity;
 *   - None, and anything holding it (except a slice, which cannot be hashed): CPython 3.11
 *     hashes None by its address, so a set holding None, or a tuple with None in it, would
 *     iterate and hash differently. None is still passed as an argument everywhere. For the
 *     same reason, ranges of fewer than two items: 3.11 hashes them as (len, start, None) or
 *     (0, None, None);
 *   - objects hashed or printed by address (iterators, functions, types, dict values
 *     views): they live in a separate pool (iterators) or not at all;
 *   - objects too large to print in a line: the fuzzer finds bugs, not limits.
 * Values come from small alphabets rich in edge cases: digit-boundary ints (2**30, 2**63,
 * 2**64), subnormal and huge floats, non-ASCII and astral characters, case-changing letters
 * (ß, İ, ǅ, ﬁ), Unicode digits (٣, ²), invalid UTF-8 in C strings. */
#include <math.h>
#include <string.h>

#include "fuzz.h"

static PyObject *pool[kPoolSize];
/* A live iterator, and for one over a dict the dict, its version and its size when the
 * iterator was made (see iter_layout_dependent). */
typedef struct {
    PyObject *iterator;
    PyObject *dict;
    uint64_t version;
    Py_ssize_t size;
} LiveIterator;
static LiveIterator iterators[kIterPoolSize];

/* Objects seen (as arguments) to have grown too large to keep; pool_trim replaces them. */
enum { kOversizedMax = 8 };
static PyObject *oversized[kOversizedMax];
static int oversized_count = 0;

/* --- Kinds ---------------------------------------------------------------------------- */

int is_int(PyObject *o) {
    return PyLong_Check(o);
}
int is_number(PyObject *o) {
    return PyLong_Check(o) || PyFloat_Check(o);
}
int is_str(PyObject *o) {
    return PyUnicode_Check(o);
}
int is_bytes(PyObject *o) {
    return PyBytes_Check(o);
}
int is_tuple(PyObject *o) {
    return PyTuple_Check(o);
}
int is_list(PyObject *o) {
    return PyList_Check(o);
}
int is_dict(PyObject *o) {
    return PyDict_Check(o);
}
int is_anyset(PyObject *o) {
    return PyAnySet_Check(o);
}
int is_set(PyObject *o) {
    return PySet_Check(o);
}
int is_sequence_value(PyObject *o) {
    return PyUnicode_Check(o) || PyBytes_Check(o) || PyTuple_Check(o) || PyList_Check(o) ||
           PyRange_Check(o);
}

long int_bits(PyObject *o) {
    if (!PyLong_Check(o)) return -1;
    size_t bits = _PyLong_NumBits(o);
    return (long)bits;
}

Py_ssize_t size_of(PyObject *o) {
    if (PyLong_Check(o) || PyFloat_Check(o) || o == Py_None || PySlice_Check(o)) return -1;
    Py_ssize_t n = PyObject_Size(o);
    if (n < 0) PyErr_Clear();
    return n;
}

/* True for the kinds the pool holds, containers checked item by item (to `depth`). */
static int is_plain_value(PyObject *o, int depth) {
    if (depth > 8) return 0;
    if (PyBool_Check(o) || PyLong_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o)) return 1;
    if (PyRange_Check(o)) return size_of(o) >= 2 && size_of(o) <= 1000; /* count() may walk it */
    if (PyFloat_Check(o)) return !isnan(PyFloat_AS_DOUBLE(o));
    if (PySlice_Check(o)) {
        PySliceObject *s = (PySliceObject *)o;
        return (s->start == Py_None || is_plain_value(s->start, depth + 1)) &&
               (s->stop == Py_None || is_plain_value(s->stop, depth + 1)) &&
               (s->step == Py_None || is_plain_value(s->step, depth + 1));
    }
    if (PyTuple_Check(o) || PyList_Check(o)) {
        Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        if (n > 64) return 0;
        for (Py_ssize_t i = 0; i < n; i++)
            if (!is_plain_value(PySequence_Fast_GET_ITEM(o, i), depth + 1)) return 0;
        return 1;
    }
    if (PyDict_Check(o)) {
        if (PyDict_Size(o) > 64) return 0;
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(o, &pos, &key, &value))
            if (!is_plain_value(key, depth + 1) || !is_plain_value(value, depth + 1)) return 0;
        return 1;
    }
    if (PyAnySet_Check(o)) {
        if (PySet_Size(o) > 64) return 0;
        PyObject *it = PyObject_GetIter(o);
        if (it == NULL) return 0;
        int ok = 1;
        PyObject *item;
        while (ok && (item = PyIter_Next(it)) != NULL) {
            ok = is_plain_value(item, depth + 1);
            Py_DECREF(item);
        }
        Py_DECREF(it);
        return ok && !PyErr_Occurred();
    }
    /* dict views: what they show is their dict's. Not values views: they are hashed by
     * address (keys and items views are sets, so cannot be hashed). */
    if (PyObject_TypeCheck(o, &PyDictKeys_Type) || PyObject_TypeCheck(o, &PyDictItems_Type)) {
        PyObject *items = PySequence_List(o);
        int ok = items != NULL && is_plain_value(items, depth + 1);
        Py_XDECREF(items);
        PyErr_Clear();
        return ok;
    }
    return 0;
}

static int fits_a_line(PyObject *o) {
    if (PyLong_Check(o) && int_bits(o) > 4000) return 0;
    if ((PyUnicode_Check(o) || PyBytes_Check(o)) && size_of(o) > 300) return 0;
    Py_ssize_t length;
    repr_text(o, 0, &length);
    return length >= 0 && length <= 1500;
}

/* --- The pool --------------------------------------------------------------------------- */

PyObject *pool_any(void) {
    return pool[rng_below(kPoolSize)];
}

PyObject *pool_find(int (*accept)(PyObject *)) {
    unsigned start = rng_below(kPoolSize);
    for (unsigned i = 0; i < kPoolSize; i++) {
        PyObject *o = pool[(start + i) % kPoolSize];
        if (accept(o)) return o;
    }
    return NULL;
}

void pool_offer(PyObject *obj) {
    if (PyIter_Check(obj) && !PyUnicode_Check(obj)) {
        iter_offer(obj);
        return;
    }
    if (!rng_chance(60) || !is_plain_value(obj, 0) || !fits_a_line(obj)) {
        Py_DECREF(obj);
        return;
    }
    PyObject **slot = &pool[rng_below(kPoolSize)];
    PyObject *old = *slot;
    *slot = obj;
    Py_DECREF(old);
}

void pool_note_size(PyObject *obj, Py_ssize_t repr_length) {
    if ((repr_length < 0 || repr_length > 3000) && oversized_count < kOversizedMax)
        oversized[oversized_count++] = obj;
}

void pool_trim(void) {
    for (int k = 0; k < oversized_count; k++)
        for (int i = 0; i < kPoolSize; i++)
            if (pool[i] == oversized[k]) {
                PyObject *value = new_value();
                Py_SETREF(pool[i], value != NULL ? value : PyLong_FromLong(i));
                PyErr_Clear();
            }
    oversized_count = 0;
}

void pool_init(void) {
    /* Small ints first: new_value() takes items from the pool. */
    for (int i = 0; i < kPoolSize; i++) pool[i] = PyLong_FromLong(i);
    for (int i = 0; i < kPoolSize; i++) {
        PyObject *value = new_value();
        if (value != NULL) Py_SETREF(pool[i], value);
        PyErr_Clear();
    }
}

void pool_clear(void) {
    for (int i = 0; i < kPoolSize; i++) Py_CLEAR(pool[i]);
    for (int i = 0; i < kIterPoolSize; i++) {
        Py_CLEAR(iterators[i].iterator);
        Py_CLEAR(iterators[i].dict);
    }
}

PyObject *iter_any(void) {
    return iterators[rng_below(kIterPoolSize)].iterator;
}

static int is_dict_iterator(PyObject *o) {
    PyTypeObject *const types[] = {&PyDictIterKey_Type,      &PyDictIterValue_Type,
                                   &PyDictIterItem_Type,     &PyDictRevIterKey_Type,
                                   &PyDictRevIterValue_Type, &PyDictRevIterItem_Type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (Py_IS_TYPE(o, types[i])) return 1;
    return 0;
}

static int is_dict_view(PyObject *o) {
    return Py_IS_TYPE(o, &PyDictKeys_Type) || Py_IS_TYPE(o, &PyDictValues_Type) ||
           Py_IS_TYPE(o, &PyDictItems_Type);
}

void iter_offer_from(PyObject *iterator, PyObject *source) {
    PyObject *dict = NULL;
    if (source != NULL && PyDict_Check(source)) dict = source;
    if (source != NULL && is_dict_view(source))
        dict = (PyObject *)((_PyDictViewObject *)source)->dv_dict;
    if (!is_dict_iterator(iterator)) dict = NULL;
#ifdef FOUND_DICT_NO_UNICODE_KEYS
    /* A dict iterator whose dict is not known cannot be steered (iter_layout_dependent). */
    if (is_dict_iterator(iterator) && dict == NULL) {
        Py_DECREF(iterator);
        return;
    }
#endif
    LiveIterator *slot = &iterators[rng_below(kIterPoolSize)];
    Py_XSETREF(slot->iterator, iterator);
    Py_XSETREF(slot->dict, Py_XNewRef(dict));
    slot->version = dict != NULL ? ((PyDictObject *)dict)->ma_version_tag : 0;
    slot->size = dict != NULL ? PyDict_GET_SIZE(dict) : 0;
}

void iter_offer(PyObject *iterator) {
    iter_offer_from(iterator, NULL);
}

int iter_layout_dependent(PyObject *iterator) {
    for (int i = 0; i < kIterPoolSize; i++) {
        const LiveIterator *live = &iterators[i];
        if (live->iterator != iterator || live->dict == NULL) continue;
        return ((PyDictObject *)live->dict)->ma_version_tag != live->version &&
               PyDict_GET_SIZE(live->dict) == live->size;
    }
    return 0;
}

/* --- Alphabets -------------------------------------------------------------------------- */

/* Code points with something to say: ASCII letters and digits, whitespace of several kinds,
 * NUL, Latin-1, case changes that change length, digits that are not ASCII, BMP and astral
 * characters, and (rarely, at the end) a lone surrogate. */
static const Py_UCS4 kCodePoints[] = {
    'a',   'b',    'c',    'A',   'Z',  'x',  '0',    '1',    '7',  '9',  ' ',     ',',     '.',
    '-',   '_',    '+',    'e',   'j',  '\t', '\n',   '\0',   0xE9, 0xDF, 0xFF,    0x130,   0x1C5,
    0x3A9, 0x4E2D, 0xFB01, 0x663, 0xB2, 0xBD, 0x2028, 0x3000, 0x85, 0xA0, 0x1F600, 0x10400, 0xD800,
};

static const char *const kWords[] = {
    "",     "abc",  "a,b,,c", " x y ",    "123",   "-17",     "0x1f",   "1_000",  "3.5",
    "inf",  "-nan", "1e5",    "utf-8",    "ascii", "latin-1", "strict", "big",    "little",
    "a",    "ab",   "aaa",    "  ",       "0",     "+0",      "12e",    "\t42\n", "0b101",
    "0o17", "07",   "1__0",   "Infinity", "ß",     "İ",       "ǅǅ",     "٣٤",     "²",
};

PyObject *new_str(void) {
    if (rng_chance(30)) return PyUnicode_FromString(RNG_PICK(kWords));
    Py_UCS4 buffer[32];
    int n = (int)rng_below(rng_chance(10) ? 32 : 9);
    unsigned alphabet = (unsigned)(sizeof(kCodePoints) / sizeof(kCodePoints[0]));
    for (int i = 0; i < n; i++) {
        /* Most strings stay ASCII: CPython and minipy both have fast paths for them. */
        unsigned range = rng_chance(70) ? 20 : rng_chance(98) ? alphabet - 1 : alphabet;
        buffer[i] = kCodePoints[rng_below(range)];
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer, n);
}

static const char *const kByteWords[] = {
    "",     "ab",       "abc",      "a b",          "123",       "-5",
    "\xff", "\xc3\xa9", "\xe2\x82", "\xed\xa0\x80", "a\x80\x62", "\xf0\x9f\x98\x80",
    "x,y",  "AbC",
};

const char *random_bytes(int slot, Py_ssize_t *size) {
    static char buffers[4][40];
    char *out = buffers[slot & 3];
    if (rng_chance(40)) {
        const char *word = RNG_PICK(kByteWords);
        *size = (Py_ssize_t)strlen(word);
        memcpy(out, word, (size_t)*size + 1);
        return out;
    }
    static const char kBytes[] = "abcAB01 ,.\n\t";
    int n = (int)rng_below(rng_chance(10) ? 32 : 9);
    for (int i = 0; i < n; i++) {
        unsigned pick = rng_below(100);
        if (pick < 85)
            out[i] = kBytes[rng_below(sizeof(kBytes) - 1)];
        else if (pick < 90)
            out[i] = '\0';
        else
            out[i] = (char)(0x80 + rng_below(128));
    }
    out[n] = '\0';
    *size = n;
    return out;
}

const char *random_cstr(int slot, Py_ssize_t *size) {
    static char buffers[4][160];
    char *out = buffers[slot & 3];
    if (rng_chance(50)) {
        const char *word = RNG_PICK(kWords);
        *size = (Py_ssize_t)strlen(word);
        memcpy(out, word, (size_t)*size + 1);
        return out;
    }
    /* UTF-8 of random code points (no NUL, no surrogate), sometimes broken by a stray byte. */
    int length = 0;
    int n = (int)rng_below(9);
    for (int i = 0; i < n; i++) {
        Py_UCS4 c = kCodePoints[rng_below(sizeof(kCodePoints) / sizeof(kCodePoints[0]) - 1)];
        if (c == 0) c = 'q';
        if (c < 0x80) {
            out[length++] = (char)c;
        } else if (c < 0x800) {
            out[length++] = (char)(0xC0 | (c >> 6));
            out[length++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[length++] = (char)(0xE0 | (c >> 12));
            out[length++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[length++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[length++] = (char)(0xF0 | (c >> 18));
            out[length++] = (char)(0x80 | ((c >> 12) & 0x3F));
            out[length++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[length++] = (char)(0x80 | (c & 0x3F));
        }
    }
    if (rng_chance(8)) out[rng_below((unsigned)length + 1)] = (char)(0x80 + rng_below(128));
    out[length] = '\0';
    *size = length;
    return out;
}

const char *random_encoding(void) {
    static const char *const kNames[] = {
        "utf-8", "UTF-8", "utf8",     "u8",    "latin-1", "latin1",  "iso-8859-1", "l1",
        "ascii", "ASCII", "us-ascii", "bogus", "utf-9",   "no such", "utf-8",
    };
    return RNG_PICK(kNames);
}

const char *random_errors(void) {
    static const char *const kNames[] = {
        "strict",          "ignore",        "replace", "backslashreplace",
        "surrogateescape", "surrogatepass", "bogus",   "strict",
    };
    return RNG_PICK(kNames);
}

/* --- Numbers ---------------------------------------------------------------------------- */

static const char *const kIntTexts[] = {
    "0",
    "1",
    "-1",
    "255",
    "256",
    "1073741823",
    "1073741824",
    "-1073741824",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1152921504606846976",
    "1000000000000000000000",
    "-340282366920938463463374607431768211456",
};

PyObject *new_small_int(void) {
    return PyLong_FromLong(rng_range(-5, 20));
}

PyObject *new_int(void) {
    unsigned pick = rng_below(100);
    if (pick < 40) return PyLong_FromLong(rng_range(-5, 300));
    if (pick < 60) return PyLong_FromString(RNG_PICK(kIntTexts), NULL, 10);
    if (pick < 80) return PyLong_FromLongLong((long long)rng_next() >> rng_below(64));
    char digits[130];
    int n = 0;
    if (rng_chance(50)) digits[n++] = '-';
    digits[n++] = (char)('1' + rng_below(9));
    int count = (int)rng_range(15, 120);
    for (int i = 0; i < count; i++) digits[n++] = (char)('0' + rng_below(10));
    digits[n] = '\0';
    return PyLong_FromString(digits, NULL, 10);
}

static double random_double(int allow_nan) {
    static const double kSpecial[] = {
        0.0,
        -0.0,
        0.5,
        1.0,
        -1.5,
        2.5,
        1e16,
        1e300,
        -1e300,
        5e-324,
        2.2250738585072014e-308,
        0.1,
        1.0 / 3.0,
        1e22,
        9007199254740993.0,
        123.456,
        -2.5,
        1.7976931348623157e308,
        4.35,
        1e-7,
        0.0,
        -7.0,
    };
    unsigned pick = rng_below(100);
    if (pick < 45) return kSpecial[rng_below(sizeof(kSpecial) / sizeof(kSpecial[0]))];
    if (pick < 65) return (double)rng_range(-1000, 1000) / (double)(1 << rng_below(6));
    if (pick < 70) return rng_chance(50) ? INFINITY : -INFINITY;
    if (pick < 73 && allow_nan) return NAN;
    uint64_t bits = rng_next();
    double value;
    memcpy(&value, &bits, sizeof value);
    if (isnan(value) || isinf(value)) value = (double)(int64_t)bits;
    return value;
}

PyObject *new_float(int allow_nan) {
    return PyFloat_FromDouble(random_double(allow_nan));
}

/* --- Composite values ------------------------------------------------------------------- */

static PyObject *new_hashable_at(int depth) {
    unsigned pick = rng_below(depth > 1 ? 85 : 100);
    if (pick < 10) return PyBool_FromLong(rng_chance(50));
    if (pick < 35) return new_int();
    if (pick < 50) return new_float(0);
    if (pick < 70) return new_str();
    if (pick < 80) {
        Py_ssize_t size;
        const char *data = random_bytes(0, &size);
        return PyBytes_FromStringAndSize(data, size);
    }
    if (pick < 85) {
        /* Two items or more (fewer are hashed by address, see above). */
        long start = rng_range(-3, 5), step = rng_chance(80) ? 1 : rng_chance(50) ? 2 : -2;
        long stop = start + step * rng_range(2, 6);
        return PyObject_CallFunction((PyObject *)&PyRange_Type, "lll", start, stop, step);
    }
    int n = (int)rng_below(4);
    PyObject *tuple = PyTuple_New(n);
    if (tuple == NULL) return NULL;
    for (int i = 0; i < n; i++) {
        PyObject *item = new_hashable_at(depth + 1);
        if (item == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, item);
    }
    if (pick < 95) return tuple;
    PyObject *frozen = PyFrozenSet_New(tuple);
    Py_DECREF(tuple);
    return frozen;
}

PyObject *new_hashable(void) {
    return new_hashable_at(0);
}

/* An item for a new container: mostly from the pool (so containers nest), else fresh. */
static PyObject *new_item(void) {
    return rng_chance(50) ? Py_NewRef(pool_any()) : new_hashable();
}

PyObject *new_value(void) {
    unsigned pick = rng_below(100);
    if (pick < 55) return new_hashable();
    int n = (int)rng_below(6);
    if (pick < 70) {
        PyObject *list = PyList_New(0);
        for (int i = 0; list != NULL && i < n; i++) {
            PyObject *item = new_item();
            if (item == NULL || PyList_Append(list, item) < 0) Py_CLEAR(list);
            Py_XDECREF(item);
        }
        return list;
    }
    if (pick < 82) {
        PyObject *dict = PyDict_New();
        for (int i = 0; dict != NULL && i < n; i++) {
            PyObject *key = new_hashable(), *value = new_item();
            if (key == NULL || value == NULL || PyDict_SetItem(dict, key, value) < 0)
                Py_CLEAR(dict);
            Py_XDECREF(key);
            Py_XDECREF(value);
        }
        return dict;
    }
    if (pick < 92) {
        PyObject *set = PySet_New(NULL);
        for (int i = 0; set != NULL && i < n; i++) {
            PyObject *key = new_hashable();
            if (key == NULL || PySet_Add(set, key) < 0) Py_CLEAR(set);
            Py_XDECREF(key);
        }
        return set;
    }
    PyObject *start = rng_chance(30) ? Py_NewRef(Py_None) : new_small_int();
    PyObject *stop = rng_chance(30) ? Py_NewRef(Py_None) : new_small_int();
    PyObject *step = rng_chance(60) ? Py_NewRef(Py_None) : new_small_int();
    PyObject *slice = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_DECREF(step);
    return slice;
}

PyObject *arg_int(void) {
    if (rng_chance(15)) return Py_NewRef(pool_any());
    if (rng_chance(30)) {
        PyObject *o = pool_find(is_int);
        if (o != NULL) return Py_NewRef(o);
    }
    return new_int();
}

PyObject *arg_str(void) {
    if (rng_chance(12)) return Py_NewRef(pool_any());
    if (rng_chance(30)) {
        PyObject *o = pool_find(is_str);
        if (o != NULL) return Py_NewRef(o);
    }
    return new_str();
}

PyObject *arg_any(void) {
    if (rng_chance(60)) return Py_NewRef(pool_any());
    return new_value();
}
