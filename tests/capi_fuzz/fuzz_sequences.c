/* Families over sequences: the tuple and list APIs and methods, and the sequence protocol
 * (PySequence_*) over any pool object. Lists in the pool are changed in place, so later calls
 * see what earlier ones did to them. Ranges, slices and iteration are fuzz_iteration.c's. */
#include <string.h>

#include "fuzz.h"

static PyObject *pool_list_or_new(void) {
    PyObject *o = rng_chance(70) ? pool_find(is_list) : NULL;
    return o != NULL ? Py_NewRef(o) : PyList_New(0);
}

static PyObject *pool_tuple_or_new(void) {
    PyObject *o = rng_chance(60) ? pool_find(is_tuple) : NULL;
    if (o != NULL) return Py_NewRef(o);
    return Py_BuildValue("(OO)", pool_any(), pool_any());
}

static PyObject *small_index(void) {
    return PyLong_FromLong(rng_range(-6, 8));
}

/* --- tuple --------------------------------------------------------------------------------- */

static void tuple_api(void) {
    switch (rng_below(6)) {
    case 0: {
        /* PyTuple_New + PyTuple_SetItem: only a fresh tuple may be filled. */
        Py_ssize_t n = rng_range(1, 4);
        PyObject *t = PyTuple_New(n);
        if (t == NULL) {
            PyErr_Clear();
            break;
        }
        for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(Py_None));
        for (int k = 0; k < 2; k++) {
            Py_ssize_t index = rng_chance(85) ? rng_range(0, n - 1) : rng_range(-2, n + 1);
            PyObject *item = arg_any();
            call_begin("PyTuple_SetItem");
            arg_obj(t);
            arg_long(index);
            arg_obj(item);
            call_args_done();
            result_long(PyTuple_SetItem(t, index, item)); /* steals item */
        }
        call_begin("tuple");
        arg_text("the tuple filled");
        call_args_done();
        result_keep(t);
        break;
    }
    case 1: {
        PyObject *t = rng_chance(90) ? pool_tuple_or_new() : arg_any();
        Py_ssize_t index = rng_range(-2, 5);
        call_begin("PyTuple_GetItem");
        arg_obj(t);
        arg_long(index);
        call_args_done();
        result_keep(Py_XNewRef(PyTuple_GetItem(t, index)));
        Py_DECREF(t);
        break;
    }
    case 2: {
        PyObject *t = rng_chance(90) ? pool_tuple_or_new() : arg_any();
        Py_ssize_t lo = rng_range(-3, 5), hi = rng_chance(20) ? PY_SSIZE_T_MAX : rng_range(-3, 6);
        call_begin("PyTuple_GetSlice");
        arg_obj(t);
        arg_long(lo);
        arg_long(hi);
        call_args_done();
        result_keep(PyTuple_GetSlice(t, lo, hi));
        Py_DECREF(t);
        break;
    }
    case 3: {
        PyObject *o = arg_any();
        line_unary_size(PyTuple_Size, "PyTuple_Size", o);
        Py_DECREF(o);
        break;
    }
    case 4: {
        PyObject *a = arg_any(), *b = arg_any(), *c = arg_any();
        int n = (int)rng_below(4);
        call_begin("PyTuple_Pack");
        arg_long(n);
        if (n > 0) arg_obj(a);
        if (n > 1) arg_obj(b);
        if (n > 2) arg_obj(c);
        call_args_done();
        result_keep(n == 0   ? PyTuple_Pack(0)
                    : n == 1 ? PyTuple_Pack(1, a)
                    : n == 2 ? PyTuple_Pack(2, a, b)
                             : PyTuple_Pack(3, a, b, c));
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(c);
        break;
    }
    default: {
        /* _PyTuple_Resize of a fresh tuple (one that nobody else holds). */
        Py_ssize_t n = rng_range(1, 4), new_size = rng_range(0, 6); /* CPython does not check < 0 */
        PyObject *t = PyTuple_New(n);
        if (t == NULL) {
            PyErr_Clear();
            break;
        }
        for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, PyLong_FromLong((long)i));
        call_begin("_PyTuple_Resize");
        arg_obj(t);
        arg_long(new_size);
        call_args_done();
        if (_PyTuple_Resize(&t, new_size) < 0) {
            result_long(-1);
            break;
        }
        /* New items are NULL: fill them before anything reads the tuple. */
        for (Py_ssize_t i = n; i < new_size; i++)
            PyTuple_SET_ITEM(t, i, PyUnicode_FromString("new"));
        result_keep(t);
        break;
    }
    }
}

