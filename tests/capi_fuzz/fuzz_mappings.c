/* Families over dict and set: the PyDict_* and PySet_* APIs, their methods and views, and the
 * mapping protocol (PyMapping_*, PyObject_SetItem / DelItem) over any pool object. Keys are
 * mostly hashable, sometimes not (lists, dicts, tuples holding them): the TypeError paths. */
#include <string.h>

#include "fuzz.h"

static PyObject *pool_dict_or_new(void) {
    PyObject *o = rng_chance(75) ? pool_find(is_dict) : NULL;
    return o != NULL ? Py_NewRef(o) : PyDict_New();
}

static PyObject *pool_set_or_new(int frozen_too) {
    PyObject *o = rng_chance(75) ? pool_find(frozen_too ? is_anyset : is_set) : NULL;
    return o != NULL ? Py_NewRef(o) : PySet_New(NULL);
}

/* A key: mostly one the dict already has, or a fresh hashable, sometimes anything. */
static PyObject *key_for(PyObject *container) {
    if (rng_chance(35) && size_of(container) > 0) {
        PyObject *keys = PySequence_List(container);
        if (keys != NULL && PyList_GET_SIZE(keys) > 0) {
            PyObject *key =
                Py_NewRef(PyList_GET_ITEM(keys, rng_below((unsigned)PyList_GET_SIZE(keys))));
            Py_DECREF(keys);
            return key;
        }
        Py_XDECREF(keys);
        PyErr_Clear();
    }
    return rng_chance(85) ? new_hashable() : arg_any();
}

static const char *key_cstr(void) {
    static const char *const kKeys[] = {"a", "b", "abc", "", "x", "\xc3\xa9", "1"};
    return RNG_PICK(kKeys);
}

/* --- dict ------------------------------------------------------------------------------------ */

