/* Families over the object protocol: repr, str, hash, truth, type, printing, rich comparison,
 * attributes (get, set, delete, has), calls (of methods through every PyObject_Call* entry
 * point, and of the built-in types themselves: int(x, base), str(b, encoding), dict(**kw),
 * ...), isinstance and issubclass. Objects hashed by address (types, methods) are printed but
 * never hashed, and never kept. The error API is fuzz_errors.c's. */
#include <string.h>

#include "fuzz.h"

static const char *const kOpNames[] = {"Py_LT", "Py_LE", "Py_EQ", "Py_NE", "Py_GT", "Py_GE"};

/* --- repr, str, hash, truth ---------------------------------------------------------------- */

static void object_basics(void) {
    PyObject *o = arg_any();
    switch (rng_below(9)) {
    case 0: line_unary(PyObject_Repr, "PyObject_Repr", o, 1); break;
    case 1: line_unary(PyObject_Str, "PyObject_Str", o, 1); break;
    case 2: line_unary_size(PyObject_Hash, "PyObject_Hash", o); break;
    case 3: line_unary_int(PyObject_IsTrue, "PyObject_IsTrue", o); break;
    case 4: line_unary_int(PyObject_Not, "PyObject_Not", o); break;
    case 5: line_unary(PyObject_Type, "PyObject_Type", o, 0); break;
    case 6: line_unary_size(PyObject_Size, "PyObject_Size", o); break;
    case 7: {
        int raw = rng_chance(50);
        call_begin("PyObject_Print");
        arg_obj(o);
        arg_text(raw ? "Py_PRINT_RAW" : "0");
        call_args_done();
        fflush(stdout);
        int rc = PyObject_Print(o, stdout, raw ? Py_PRINT_RAW : 0);
        fflush(stdout);
        printf(" -> ");
        result_long(rc);
        break;
    }
    default: line_unary_int(PyCallable_Check, "PyCallable_Check", o); break;
    }
    Py_DECREF(o);
}

static void rich_compare(void) {
    PyObject *a = arg_any();
    PyObject *b = rng_chance(30) ? Py_NewRef(a) : arg_any();
    int op = (int)rng_below(6), as_bool = rng_chance(40);
    call_begin(as_bool ? "PyObject_RichCompareBool" : "PyObject_RichCompare");
    arg_obj(a);
    arg_obj(b);
    arg_text(kOpNames[op]);
    call_args_done();
    if (as_bool)
        result_long(PyObject_RichCompareBool(a, b, op));
    else
        result_keep(PyObject_RichCompare(a, b, op));
    Py_DECREF(a);
    Py_DECREF(b);
}

/* --- Attributes ------------------------------------------------------------------------------- */

/* Names an object of each type has in minipy and in CPython, then names none has. Dunder
 * names that CPython derives from slots or inherits from object (__len__, __class__,
 * __doc__, ...) are left out: minipy lacks them (a known difference). */
static const char *attribute_name(PyObject *o) {
    static const char *const kInt[] = {"real",       "imag",     "numerator", "denominator",
                                       "bit_length", "to_bytes", "__round__"};
    static const char *const kFloat[] = {"real", "imag", "hex", "is_integer", "__trunc__"};
    static const char *const kStr[] = {"upper", "split", "encode", "join", "isdigit"};
    static const char *const kBytes[] = {"decode", "hex", "find"};
    static const char *const kList[] = {"append", "sort", "pop", "__reversed__"};
    static const char *const kTuple[] = {"index", "count", "__getnewargs__"};
    static const char *const kDict[] = {"keys", "get", "fromkeys", "__contains__"};
    static const char *const kSet[] = {"add", "union", "issubset"};
    static const char *const kRange[] = {"start", "stop", "step", "index", "__reduce__"};
    static const char *const kSlice[] = {"start", "stop", "step", "indices"};
    static const char *const kNone[] = {"nope", "__nope__", "Real", "_", "xyz"};
    if (rng_chance(25)) return RNG_PICK(kNone);
#ifndef KNOWN_SLOT_WRAPPERS_MISSING
    /* What every object has, or derives from its slots. */
    static const char *const kEvery[] = {"__class__",  "__len__",  "__sizeof__", "__reduce__",
                                         "__format__", "__hash__", "__eq__",     "__repr__"};
    if (rng_chance(15)) return RNG_PICK(kEvery);
#endif
    if (PyBool_Check(o) || PyLong_Check(o)) return RNG_PICK(kInt);
    if (PyFloat_Check(o)) return RNG_PICK(kFloat);
    if (PyUnicode_Check(o)) return RNG_PICK(kStr);
    if (PyBytes_Check(o)) return RNG_PICK(kBytes);
    if (PyList_Check(o)) return RNG_PICK(kList);
    if (PyTuple_Check(o)) return RNG_PICK(kTuple);
    if (PyDict_Check(o)) return RNG_PICK(kDict);
    if (PyAnySet_Check(o)) return RNG_PICK(kSet);
    if (PyRange_Check(o)) return RNG_PICK(kRange);
    if (PySlice_Check(o)) return RNG_PICK(kSlice);
    return RNG_PICK(kNone);
}