static const MethodSpec kTupleMethods[] = {
    {"index", "x|ii", NULL},
    {"count", "x", NULL},
    {"__getnewargs__", "", NULL},
};

static void tuple_methods(void) {
    PyObject *t = pool_tuple_or_new();
    CALL_RANDOM_METHOD(t, kTupleMethods);
    Py_DECREF(t);
}

/* --- list ---------------------------------------------------------------------------------- */

static void list_sort(PyObject *list) {
    if (rng_chance(50)) {
        line_unary_int(PyList_Sort, "PyList_Sort", list);
    } else {
        PyObject *args = PyTuple_New(0);
        PyObject *kwargs = PyDict_New();
        if (rng_chance(50))
            PyDict_SetItemString(kwargs, "reverse", rng_chance(50) ? Py_True : Py_False);
        if (rng_chance(20)) PyDict_SetItemString(kwargs, "key", Py_None);
        if (PyDict_Size(kwargs) == 0) Py_CLEAR(kwargs);
        call_method_line(list, "sort", args, kwargs, 0);
    }
    call_begin("sorted list");
    arg_text("the list");
    call_args_done();
    result_keep(Py_NewRef(list));
}

static void list_api(void) {
    PyObject *l = pool_list_or_new();
    switch (rng_below(12)) {
    case 0: {
        Py_ssize_t n = rng_range(0, 4);
        PyObject *fresh = PyList_New(n);
        if (fresh == NULL) {
            PyErr_Clear();
            break;
        }
        /* PyList_New leaves NULL items: every one is set before the list is shown. */
        for (Py_ssize_t i = 0; i < n; i++) PyList_SET_ITEM(fresh, i, arg_any());
        call_begin("PyList_New+SET_ITEM");
        arg_long(n);
        call_args_done();
        result_keep(fresh);
        break;
    }
    case 1: {
        PyObject *o = rng_chance(90) ? Py_NewRef(l) : arg_any();
        Py_ssize_t index = rng_range(-2, 6);
        call_begin("PyList_GetItem");
        arg_obj(o);
        arg_long(index);
        call_args_done();
        result_keep(Py_XNewRef(PyList_GetItem(o, index)));
        Py_DECREF(o);
        break;
    }
    case 2: {
        Py_ssize_t index = rng_range(-2, 6);
        PyObject *item = arg_any();
        call_begin("PyList_SetItem");
        arg_obj(l);
        arg_long(index);
        arg_obj(item);
        call_args_done();
        result_long(PyList_SetItem(l, index, item)); /* steals item */
        break;
    }
    case 3: {
        Py_ssize_t index =
            rng_chance(90) ? rng_range(-8, 8) : (rng_chance(50) ? PY_SSIZE_T_MAX : PY_SSIZE_T_MIN);
        PyObject *item = arg_any();
        call_begin("PyList_Insert");
        arg_obj(l);
        arg_long(index);
        arg_obj(item);
        call_args_done();
        result_long(PyList_Insert(l, index, item));
        Py_DECREF(item);
        break;
    }
    case 4: {
        PyObject *item = arg_any();
        PyObject *o = rng_chance(95) ? Py_NewRef(l) : arg_any();
        call_begin("PyList_Append");
        arg_obj(o);
        arg_obj(item);
        call_args_done();
        result_long(PyList_Append(o, item));
        Py_DECREF(item);
        Py_DECREF(o);
        break;
    }
    case 5: {
        Py_ssize_t lo = rng_range(-3, 5), hi = rng_chance(20) ? PY_SSIZE_T_MAX : rng_range(-3, 6);
        call_begin("PyList_GetSlice");
        arg_obj(l);
        arg_long(lo);
        arg_long(hi);
        call_args_done();
        result_keep(PyList_GetSlice(l, lo, hi));
        break;
    }
    case 6: {
        Py_ssize_t lo = rng_range(-3, 5), hi = rng_chance(20) ? PY_SSIZE_T_MAX : rng_range(-3, 6);
        PyObject *v = rng_chance(25) ? NULL : rng_chance(80) ? arg_any() : Py_NewRef(l);
        if (v != NULL && size_of(v) + size_of(l) > 300) Py_CLEAR(v);
        call_begin("PyList_SetSlice");
        arg_obj(l);
        arg_long(lo);
        arg_long(hi);
        arg_obj(v);
        call_args_done();
        result_long(PyList_SetSlice(l, lo, hi, v));
        Py_XDECREF(v);
        break;
    }
    case 7: line_unary_int(PyList_Reverse, "PyList_Reverse", l); break;
    case 8: {
        PyObject *o = rng_chance(90) ? Py_NewRef(l) : arg_any();
        line_unary(PyList_AsTuple, "PyList_AsTuple", o, 1);
        Py_DECREF(o);
        break;
    }
    case 9: {
        PyObject *o = rng_chance(90) ? Py_NewRef(l) : arg_any();
        line_unary_size(PyList_Size, "PyList_Size", o);
        Py_DECREF(o);
        break;
    }
    default: list_sort(l); break;
    }
    Py_DECREF(l);
}

