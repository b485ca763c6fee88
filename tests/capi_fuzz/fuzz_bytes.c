/* Families over bytes: construction (from C data, from objects; PyBytes_FromFormat is
 * fuzz_formats.c's), the PyBytes_* API (size, the C view, concatenation, resizing, repr) and the
 * methods minipy's bytes has (decode, hex, find, rfind, count, startswith, endswith). */
#include <string.h>

#include "fuzz.h"

static PyObject *pool_bytes_or_new(void) {
    PyObject *o = rng_chance(40) ? pool_find(is_bytes) : NULL;
    if (o != NULL) return Py_NewRef(o);
    Py_ssize_t size;
    const char *data = random_bytes(0, &size);
    return PyBytes_FromStringAndSize(data, size);
}

/* --- Construction and the PyBytes_* API --------------------------------------------------- */

static void bytes_new(void) {
    Py_ssize_t size;
    const char *data;
    switch (rng_below(5)) {
    case 0: {
        data = random_bytes(0, &size);
        Py_ssize_t n = rng_chance(90) ? (Py_ssize_t)rng_below((unsigned)size + 1) : -1;
        call_begin("PyBytes_FromStringAndSize");
        arg_bytes(data, size);
        arg_long(n);
        call_args_done();
        result_keep(PyBytes_FromStringAndSize(data, n));
        break;
    }
    case 1:
        data = random_cstr(0, &size);
        call_begin("PyBytes_FromString");
        arg_cstr(data);
        call_args_done();
        result_keep(PyBytes_FromString(data));
        break;
    case 2: {
        PyObject *o = arg_any();
        if (rng_chance(30)) {
            /* A list of small ints, now and then one out of range. */
            int n = (int)rng_below(5);
            Py_SETREF(o, PyList_New(n));
            for (int i = 0; o != NULL && i < n; i++)
                PyList_SET_ITEM(
                    o, i, PyLong_FromLong(rng_chance(90) ? rng_range(0, 255) : rng_range(-2, 300)));
        }
        line_unary(PyBytes_FromObject, "PyBytes_FromObject", o, 1);
        Py_XDECREF(o);
        break;
    }
    case 3: {
        PyObject *b = pool_bytes_or_new(); /* CPython's PyBytes_Repr assumes bytes */
        int smartquotes = rng_chance(50);
        call_begin("PyBytes_Repr");
        arg_obj(b);
        arg_long(smartquotes);
        call_args_done();
        result_keep(PyBytes_Repr(b, smartquotes));
        Py_DECREF(b);
        break;
    }
    default: bytes_new_from_format(); break;
    }
}

static void bytes_api(void) {
    PyObject *b = pool_bytes_or_new();
    switch (rng_below(6)) {
    case 0: {
        PyObject *o = rng_chance(85) ? Py_NewRef(b) : arg_any();
        line_unary_size(PyBytes_Size, "PyBytes_Size", o);
        Py_DECREF(o);
        break;
    }
    case 1: {
        PyObject *o = rng_chance(85) ? Py_NewRef(b) : arg_any();
        call_begin("PyBytes_AsString");
        arg_obj(o);
        call_args_done();
        const char *data = PyBytes_AsString(o);
        if (data != NULL)
            result_bytes(data, PyBytes_GET_SIZE(o) + 1); /* with its terminating NUL */
        else
            result_cstr(NULL);
        Py_DECREF(o);
        break;
    }
    case 2: {
        PyObject *o = rng_chance(85) ? Py_NewRef(b) : arg_any();
        int with_length = rng_chance(60);
        char *data = NULL;
        Py_ssize_t length = -7;
        call_begin("PyBytes_AsStringAndSize");
        arg_obj(o);
        arg_text(with_length ? "&length" : "NULL");
        call_args_done();
        int rc = PyBytes_AsStringAndSize(o, &data, with_length ? &length : NULL);
        if (rc == 0)
            result_bytes(data, with_length ? length : (Py_ssize_t)strlen(data));
        else
            result_long(rc);
        Py_DECREF(o);
        break;
    }
    case 3:
    case 4: {
        /* PyBytes_Concat(&left, right) replaces left: give it its own reference. */
        PyObject *left = rng_chance(85) ? Py_NewRef(b) : arg_any();
        PyObject *right = rng_chance(85) ? pool_bytes_or_new() : arg_any();
        int and_del = rng_chance(50);
        call_begin(and_del ? "PyBytes_ConcatAndDel" : "PyBytes_Concat");
        arg_obj(left);
        arg_obj(right);
        call_args_done();
        if (and_del) {
            PyBytes_ConcatAndDel(&left, right);
        } else {
            PyBytes_Concat(&left, right);
            Py_DECREF(right);
        }
        result_keep(left);
        break;
    }
    default: {
        /* _PyBytes_Resize on a fresh object of two bytes or more (the only kind it may
         * change: CPython shares the empty and one-byte objects). */
        Py_ssize_t size;
        const char *data = random_bytes(0, &size);
        Py_ssize_t n = size < 2 ? 2 : size;
        PyObject *fresh = PyBytes_FromStringAndSize(NULL, n);
        if (fresh == NULL) {
            PyErr_Clear();
            break;
        }
        memset(PyBytes_AS_STRING(fresh), 'z', (size_t)n);
        memcpy(PyBytes_AS_STRING(fresh), data, (size_t)size);
        Py_ssize_t new_size = rng_range(-1, 8);
        call_begin("_PyBytes_Resize");
        arg_obj(fresh);
        arg_long(new_size);
        call_args_done();
        int rc = _PyBytes_Resize(&fresh, new_size);
        if (rc == 0) {
            /* Grown bytes are not initialised: show only what was there. */
            if (new_size > n) memset(PyBytes_AS_STRING(fresh) + n, 'y', (size_t)(new_size - n));
            result_keep(fresh);
        } else {
            result_long(rc);
        }
        break;
    }
    }
    Py_DECREF(b);
}

/* --- Methods ----------------------------------------------------------------------------- */

static const MethodSpec kBytesMethods[] = {
    {"decode", "|er", "encoding errors"},
    {"hex", "|yi", "sep bytes_per_sep"},
    {"find", "y|nn", NULL},
    {"rfind", "y|nn", NULL},
    {"count", "y|nn", NULL},
    {"startswith", "T|nn", NULL},
    {"endswith", "T|nn", NULL},
};

static void bytes_methods(void) {
    PyObject *b = pool_bytes_or_new();
    CALL_RANDOM_METHOD(b, kBytesMethods);
    Py_DECREF(b);
}

const Family kBytesFamilies[] = {
    {"bytes_new", bytes_new, 4},
    {"bytes_api", bytes_api, 4},
    {"bytes_methods", bytes_methods, 5},
    {NULL, NULL, 0},
};
