/* Families over ranges, slices and iteration: range() with bounds small and huge, the range
 * and slice methods, PySlice_New / GetIndicesEx / Unpack / AdjustIndices, and iterators
 * (PyObject_GetIter, __reversed__, PyIter_Next, length hints, call iterators over a list's
 * pop). Iterators live in their own small pool (fuzz_values.c), and are advanced while the
 * containers they walk change. */

#include "fuzz.h"

static int is_range(PyObject *o) {
    return PyRange_Check(o);
}

static int is_slice(PyObject *o) {
    return PySlice_Check(o);
}

/* --- range and slice ------------------------------------------------------------------------ */

static const MethodSpec kRangeMethods[] = {
    {"__reversed__", "", NULL},
    {"__reduce__", "|x", NULL},
    {"count", "x", NULL},
    {"index", "x", NULL},
};

static const MethodSpec kSliceMethods[] = {
    {"indices", "i", NULL},
    {"__reduce__", "", NULL},
};

static PyObject *range_bound(void) {
    static const char *const kBig[] = {"9223372036854775807", "-9223372036854775809",
                                       "100000000000000000000", "-100000000000000000000"};
    unsigned pick = rng_below(100);
    if (pick < 80) return PyLong_FromLong(rng_range(-6, 12));
    if (pick < 90) return PyLong_FromString(RNG_PICK(kBig), NULL, 10);
    return arg_any();
}

static void range_slice(void) {
    switch (rng_below(6)) {
    case 0: {
        int n = (int)rng_range(0, 4);
        PyObject *args = PyTuple_New(n);
        for (int i = 0; i < n; i++) PyTuple_SET_ITEM(args, i, range_bound());
        call_begin("range");
        for (int i = 0; i < n; i++) arg_obj(PyTuple_GET_ITEM(args, i));
        call_args_done();
        result_keep(PyObject_Call((PyObject *)&PyRange_Type, args, NULL));
        Py_DECREF(args);
        break;
    }
    case 1: {
        PyObject *r = pool_find(is_range);
        if (r == NULL) {
            PyObject *args =
                Py_BuildValue("(lll)", rng_range(-5, 5), rng_range(-5, 15),
                              rng_chance(70) ? 1 : (rng_range(1, 3) * (rng_chance(50) ? 1 : -1)));
            r = PyObject_Call((PyObject *)&PyRange_Type, args, NULL);
            Py_DECREF(args);
            if (r == NULL) {
                PyErr_Clear();
                break;
            }
        } else {
            Py_INCREF(r);
        }
        CALL_RANDOM_METHOD(r, kRangeMethods);
        Py_DECREF(r);
        break;
    }
    case 2: {
        PyObject *start = rng_chance(30) ? NULL : range_bound();
        PyObject *stop = rng_chance(30) ? NULL : range_bound();
        PyObject *step = rng_chance(50) ? NULL : range_bound();
        call_begin("PySlice_New");
        arg_obj(start);
        arg_obj(stop);
        arg_obj(step);
        call_args_done();
        result_keep(PySlice_New(start, stop, step));
        Py_XDECREF(start);
        Py_XDECREF(stop);
        Py_XDECREF(step);
        break;
    }
    case 3: {
        PyObject *s = pool_find(is_sequence_value);
        PyObject *slice = pool_find(is_slice);
        if (slice == NULL) break;
        Py_ssize_t length = s != NULL ? size_of(s) : rng_range(0, 10);
        if (length < 0) length = 3;
        Py_ssize_t start = -9, stop = -9, step = -9, slicelength = -9;
        call_begin("PySlice_GetIndicesEx");
        arg_obj(slice);
        arg_long(length);
        call_args_done();
        if (PySlice_GetIndicesEx(slice, length, &start, &stop, &step, &slicelength) == 0) {
            char text[128];
            snprintf(text, sizeof text, "start %zd, stop %zd, step %zd, length %zd", start, stop,
                     step, slicelength);
            result_text(text);
        } else {
            result_long(-1);
        }
        break;
    }
    case 4: {
        PyObject *slice = pool_find(is_slice);
        if (slice == NULL) break;
        Py_INCREF(slice);
        CALL_RANDOM_METHOD(slice, kSliceMethods);
        Py_DECREF(slice);
        break;
    }
    default: {
        PyObject *slice = pool_find(is_slice);
        if (slice == NULL) break;
        Py_ssize_t start = -9, stop = -9, step = -9, length = rng_range(0, 8);
        call_begin("PySlice_Unpack+PySlice_AdjustIndices");
        arg_obj(slice);
        arg_long(length);
        call_args_done();
        if (PySlice_Unpack(slice, &start, &stop, &step) < 0) {
            result_long(-1);
            break;
        }
        Py_ssize_t n = PySlice_AdjustIndices(length, &start, &stop, step);
        char text[128];
        snprintf(text, sizeof text, "start %zd, stop %zd, step %zd, length %zd", start, stop, step,
                 n);
        result_text(text);
        break;
    }
    }
}