static void attributes(void) {
    PyObject *o = arg_any();
    const char *name = attribute_name(o);
    PyObject *name_obj = PyUnicode_FromString(name);
    switch (rng_below(7)) {
    case 0:
    case 1: {
        call_begin("PyObject_GetAttr");
        arg_obj(o);
        arg_obj(name_obj);
        call_args_done();
        PyObject *r = result_obj(PyObject_GetAttr(o, name_obj));
        if (r != NULL && PyCallable_Check(r) && rng_chance(50)) {
            /* A bound method: its own attributes. */
            static const char *const kMethodAttributes[] = {"__name__", "__self__", "nope"};
            const char *attribute = RNG_PICK(kMethodAttributes);
            call_begin("PyObject_GetAttrString");
            arg_text("the bound method");
            arg_cstr(attribute);
            call_args_done();
            result_keep(PyObject_GetAttrString(r, attribute));
        }
        Py_XDECREF(r);
        break;
    }
    case 2:
        call_begin("PyObject_HasAttrString");
        arg_obj(o);
        arg_cstr(name);
        call_args_done();
        result_long(PyObject_HasAttrString(o, name));
        break;
    case 3:
    case 4: {
        PyObject *value = arg_any();
        int del = rng_chance(30), by_string = rng_chance(50);
        call_begin(del ? (by_string ? "PyObject_DelAttrString" : "PyObject_DelAttr")
                       : (by_string ? "PyObject_SetAttrString" : "PyObject_SetAttr"));
        arg_obj(o);
        arg_obj(name_obj);
        if (!del) arg_obj(value);
        call_args_done();
        int rc = by_string ? PyObject_SetAttrString(o, name, del ? NULL : value)
                           : PyObject_SetAttr(o, name_obj, del ? NULL : value);
        result_long(rc);
        Py_DECREF(value);
        break;
    }
    case 5: {
        /* PyObject_GenericGetAttr, what the built-in types use. */
        call_begin("PyObject_GenericGetAttr");
        arg_obj(o);
        arg_obj(name_obj);
        call_args_done();
        result_drop(PyObject_GenericGetAttr(o, name_obj));
        break;
    }
    default: {
        /* A non-str attribute name. */
        PyObject *bad = arg_any();
        if (PyUnicode_Check(bad)) Py_SETREF(bad, new_small_int());
        call_begin("PyObject_GetAttr");
        arg_obj(o);
        arg_obj(bad);
        call_args_done();
        result_drop(PyObject_GetAttr(o, bad));
        Py_DECREF(bad);
        break;
    }
    }
    Py_DECREF(name_obj);
    Py_DECREF(o);
}

/* --- Calls of methods through each entry point -------------------------------------------------
 */

/* Methods of no argument and of one, with the kind of the one: receivers from the pool. */
typedef struct {
    int (*accept)(PyObject *);
    const char *name;
    char kind; /* 0: no argument */
} SimpleMethod;

static const SimpleMethod kSimpleMethods[] = {
    {is_str, "upper", 0},         {is_str, "isdigit", 0},       {is_str, "strip", 0},
    {is_str, "count", 's'},       {is_str, "find", 's'},        {is_str, "join", 'o'},
    {is_str, "startswith", 's'},  {is_bytes, "hex", 0},         {is_bytes, "count", 'Y'},
    {is_int, "bit_length", 0},    {is_int, "__round__", 'd'},   {is_list, "copy", 0},
    {is_list, "count", 'x'},      {is_list, "append", 'x'},     {is_list, "index", 'x'},
    {is_tuple, "count", 'x'},     {is_dict, "keys", 0},         {is_dict, "get", 'h'},
    {is_dict, "pop", 'h'},        {is_anyset, "copy", 0},       {is_anyset, "union", 'o'},
    {is_anyset, "issubset", 'o'},
#ifndef KNOWN_SLOT_WRAPPERS_MISSING
    {is_list, "__len__", 0},      {is_str, "__getitem__", 'i'}, {is_int, "__add__", 'x'},
    {is_dict, "__class__", 0},    {is_tuple, "__hash__", 0},    {is_set, "__contains__", 'x'},
#endif
};