static const MethodSpec kListMethods[] = {
    {"__reversed__", "", NULL}, {"__sizeof__", "", NULL}, {"clear", "", NULL},
    {"copy", "", NULL},         {"append", "x", NULL},    {"insert", "ix", NULL},
    {"extend", "o", NULL},      {"pop", "|i", NULL},      {"remove", "x", NULL},
    {"index", "x|ii", NULL},    {"count", "x", NULL},     {"reverse", "", NULL},
};

static void list_methods(void) {
    PyObject *l = pool_list_or_new();
    if (PyList_GET_SIZE(l) > 100) {
        Py_DECREF(l);
        return;
    }
    CALL_RANDOM_METHOD(l, kListMethods);
    Py_DECREF(l);
}

/* --- The sequence protocol ------------------------------------------------------------------- */

static void sequence_protocol(void) {
    PyObject *s = rng_chance(80) && pool_find(is_sequence_value) != NULL
                      ? Py_NewRef(pool_find(is_sequence_value))
                      : arg_any();
    switch (rng_below(17)) {
    case 0: line_unary_int(PySequence_Check, "PySequence_Check", s); break;
    case 1: line_unary_size(PySequence_Size, "PySequence_Size", s); break;
    case 2:
    case 3: {
        PyObject *other = rng_chance(50) && pool_find(is_sequence_value) != NULL
                              ? Py_NewRef(pool_find(is_sequence_value))
                              : arg_any();
        int in_place = rng_chance(40);
        if (size_of(s) + size_of(other) > 400) {
            Py_DECREF(other);
            break;
        }
        call_begin(in_place ? "PySequence_InPlaceConcat" : "PySequence_Concat");
        arg_obj(s);
        arg_obj(other);
        call_args_done();
        result_keep(in_place ? PySequence_InPlaceConcat(s, other) : PySequence_Concat(s, other));
        Py_DECREF(other);
        break;
    }
    case 4: {
        Py_ssize_t count = rng_chance(95) ? rng_range(-2, 4) : PY_SSIZE_T_MAX / 2;
        Py_ssize_t len = size_of(s);
        if (count > 0 && len > 0 && len > 400 / count && count < PY_SSIZE_T_MAX / 2) break;
        int in_place = rng_chance(40);
        call_begin(in_place ? "PySequence_InPlaceRepeat" : "PySequence_Repeat");
        arg_obj(s);
        arg_long(count);
        call_args_done();
        result_keep(in_place ? PySequence_InPlaceRepeat(s, count) : PySequence_Repeat(s, count));
        break;
    }
    case 5: {
        Py_ssize_t i = rng_range(-4, 6);
        call_begin("PySequence_GetItem");
        arg_obj(s);
        arg_long(i);
        call_args_done();
        result_keep(PySequence_GetItem(s, i));
        break;
    }
    case 6: {
        Py_ssize_t lo = rng_range(-4, 5), hi = rng_chance(20) ? PY_SSIZE_T_MAX : rng_range(-4, 8);
        call_begin("PySequence_GetSlice");
        arg_obj(s);
        arg_long(lo);
        arg_long(hi);
        call_args_done();
        result_keep(PySequence_GetSlice(s, lo, hi));
        break;
    }
    case 7: {
        Py_ssize_t i = rng_range(-4, 6);
        PyObject *v = arg_any();
        call_begin("PySequence_SetItem");
        arg_obj(s);
        arg_long(i);
        arg_obj(v);
        call_args_done();
        result_long(PySequence_SetItem(s, i, v));
        Py_DECREF(v);
        break;
    }
    case 8: {
        Py_ssize_t i = rng_range(-4, 6);
        call_begin("PySequence_DelItem");
        arg_obj(s);
        arg_long(i);
        call_args_done();
        result_long(PySequence_DelItem(s, i));
        break;
    }
    case 9: {
        Py_ssize_t lo = rng_range(-4, 5), hi = rng_range(-4, 8);
        PyObject *v = arg_any();
        if (size_of(v) + size_of(s) > 300) Py_SETREF(v, PyList_New(0));
        int del = rng_chance(40);
        call_begin(del ? "PySequence_DelSlice" : "PySequence_SetSlice");
        arg_obj(s);
        arg_long(lo);
        arg_long(hi);
        if (!del) arg_obj(v);
        call_args_done();
        result_long(del ? PySequence_DelSlice(s, lo, hi) : PySequence_SetSlice(s, lo, hi, v));
        Py_DECREF(v);
        break;
    }
    case 10:
    case 11: {
        PyObject *v = rng_chance(50) && size_of(s) > 0 ? PySequence_GetItem(s, 0) : arg_any();
        if (v == NULL) {
            PyErr_Clear();
            v = arg_any();
        }
        int which = (int)rng_below(3);
        call_begin(which == 0   ? "PySequence_Count"
                   : which == 1 ? "PySequence_Contains"
                                : "PySequence_Index");
        arg_obj(s);
        arg_obj(v);
        call_args_done();
        result_long(which == 0   ? PySequence_Count(s, v)
                    : which == 1 ? PySequence_Contains(s, v)
                                 : PySequence_Index(s, v));
        Py_DECREF(v);
        break;
    }
    case 12: line_unary(PySequence_List, "PySequence_List", s, 1); break;
    case 13: line_unary(PySequence_Tuple, "PySequence_Tuple", s, 1); break;
    case 14:
        call_begin("PySequence_Fast");
        arg_obj(s);
        arg_cstr("not iterable");
        call_args_done();
        result_keep(PySequence_Fast(s, "not iterable"));
        break;
    default: {
        /* PyObject_GetItem with an index, a slice or anything else. */
        PyObject *key = rng_chance(50) ? small_index() : arg_any();
        call_begin("PyObject_GetItem");
        arg_obj(s);
        arg_obj(key);
        call_args_done();
        result_keep(PyObject_GetItem(s, key));
        Py_DECREF(key);
        break;
    }
    }
    Py_DECREF(s);
}

const Family kSequenceFamilies[] = {
    {"tuple_api", tuple_api, 4},
    {"tuple_methods", tuple_methods, 2},
    {"list_api", list_api, 8},
    {"list_methods", list_methods, 6},
    {"sequence_protocol", sequence_protocol, 8},
    {NULL, NULL, 0},
};
