/* Calls of the built-in types' methods, described by MethodSpec tables (fuzz.h): the kinds of
 * argument each parameter takes, which are optional or keyword-only, and their keyword names.
 * A call passes a random number of the optional arguments, some by keyword where the method
 * allows it; about one argument in ten is of the wrong kind, and about one call in twelve is
 * malformed (an extra argument, a missing one, an unknown keyword, a keyword for a
 * positional-only parameter). The line is "call_method(obj, name, args..., kw=value)". */
#include <limits.h>
#include <string.h>

#include "fuzz.h"

static PyObject *pick_from(const char *const *words, size_t count) {
    return PyUnicode_FromString(words[rng_below((unsigned)count)]);
}
#define PICK_STR(table) pick_from((table), sizeof(table) / sizeof((table)[0]))

/* An int for an index or a count: mostly small, sometimes at the edges of C types. */
static PyObject *index_int(void) {
    static const char *const kEdges[] = {"9223372036854775807", "-9223372036854775808",
                                         "9223372036854775808", "100000000000000000000000",
                                         "-100000000000000000000000"};
    if (rng_chance(90)) return PyLong_FromLong(rng_range(-6, 10));
    return PyLong_FromString(RNG_PICK(kEdges), NULL, 10);
}

/* A str (bytes) or a tuple of them: what startswith and endswith take. */
static PyObject *str_or_tuple(int as_bytes) {
    if (rng_chance(75)) {
        if (!as_bytes) return new_str();
        Py_ssize_t size;
        const char *data = random_bytes(1, &size);
        return PyBytes_FromStringAndSize(data, size);
    }
    int n = (int)rng_below(3);
    PyObject *tuple = PyTuple_New(n);
    for (int i = 0; tuple != NULL && i < n; i++) {
        PyObject *item = str_or_tuple(as_bytes);
        if (item == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SET_ITEM(tuple, i, item);
    }
    return tuple;
}

static PyObject *iterable(void) {
    static int (*const kKinds[])(PyObject *) = {is_list, is_tuple,  is_str,
                                                is_dict, is_anyset, is_sequence_value};
    PyObject *o = pool_find(RNG_PICK(kKinds));
    return o != NULL ? Py_NewRef(o) : PyList_New(0);
}

/* The kinds of argument, one letter each (MethodSpec.params):
 *   x anything          h hashable          o iterable (from the pool)
 *   i index (small, sometimes huge)         n None or an index
 *   N count (small, sometimes huge)         k length for to_bytes (small)
 *   d ndigits for round (-30..30)           D None or ndigits
 *   s str               c None or str (chars, separators)
 *   t str or tuple of str                   T bytes or tuple of bytes
 *   y bytes or int (a byte to look for)     Y bytes
 *   v bytes or list of small ints (from_bytes)
 *   e encoding name     r error handler name
 *   B byteorder         F __getformat__'s name
 *   b bool-ish          f float or int      K None, or not callable (sort's key) */
PyObject *arg_of_kind(char kind) {
    if (kind != 'x' && rng_chance(8)) return arg_any(); /* deliberately of the wrong kind */
    switch (kind) {
    case 'h': return rng_chance(50) ? new_hashable() : Py_NewRef(pool_any());
    case 'i': return index_int();
    case 'n': return rng_chance(25) ? Py_NewRef(Py_None) : index_int();
    case 'o': return iterable();
    case 's': return new_str();
    case 'y': {
        if (rng_chance(25)) return PyLong_FromLong(rng_range(-2, 260));
        Py_ssize_t size;
        const char *data = random_bytes(2, &size);
        return PyBytes_FromStringAndSize(data, rng_chance(50) && size > 2 ? 1 : size);
    }
    case 'Y': {
        Py_ssize_t size;
        const char *data = random_bytes(2, &size);
        return PyBytes_FromStringAndSize(data, size);
    }
    case 't': return str_or_tuple(0);
    case 'T': return str_or_tuple(1);
    case 'e': return PyUnicode_FromString(random_encoding());
    case 'r': return PyUnicode_FromString(random_errors());
    case 'B': {
        static const char *const kOrders[] = {"big", "little", "big", "little", "Big", "middle"};
        return PICK_STR(kOrders);
    }
    case 'F': {
        static const char *const kNames[] = {"double", "float", "int"};
        return PICK_STR(kNames);
    }
    case 'b':
        return rng_chance(80) ? PyBool_FromLong(rng_chance(50)) : PyLong_FromLong(rng_range(-1, 2));
    case 'c': {
        if (rng_chance(30)) return Py_NewRef(Py_None);
        if (rng_chance(10)) return PyUnicode_FromString("");
        return new_str();
    }
    case 'k': return PyLong_FromLong(rng_chance(90) ? rng_range(0, 12) : rng_range(-3, 40));
    case 'd': /* ndigits of round(): not huge, or int.__round__ computes 10 ** -ndigits */
        return PyLong_FromLong(rng_range(-30, 30));
    case 'D': return rng_chance(20) ? Py_NewRef(Py_None) : PyLong_FromLong(rng_range(-30, 30));
    case 'N': {
        if (rng_chance(85)) return PyLong_FromLong(rng_range(-2, 5));
        return index_int();
    }
    case 'f': return rng_chance(50) ? new_float(0) : new_int();
    case 'v': {
        if (rng_chance(60)) return arg_of_kind('Y');
        int n = (int)rng_below(5);
        PyObject *list = PyList_New(n);
        for (int i = 0; list != NULL && i < n; i++)
            PyList_SET_ITEM(list, i, PyLong_FromLong(rng_chance(95) ? rng_range(0, 255) : 256));
        return list;
    }
    case 'K': return rng_chance(90) ? Py_NewRef(Py_None) : new_small_int();
    default: return arg_any();
    }
}

/* An int argument's value, clamped to the range of long (0 for anything else). */
static long int_value(PyObject *o) {
    if (o == NULL || !PyLong_Check(o)) return 0;
    int overflow = 0;
    long n = PyLong_AsLongAndOverflow(o, &overflow);
    PyErr_Clear();
    return overflow > 0 ? LONG_MAX : overflow < 0 ? LONG_MIN : n;
}

int call_too_costly(PyObject *obj, const char *name, PyObject *first) {
    /* PyObject_CallMethod(obj, name, "O", t) passes a tuple t's items as the arguments. */
    if (first != NULL && PyTuple_Check(first) && PyTuple_GET_SIZE(first) > 0 &&
        call_too_costly(obj, name, PyTuple_GET_ITEM(first, 0)))
        return 1;
    if (PyLong_Check(obj) && strcmp(name, "__round__") == 0) return int_value(first) < -1000;
    if (PyLong_Check(obj) && strcmp(name, "to_bytes") == 0) return int_value(first) > 100000;
    if (obj == (PyObject *)&PyBytes_Type) return int_value(first) > 100000;
    return 0;
}

enum { kMaxParams = 8 };

void call_random_method(PyObject *obj, const MethodSpec *table, size_t count) {
    const MethodSpec *m = &table[rng_below((unsigned)count)];
    char kinds[kMaxParams];
    int optional_from = -1, keyword_only_from = -1, variadic = -1, n = 0;
    for (const char *p = m->params; *p != '\0' && n < kMaxParams; p++) {
        if (*p == '|')
            optional_from = n;
        else if (*p == '$')
            keyword_only_from = n;
        else if (*p == '*')
            variadic = n;
        else
            kinds[n++] = *p;
    }
    if (optional_from < 0) optional_from = keyword_only_from >= 0 ? keyword_only_from : n;
    if (keyword_only_from < 0) keyword_only_from = n;
    const char *names[kMaxParams] = {0};
    static char name_buffer[128];
    if (m->keywords != NULL) {
        strncpy(name_buffer, m->keywords, sizeof name_buffer - 1);
        char *save = NULL;
        int i = 0;
        for (char *word = strtok_r(name_buffer, " ", &save); word != NULL && i < n;
             word = strtok_r(NULL, " ", &save), i++)
            names[i] = strcmp(word, "-") == 0 ? NULL : word;
    }

    int positional = (int)rng_range(optional_from, keyword_only_from);
    if (variadic >= 0) positional = variadic + (int)rng_below(4);
    PyObject *args = PyList_New(0);
    PyObject *kwargs = PyDict_New();
    int by_keyword = 0;
    for (int i = 0; i < positional && args != NULL; i++) {
        int k = i < n ? i : n - 1;
        PyObject *value = arg_of_kind(kinds[k]);
        if (value == NULL) {
            PyErr_Clear();
            value = Py_NewRef(Py_None);
        }
        /* Once one argument goes by keyword, the rest must too. */
        if (i < n && i != variadic && names[i] != NULL && (by_keyword || rng_chance(15))) {
            by_keyword = 1;
            PyDict_SetItemString(kwargs, names[i], value);
        } else {
            PyList_Append(args, value);
        }
        Py_DECREF(value);
    }
    for (int i = keyword_only_from; i < n; i++) {
        if (names[i] == NULL || !rng_chance(40)) continue;
        PyObject *value = arg_of_kind(kinds[i]);
        if (value == NULL) {
            PyErr_Clear();
            continue;
        }
        PyDict_SetItemString(kwargs, names[i], value);
        Py_DECREF(value);
    }
    if (rng_chance(8)) {
        switch (rng_below(4)) {
        case 0: {
            PyObject *extra = arg_any();
            PyList_Append(args, extra);
            Py_DECREF(extra);
            break;
        }
        case 1:
            if (PyList_GET_SIZE(args) > 0)
                PyList_SetSlice(args, PyList_GET_SIZE(args) - 1, PyList_GET_SIZE(args), NULL);
            break;
        case 2: PyDict_SetItemString(kwargs, "bogus", Py_None); break;
        default:
            if (PyList_GET_SIZE(args) > 0 && n > 0 && names[0] == NULL) {
                PyDict_SetItemString(kwargs, "x", PyList_GET_ITEM(args, 0));
                PyList_SetSlice(args, 0, 1, NULL);
            } else {
                PyDict_SetItemString(kwargs, "self", Py_None);
            }
            break;
        }
    }
    if (args != NULL && strcmp(m->name, "setdefault") == 0 && PyList_GET_SIZE(args) == 1) {
        /* dict.setdefault(key) would put None in a dict of the pool: None never goes there
         * (fuzz_values.c says why), so the default is always given. */
        PyObject *value = arg_any();
        PyList_Append(args, value);
        Py_DECREF(value);
    }
    PyObject *tuple = args != NULL ? PyList_AsTuple(args) : NULL;
    Py_XDECREF(args);
    if (tuple == NULL || kwargs == NULL) {
        PyErr_Clear();
        Py_XDECREF(tuple);
        Py_XDECREF(kwargs);
        return;
    }
    if (PyDict_Size(kwargs) == 0) Py_CLEAR(kwargs);
    if (call_too_costly(obj, m->name,
                        PyTuple_GET_SIZE(tuple) > 0 ? PyTuple_GET_ITEM(tuple, 0) : NULL)) {
        Py_DECREF(tuple);
        Py_XDECREF(kwargs);
        return;
    }
    call_method_line(obj, m->name, tuple, kwargs, 1);
}

void call_method_line(PyObject *obj, const char *name, PyObject *args, PyObject *kwargs, int keep) {
    call_begin("call_method");
    arg_obj(obj);
    arg_text(name);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) arg_obj(PyTuple_GET_ITEM(args, i));
    if (kwargs != NULL) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(kwargs, &pos, &key, &value)) arg_keyword(PyUnicode_AsUTF8(key), value);
    }
    call_args_done();
    PyObject *result = NULL;
    PyObject *method = PyObject_GetAttrString(obj, name);
    if (method != NULL) {
        result = PyObject_Call(method, args, kwargs);
        Py_DECREF(method);
    }
    if (keep)
        result_keep(result);
    else
        result_drop(result);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
}