static void call_methods(void) {
    const SimpleMethod *m = &RNG_PICK(kSimpleMethods);
    PyObject *o = pool_find(m->accept);
    if (o == NULL) return;
    Py_INCREF(o);
    PyObject *a = m->kind != 0 ? arg_of_kind(m->kind) : NULL;
    if (call_too_costly(o, m->name, a)) {
        Py_XDECREF(a);
        Py_DECREF(o);
        return;
    }
    PyObject *name = PyUnicode_FromString(m->name);
    PyObject *r;
    switch (rng_below(5)) {
    case 0:
        call_begin("PyObject_CallMethod");
        arg_obj(o);
        arg_cstr(m->name);
        arg_cstr(a != NULL ? "O" : NULL);
        arg_obj(a);
        call_args_done();
        r = a != NULL ? PyObject_CallMethod(o, m->name, "O", a)
                      : PyObject_CallMethod(o, m->name, NULL);
        break;
    case 1:
        call_begin("PyObject_CallMethodObjArgs");
        arg_obj(o);
        arg_obj(name);
        arg_obj(a);
        call_args_done();
        r = PyObject_CallMethodObjArgs(o, name, a, NULL);
        break;
    case 2:
        call_begin(a != NULL ? "PyObject_CallMethodOneArg" : "PyObject_CallMethodNoArgs");
        arg_obj(o);
        arg_obj(name);
        if (a != NULL) arg_obj(a);
        call_args_done();
        r = a != NULL ? PyObject_CallMethodOneArg(o, name, a) : PyObject_CallMethodNoArgs(o, name);
        break;
    case 3: {
        PyObject *args[3] = {o, a, NULL};
        call_begin("PyObject_VectorcallMethod");
        arg_obj(name);
        arg_obj(o);
        if (a != NULL) arg_obj(a);
        call_args_done();
        r = PyObject_VectorcallMethod(name, args,
                                      (a != NULL ? 2 : 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, NULL);
        break;
    }
    default: {
        /* A format with the argument in a tuple: "(O)" means one argument, the tuple's item. */
        call_begin("PyObject_CallMethod");
        arg_obj(o);
        arg_cstr(m->name);
        arg_cstr(a != NULL ? "(O)" : "()");
        arg_obj(a);
        call_args_done();
        r = a != NULL ? PyObject_CallMethod(o, m->name, "(O)", a)
                      : PyObject_CallMethod(o, m->name, "()");
        break;
    }
    }
    result_keep(r);
    Py_XDECREF(a);
    Py_DECREF(name);
    Py_DECREF(o);
}

/* --- Calls of the types
 * ---------------------------------------------------------------------------- */

typedef struct {
    PyTypeObject *type;
    const char *name;
    const char *params; /* kinds, as in MethodSpec; '|' before the optional ones */
    const char *keywords;
} TypeCall;

static void type_calls(void) {
    static const TypeCall kCalls[] = {
        {&PyLong_Type, "int", "|xi", "- base"},
        {&PyLong_Type, "int", "s|i", "- base"},
        {&PyFloat_Type, "float", "|x", NULL},
        {&PyUnicode_Type, "str", "|xer", "object encoding errors"},
        {&PyUnicode_Type, "str", "Y|er", "object encoding errors"},
        {&PyBytes_Type, "bytes", "|xer", "source encoding errors"},
        {&PyBytes_Type, "bytes", "s|er", "source encoding errors"},
        {&PyTuple_Type, "tuple", "|o", NULL},
        {&PyList_Type, "list", "|o", NULL},
        {&PyDict_Type, "dict", "|o", NULL},
        {&PySet_Type, "set", "|o", NULL},
        {&PyFrozenSet_Type, "frozenset", "|o", NULL},
        {&PyBool_Type, "bool", "|x", NULL},
        {&PySlice_Type, "slice", "x|xx", NULL},
        {&PyType_Type, "type", "x", NULL},
    };
    const TypeCall *c = &RNG_PICK(kCalls);
    int required = 0, total = 0, seen_bar = 0;
    char kinds[8];
    for (const char *p = c->params; *p != '\0'; p++) {
        if (*p == '|') {
            seen_bar = 1;
            continue;
        }
        kinds[total++] = *p;
        if (!seen_bar) required++;
    }
    int n = (int)rng_range(required, total);
    if (rng_chance(5)) /* malformed: one argument too many or too few */
        n = rng_chance(50) ? total + 1 : (required > 0 ? required - 1 : total + 1);
    PyObject *args = PyTuple_New(n);
    for (int i = 0; i < n; i++) {
        PyObject *v = i < total ? arg_of_kind(kinds[i]) : arg_any();
        if (v == NULL) {
            PyErr_Clear();
            v = Py_NewRef(Py_None);
        }
        PyTuple_SET_ITEM(args, i, v);
    }
    if (call_too_costly((PyObject *)c->type, c->name, n > 0 ? PyTuple_GET_ITEM(args, 0) : NULL)) {
        Py_DECREF(args);
        return;
    }
    PyObject *kwargs = NULL;
    if (c->type == &PyDict_Type && rng_chance(30)) {
        kwargs = PyDict_New();
        PyDict_SetItemString(kwargs, "a", pool_any());
        if (rng_chance(50)) PyDict_SetItemString(kwargs, "b", pool_any());
    }
    int entry = (int)rng_below(4);
    if (kwargs != NULL) entry = 0;
    static const char *const kEntries[] = {"PyObject_Call", "PyObject_CallObject",
                                           "PyObject_Vectorcall", "PyObject_VectorcallDict"};
    call_begin(kEntries[entry]);
    arg_text(c->name);
    for (int i = 0; i < n; i++) arg_obj(PyTuple_GET_ITEM(args, i));
    if (kwargs != NULL) {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        while (PyDict_Next(kwargs, &pos, &key, &value)) arg_keyword(PyUnicode_AsUTF8(key), value);
    }
    call_args_done();
    PyObject *r;
    PyObject *callable = (PyObject *)c->type;
    if (entry == 0) {
        r = PyObject_Call(callable, args, kwargs);
    } else if (entry == 1) {
        r = PyObject_CallObject(callable, n == 0 && rng_chance(50) ? NULL : args);
    } else {
        PyObject *vector[5];
        for (int i = 0; i < n && i < 5; i++) vector[i] = PyTuple_GET_ITEM(args, i);
        r = entry == 2 ? PyObject_Vectorcall(callable, vector, (size_t)n, NULL)
                       : PyObject_VectorcallDict(callable, vector, (size_t)n, NULL);
    }
    result_keep(r);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
}

/* --- isinstance and issubclass -------------------------------------------------------------- */

static PyObject *random_type(void) {
    static PyTypeObject *const kTypes[] = {
        &PyLong_Type,  &PyBool_Type,  &PyFloat_Type,      &PyUnicode_Type, &PyBytes_Type,
        &PyTuple_Type, &PyList_Type,  &PyDict_Type,       &PySet_Type,     &PyFrozenSet_Type,
        &PyRange_Type, &PySlice_Type, &PyBaseObject_Type, &PyType_Type,
    };
    return (PyObject *)RNG_PICK(kTypes);
}

static void isinstance(void) {
    PyObject *cls;
    if (rng_chance(70))
        cls = Py_NewRef(random_type());
    else if (rng_chance(70))
        cls = PyTuple_Pack(2, random_type(), random_type());
    else
        cls = arg_any();
    int subclass = rng_chance(35);
    PyObject *o = subclass ? (rng_chance(85) ? Py_NewRef(random_type()) : arg_any()) : arg_any();
    call_begin(subclass ? "PyObject_IsSubclass" : "PyObject_IsInstance");
    arg_obj(o);
    arg_obj(cls);
    call_args_done();
    result_long(subclass ? PyObject_IsSubclass(o, cls) : PyObject_IsInstance(o, cls));
    Py_DECREF(o);
    Py_DECREF(cls);
}
const Family kProtocolFamilies[] = {
    {"object_basics", object_basics, 8},
    {"rich_compare", rich_compare, 8},
    {"attributes", attributes, 5},
    {"call_methods", call_methods, 5},
    {"type_calls", type_calls, 6},
    {"isinstance", isinstance, 3},
    {NULL, NULL, 0},
};