static void dict_api(void) {
    PyObject *d = pool_dict_or_new();
    PyObject *target = rng_chance(92) ? Py_NewRef(d) : arg_any(); /* the wrong-type cases */
    switch (rng_below(17)) {
    case 0: {
        PyObject *key = key_for(d), *value = arg_any();
        call_begin("PyDict_SetItem");
        arg_obj(target);
        arg_obj(key);
        arg_obj(value);
        call_args_done();
        result_long(PyDict_SetItem(target, key, value));
        Py_DECREF(key);
        Py_DECREF(value);
        break;
    }
    case 1: {
        const char *key = key_cstr();
        PyObject *value = arg_any();
        call_begin("PyDict_SetItemString");
        arg_obj(target);
        arg_cstr(key);
        arg_obj(value);
        call_args_done();
        result_long(PyDict_SetItemString(target, key, value));
        Py_DECREF(value);
        break;
    }
    case 2: {
        /* PyDict_GetItem swallows errors: its result alone is compared. */
        PyObject *key = key_for(d);
        call_begin("PyDict_GetItem");
        arg_obj(target);
        arg_obj(key);
        call_args_done();
        PyObject *r = PyDict_GetItem(target, key);
        if (r == NULL && !PyErr_Occurred())
            result_text("NULL");
        else
            result_keep(Py_XNewRef(r));
        Py_DECREF(key);
        break;
    }
    case 3: {
        PyObject *key = key_for(d);
        call_begin("PyDict_GetItemWithError");
        arg_obj(target);
        arg_obj(key);
        call_args_done();
        PyObject *r = PyDict_GetItemWithError(target, key);
        if (r == NULL && !PyErr_Occurred())
            result_text("NULL (absent)");
        else
            result_keep(Py_XNewRef(r));
        Py_DECREF(key);
        break;
    }
    case 4: {
        const char *key = key_cstr();
        call_begin("PyDict_GetItemString");
        arg_obj(target);
        arg_cstr(key);
        call_args_done();
        PyObject *r = PyDict_GetItemString(target, key);
        if (r == NULL && !PyErr_Occurred())
            result_text("NULL");
        else
            result_keep(Py_XNewRef(r));
        break;
    }
    case 5: {
        PyObject *key = key_for(d);
        call_begin("PyDict_DelItem");
        arg_obj(target);
        arg_obj(key);
        call_args_done();
        result_long(PyDict_DelItem(target, key));
        Py_DECREF(key);
        break;
    }
    case 6: {
        const char *key = key_cstr();
        call_begin("PyDict_DelItemString");
        arg_obj(target);
        arg_cstr(key);
        call_args_done();
        result_long(PyDict_DelItemString(target, key));
        break;
    }
    case 7: {
        /* CPython's PyDict_Contains does not check its argument's type: a dict only. */
        PyObject *key = key_for(d);
        call_begin("PyDict_Contains");
        arg_obj(d);
        arg_obj(key);
        call_args_done();
        result_long(PyDict_Contains(d, key));
        Py_DECREF(key);
        break;
    }
    case 8: line_unary_size(PyDict_Size, "PyDict_Size", target); break;
    case 9: {
        static const char *const kNames[] = {"PyDict_Keys", "PyDict_Values", "PyDict_Items",
                                             "PyDict_Copy"};
        int which = (int)rng_below(4);
        call_begin(kNames[which]);
        arg_obj(target);
        call_args_done();
        result_keep(which == 0   ? PyDict_Keys(target)
                    : which == 1 ? PyDict_Values(target)
                    : which == 2 ? PyDict_Items(target)
                                 : PyDict_Copy(target));
        break;
    }
    case 10:
        if (rng_chance(20)) {
            call_begin("PyDict_Clear");
            arg_obj(target);
            call_args_done();
            PyDict_Clear(target);
            result_text("void");
        }
        break;
    case 11:
    case 12: {
        PyObject *other = rng_chance(50) ? pool_dict_or_new() : arg_any();
        int which = (int)rng_below(3), override = (int)rng_range(0, 2);
        /* CPython's PyDict_MergeFromSeq2 assumes a dict: give it one. */
        if (which == 2) Py_SETREF(target, Py_NewRef(d));
        if (which == 2 && rng_chance(60)) {
            /* A sequence of pairs for MergeFromSeq2, now and then a bad one. */
            Py_SETREF(other,
                      Py_BuildValue("[(OO)(OO)]", pool_any(), pool_any(), pool_any(), pool_any()));
            if (rng_chance(20)) Py_SETREF(other, Py_BuildValue("[(O)]", pool_any()));
        }
        if (size_of(other) > 64) {
            Py_DECREF(other);
            break;
        }
        call_begin(which == 0   ? "PyDict_Merge"
                   : which == 1 ? "PyDict_Update"
                                : "PyDict_MergeFromSeq2");
        arg_obj(target);
        arg_obj(other);
        if (which != 1) arg_long(override);
        call_args_done();
        result_long(which == 0   ? PyDict_Merge(target, other, override)
                    : which == 1 ? PyDict_Update(target, other)
                                 : PyDict_MergeFromSeq2(target, other, override));
        Py_DECREF(other);
        break;
    }
    case 13: {
        PyObject *key = key_for(d), *value = arg_any();
        call_begin("PyDict_SetDefault");
        arg_obj(target);
        arg_obj(key);
        arg_obj(value);
        call_args_done();
        result_keep(Py_XNewRef(PyDict_SetDefault(target, key, value)));
        Py_DECREF(key);
        Py_DECREF(value);
        break;
    }
    case 14: {
        /* PyDict_Next: every pair, in order. */
        if (!PyDict_Check(target)) break;
        call_begin("PyDict_Next*");
        arg_obj(target);
        call_args_done();
        PyObject *pairs = PyList_New(0);
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (pairs != NULL && PyDict_Next(target, &pos, &key, &value)) {
            PyObject *pair = PyTuple_Pack(2, key, value);
            if (pair == NULL || PyList_Append(pairs, pair) < 0) Py_CLEAR(pairs);
            Py_XDECREF(pair);
        }
        result_keep(pairs);
        break;
    }
    default: {
        PyObject *fresh = PyDict_New();
        call_begin("PyDict_New");
        call_args_done();
        result_keep(fresh);
        break;
    }
    }
    Py_DECREF(target);
    Py_DECREF(d);
}

static const MethodSpec kDictMethods[] = {
    {"__contains__", "h", NULL},
#ifndef FOUND_DICT_NO_UNICODE_KEYS
    {"__sizeof__", "", NULL},
#endif
    {"get", "h|x", NULL},        {"setdefault", "h|x", NULL}, {"pop", "h|x", NULL},
    {"popitem", "", NULL},       {"keys", "", NULL},          {"items", "", NULL},
    {"values", "", NULL},        {"update", "|o", NULL},      {"clear", "", NULL},
    {"copy", "", NULL},          {"__reversed__", "", NULL},
};

static const MethodSpec kDictClassMethods[] = {
    {"fromkeys", "o|x", NULL},
};