/* --- Iteration ----------------------------------------------------------------------------------
 */

static void iteration(void) {
    PyObject *it = iter_any();
    unsigned pick = rng_below(100);
    if (it == NULL || pick < 25) {
        PyObject *o = arg_any();
        if (rng_chance(25)) {
            PyObject *d = pool_find(is_dict);
            if (d != NULL)
                Py_SETREF(o, rng_chance(50) ? Py_NewRef(d) : PyObject_CallMethod(d, "items", NULL));
        }
        int reversed = rng_chance(15);
        call_begin(reversed ? "call_method" : "PyObject_GetIter");
        arg_obj(o);
        if (reversed) arg_text("__reversed__");
        call_args_done();
        PyObject *r;
        if (reversed) {
            PyObject *method = PyObject_GetAttrString(o, "__reversed__");
            r = method != NULL ? PyObject_CallNoArgs(method) : NULL;
            Py_XDECREF(method);
        } else {
            r = PyObject_GetIter(o);
        }
        r = result_obj(r);
        if (r != NULL) iter_offer_from(r, o);
        Py_DECREF(o);
        return;
    }
    Py_INCREF(it);
    if (pick < 75) {
#ifdef FOUND_DICT_NO_UNICODE_KEYS
        if (iter_layout_dependent(it)) {
            Py_DECREF(it);
            return;
        }
#endif
        call_begin("PyIter_Next");
        arg_obj(it);
        call_args_done();
        PyObject *item = PyIter_Next(it);
        if (item == NULL && !PyErr_Occurred())
            result_text("NULL (exhausted)");
        else
            result_keep(item);
    } else if (pick < 88) {
        Py_ssize_t fallback = rng_range(-2, 5);
        call_begin("PyObject_LengthHint");
        arg_obj(it);
        arg_long(fallback);
        call_args_done();
        result_long(PyObject_LengthHint(it, fallback));
    } else if (pick < 94) {
        call_method_line(it, "__length_hint__", PyTuple_New(0), NULL, 0);
    } else {
        line_unary_int(PyIter_Check, "PyIter_Check", it);
    }
    Py_DECREF(it);
}

/* iter(callable, sentinel): a call iterator over a bound method of a pool list. */
static void call_iterator(void) {
    PyObject *l = pool_find(is_list);
    l = l != NULL ? Py_NewRef(l) : PyList_New(0);
    PyObject *pop = PyObject_GetAttrString(l, "pop");
    if (pop == NULL) {
        PyErr_Clear();
        Py_DECREF(l);
        return;
    }
    PyObject *sentinel = arg_any();
    call_begin("PyCallIter_New");
    arg_text("list.pop");
    arg_obj(l);
    arg_obj(sentinel);
    call_args_done();
    PyObject *it = result_obj(PyCallIter_New(pop, sentinel));
    if (it != NULL) iter_offer(it);
    Py_DECREF(pop);
    Py_DECREF(sentinel);
    Py_DECREF(l);
}

const Family kIterationFamilies[] = {
    {"range_slice", range_slice, 4},
    {"iteration", iteration, 6},
    {"call_iterator", call_iterator, 1},
    {NULL, NULL, 0},
};