static const MethodSpec kDictViewMethods[] = {
    {"isdisjoint", "o", NULL},
    {"__reversed__", "", NULL},
};

static void dict_methods(void) {
    if (rng_chance(8)) {
        CALL_RANDOM_METHOD((PyObject *)&PyDict_Type, kDictClassMethods);
        return;
    }
    PyObject *d = pool_dict_or_new();
    if (rng_chance(15)) {
        static const char *const kViews[] = {"keys", "values", "items"};
        PyObject *view = PyObject_CallMethod(d, RNG_PICK(kViews), NULL);
        if (view == NULL) {
            PyErr_Clear();
        } else {
            CALL_RANDOM_METHOD(view, kDictViewMethods);
            Py_DECREF(view);
        }
    } else {
        CALL_RANDOM_METHOD(d, kDictMethods);
    }
    Py_DECREF(d);
}

/* --- set --------------------------------------------------------------------------------- */

static void set_api(void) {
    PyObject *s = pool_set_or_new(0);
    switch (rng_below(9)) {
    case 0:
    case 1: {
        PyObject *iterable = rng_chance(20) ? NULL : arg_any();
        int frozen = rng_chance(40);
        if (iterable != NULL && size_of(iterable) > 64) Py_CLEAR(iterable);
        call_begin(frozen ? "PyFrozenSet_New" : "PySet_New");
        arg_obj(iterable);
        call_args_done();
        result_keep(frozen ? PyFrozenSet_New(iterable) : PySet_New(iterable));
        Py_XDECREF(iterable);
        break;
    }
    case 2: {
        PyObject *key = key_for(s);
        PyObject *target = rng_chance(92) ? Py_NewRef(s) : pool_set_or_new(1);
        /* A frozenset may be added to only while nobody else holds it (CPython's rule
         * tests the reference count): never give it one from the pool. */
        if (!PySet_Check(target)) Py_SETREF(target, Py_NewRef(s));
        call_begin("PySet_Add");
        arg_obj(target);
        arg_obj(key);
        call_args_done();
        result_long(PySet_Add(target, key));
        Py_DECREF(key);
        Py_DECREF(target);
        break;
    }
    case 3: {
        PyObject *key = key_for(s);
        call_begin("PySet_Discard");
        arg_obj(s);
        arg_obj(key);
        call_args_done();
        result_long(PySet_Discard(s, key));
        Py_DECREF(key);
        break;
    }
    case 4: {
        PyObject *target = rng_chance(90) ? pool_set_or_new(1) : arg_any();
        PyObject *key = key_for(target);
        call_begin("PySet_Contains");
        arg_obj(target);
        arg_obj(key);
        call_args_done();
        result_long(PySet_Contains(target, key));
        Py_DECREF(key);
        Py_DECREF(target);
        break;
    }
    case 5: line_unary(PySet_Pop, "PySet_Pop", s, 1); break;
    case 6: {
        PyObject *target = rng_chance(90) ? pool_set_or_new(1) : arg_any();
        line_unary_size(PySet_Size, "PySet_Size", target);
        Py_DECREF(target);
        break;
    }
    case 7:
        if (rng_chance(25)) {
            line_unary_int(PySet_Clear, "PySet_Clear", s);
        }
        break;
    default: {
        /* Set algebra through the number protocol: | & - ^ and their in-place forms. */
        PyObject *other = rng_chance(80) ? pool_set_or_new(1) : arg_any();
        static const char *const kNames[] = {"PyNumber_Or",
                                             "PyNumber_And",
                                             "PyNumber_Subtract",
                                             "PyNumber_Xor",
                                             "PyNumber_InPlaceOr",
                                             "PyNumber_InPlaceAnd",
                                             "PyNumber_InPlaceSubtract",
                                             "PyNumber_InPlaceXor"};
        int which = (int)rng_below(8);
        call_begin(kNames[which]);
        arg_obj(s);
        arg_obj(other);
        call_args_done();
        PyObject *r;
        switch (which) {
        case 0: r = PyNumber_Or(s, other); break;
        case 1: r = PyNumber_And(s, other); break;
        case 2: r = PyNumber_Subtract(s, other); break;
        case 3: r = PyNumber_Xor(s, other); break;
        case 4: r = PyNumber_InPlaceOr(s, other); break;
        case 5: r = PyNumber_InPlaceAnd(s, other); break;
        case 6: r = PyNumber_InPlaceSubtract(s, other); break;
        default: r = PyNumber_InPlaceXor(s, other); break;
        }
        result_keep(r);
        Py_DECREF(other);
        break;
    }
    }
    Py_DECREF(s);
}

static const MethodSpec kSetMethods[] = {
    {"__contains__", "h", NULL},
    {"__sizeof__", "", NULL},
    {"difference", "*o", NULL},
    {"intersection", "*o", NULL},
    {"isdisjoint", "o", NULL},
    {"issubset", "o", NULL},
    {"issuperset", "o", NULL},
    {"symmetric_difference", "o", NULL},
    {"union", "*o", NULL},
    {"add", "h", NULL},
    {"clear", "", NULL},
    {"copy", "", NULL},
    {"discard", "h", NULL},
    {"difference_update", "*o", NULL},
    {"intersection_update", "*o", NULL},
    {"pop", "", NULL},
    {"remove", "h", NULL},
    {"symmetric_difference_update", "o", NULL},
    {"update", "*o", NULL},
};

static void set_methods(void) {
    PyObject *s = pool_set_or_new(1);
    CALL_RANDOM_METHOD(s, kSetMethods);
    Py_DECREF(s);
}

/* --- The mapping protocol ----------------------------------------------------------------------
 */

static void mapping_protocol(void) {
    PyObject *m = rng_chance(60) ? pool_dict_or_new() : arg_any();
    switch (rng_below(10)) {
    case 0: line_unary_int(PyMapping_Check, "PyMapping_Check", m); break;
    case 1: line_unary_size(PyMapping_Size, "PyMapping_Size", m); break;
    case 2: {
        static const char *const kNames[] = {"PyMapping_Keys", "PyMapping_Values",
                                             "PyMapping_Items"};
        int which = (int)rng_below(3);
        call_begin(kNames[which]);
        arg_obj(m);
        call_args_done();
        result_keep(which == 0   ? PyMapping_Keys(m)
                    : which == 1 ? PyMapping_Values(m)
                                 : PyMapping_Items(m));
        break;
    }
    case 3: {
        /* HasKey swallows errors: only its answer is compared. */
        PyObject *key = key_for(m);
        call_begin("PyMapping_HasKey");
        arg_obj(m);
        arg_obj(key);
        call_args_done();
        result_long(PyMapping_HasKey(m, key));
        Py_DECREF(key);
        break;
    }
    case 4: {
        const char *key = key_cstr();
        call_begin("PyMapping_HasKeyString");
        arg_obj(m);
        arg_cstr(key);
        call_args_done();
        result_long(PyMapping_HasKeyString(m, key));
        break;
    }
    case 5: {
        const char *key = key_cstr();
        call_begin("PyMapping_GetItemString");
        arg_obj(m);
        arg_cstr(key);
        call_args_done();
        result_keep(PyMapping_GetItemString(m, key));
        break;
    }
    case 6: {
        const char *key = key_cstr();
        PyObject *value = arg_any();
        call_begin("PyMapping_SetItemString");
        arg_obj(m);
        arg_cstr(key);
        arg_obj(value);
        call_args_done();
        result_long(PyMapping_SetItemString(m, key, value));
        Py_DECREF(value);
        break;
    }
    case 7: {
        PyObject *key = rng_chance(30) ? PyLong_FromLong(rng_range(-3, 5)) : key_for(m);
        PyObject *value = arg_any();
        call_begin("PyObject_SetItem");
        arg_obj(m);
        arg_obj(key);
        arg_obj(value);
        call_args_done();
        result_long(PyObject_SetItem(m, key, value));
        Py_DECREF(key);
        Py_DECREF(value);
        break;
    }
    case 8: {
        PyObject *key = rng_chance(30) ? PyLong_FromLong(rng_range(-3, 5)) : key_for(m);
        call_begin("PyObject_DelItem");
        arg_obj(m);
        arg_obj(key);
        call_args_done();
        result_long(PyObject_DelItem(m, key));
        Py_DECREF(key);
        break;
    }
    default: {
        const char *key = key_cstr();
        call_begin("PyObject_DelItemString");
        arg_obj(m);
        arg_cstr(key);
        call_args_done();
        result_long(PyObject_DelItemString(m, key));
        break;
    }
    }
    Py_DECREF(m);
}

const Family kMappingFamilies[] = {
    {"dict_api", dict_api, 10},
    {"dict_methods", dict_methods, 6},
    {"set_api", set_api, 6},
    {"set_methods", set_methods, 5},
    {"mapping_protocol", mapping_protocol, 6},
    {NULL, NULL, 0},
};
