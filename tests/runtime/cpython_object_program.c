/* A C program written for CPython's object API: a type defined the way a C extension
 * defines one (a static PyTypeObject filled positionally, PyObject_New/PyObject_Del, a method
 * table, a rich comparison), and the first calls an extension writer makes on the built-in
 * types. Like cpython_api_program.c it is compiled unchanged against minipy and against
 * CPython, and both must print "ok": every expected text below is what CPython prints. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)

/* Compares str(obj) (or repr) with the expected text and releases obj. */
static int text_is(PyObject *obj, const char *expected, int use_repr) {
    if (obj == NULL) {
        PyErr_Print();
        return 0;
    }
    PyObject *text = use_repr ? PyObject_Repr(obj) : PyObject_Str(obj);
    Py_DECREF(obj);
    if (text == NULL) {
        PyErr_Print();
        return 0;
    }
    const char *utf8 = PyUnicode_AsUTF8(text);
    int same = utf8 != NULL && strcmp(utf8, expected) == 0;
    if (!same) fprintf(stderr, "got '%s', expected '%s'\n", utf8 ? utf8 : "(null)", expected);
    Py_DECREF(text);
    return same;
}
#define STR_IS(obj, text)  text_is((obj), (text), 0)
#define REPR_IS(obj, text) text_is((obj), (text), 1)

/* The message of the current exception, if it is of `type`; clears it. */
static int raised(PyObject *type, const char *message) {
    if (!PyErr_ExceptionMatches(type)) {
        if (PyErr_Occurred()) PyErr_Print();
        return 0;
    }
    PyObject *ptype, *value, *tb;
    PyErr_Fetch(&ptype, &value, &tb);
    PyErr_NormalizeException(&ptype, &value, &tb);
    int same = STR_IS(Py_NewRef(value), message);
    Py_XDECREF(ptype);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return same;
}

/* --- A counter type, as a C extension writes one ----------------------------------------- */
typedef struct {
    PyObject_HEAD long value;
} CounterObject;

static PyTypeObject CounterType;

static PyObject *counter_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    (void)kwds;
    long start = 0;
    if (!PyArg_ParseTuple(args, "|l:Counter", &start)) return NULL;
    CounterObject *self = PyObject_New(CounterObject, type);
    if (self == NULL) return NULL;
    self->value = start;
    return (PyObject *)self;
}

static void counter_dealloc(PyObject *self) {
    PyObject_Del(self);
}

static PyObject *counter_repr(PyObject *self) {
    return PyUnicode_FromFormat("Counter(%ld)", ((CounterObject *)self)->value);
}

static PyObject *counter_increment(PyObject *self, PyObject *args) {
    long by = 1;
    if (!PyArg_ParseTuple(args, "|l:increment", &by)) return NULL;
    ((CounterObject *)self)->value += by;
    return PyLong_FromLong(((CounterObject *)self)->value);
}

static PyObject *counter_richcompare(PyObject *a, PyObject *b, int op) {
    if (!PyObject_TypeCheck(b, &CounterType)) Py_RETURN_NOTIMPLEMENTED;
    long x = ((CounterObject *)a)->value, y = ((CounterObject *)b)->value;
    Py_RETURN_RICHCOMPARE(x, y, op);
}

static PyMethodDef counter_methods[] = {
    {"increment", counter_increment, METH_VARARGS, "Adds to the counter."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CounterType = {
    PyVarObject_HEAD_INIT(NULL, 0) "demo.Counter", /* tp_name */
    sizeof(CounterObject),                         /* tp_basicsize */
    0,                                             /* tp_itemsize */
    counter_dealloc,                               /* tp_dealloc */
    0,                                             /* tp_vectorcall_offset */
    0,                                             /* tp_getattr */
    0,                                             /* tp_setattr */
    0,                                             /* tp_as_async */
    counter_repr,                                  /* tp_repr */
    0,                                             /* tp_as_number */
    0,                                             /* tp_as_sequence */
    0,                                             /* tp_as_mapping */
    0,                                             /* tp_hash */
    0,                                             /* tp_call */
    0,                                             /* tp_str */
    PyObject_GenericGetAttr,                       /* tp_getattro */
    0,                                             /* tp_setattro */
    0,                                             /* tp_as_buffer */
    Py_TPFLAGS_DEFAULT,                            /* tp_flags */
    "A counter.",                                  /* tp_doc */
    0,                                             /* tp_traverse */
    0,                                             /* tp_clear */
    counter_richcompare,                           /* tp_richcompare */
    0,                                             /* tp_weaklistoffset */
    0,                                             /* tp_iter */
    0,                                             /* tp_iternext */
    counter_methods,                               /* tp_methods */
    0,                                             /* tp_members */
    0,                                             /* tp_getset */
    0,                                             /* tp_base */
    0,                                             /* tp_dict */
    0,                                             /* tp_descr_get */
    0,                                             /* tp_descr_set */
    0,                                             /* tp_dictoffset */
    0,                                             /* tp_init */
    0,                                             /* tp_alloc */
    counter_new,                                   /* tp_new */
    0,                                             /* tp_free */
    0,                                             /* tp_is_gc */
    0,                                             /* tp_bases */
    0,                                             /* tp_mro */
    0,                                             /* tp_cache */
    0,                                             /* tp_subclasses */
    0,                                             /* tp_weaklist */
    0,                                             /* tp_del */
    0,                                             /* tp_version_tag */
    0,                                             /* tp_finalize */
    0,                                             /* tp_vectorcall */
};

static void check_counter(void) {
    CHECK(PyType_Ready(&CounterType) == 0);
    PyObject *counter = PyObject_CallFunction((PyObject *)&CounterType, "l", 40L);
    CHECK(counter != NULL && Py_REFCNT(counter) == 1);
    if (counter == NULL) return;
    CHECK(REPR_IS(PyObject_CallMethod(counter, "increment", NULL), "41"));
    CHECK(REPR_IS(PyObject_CallMethod(counter, "increment", "l", 1L), "42"));
    CHECK(REPR_IS(Py_NewRef(counter), "Counter(42)"));
    CHECK(STR_IS(Py_NewRef(counter), "Counter(42)"));
    PyObject *other = PyObject_CallFunction((PyObject *)&CounterType, NULL);
    CHECK(PyObject_RichCompareBool(counter, other, Py_GT) == 1);
    CHECK(PyObject_RichCompareBool(counter, other, Py_EQ) == 0);
    CHECK(PyObject_RichCompareBool(counter, counter, Py_EQ) == 1);
    PyObject *one = PyLong_FromLong(1);
    CHECK(PyObject_RichCompare(counter, one, Py_LT) == NULL);
    CHECK(
        raised(PyExc_TypeError, "'<' not supported between instances of 'demo.Counter' and 'int'"));
    CHECK(PyObject_GetAttrString(counter, "missing") == NULL);
    CHECK(raised(PyExc_AttributeError, "'demo.Counter' object has no attribute 'missing'"));
    CHECK(PyObject_CallMethod(counter, "increment", "s", "x") == NULL);
    CHECK(raised(PyExc_TypeError, "'str' object cannot be interpreted as an integer"));
    /* A type that defines equality but not a hash is unhashable: it inherits neither. */
    CHECK(PyObject_Hash(counter) == -1);
    CHECK(raised(PyExc_TypeError, "unhashable type: 'demo.Counter'"));
    Py_DECREF(one);
    Py_DECREF(other);
    Py_DECREF(counter);
}

/* --- The built-in types ------------------------------------------------------------------ */
static void check_numbers(void) {
    PyObject *big = PyLong_FromString("123456789012345678901234567890", NULL, 10);
    PyObject *three = PyLong_FromLong(3);
    CHECK(STR_IS(PyNumber_Multiply(big, three), "370370367037037036703703703670"));
    CHECK(STR_IS(PyNumber_FloorDivide(big, three), "41152263004115226300411522630"));
    CHECK(STR_IS(PyNumber_Remainder(big, three), "0"));
    CHECK(STR_IS(PyNumber_Negative(big), "-123456789012345678901234567890"));
    CHECK(REPR_IS(PyNumber_TrueDivide(big, three), "4.115226300411523e+28"));
    CHECK(PyLong_AsLong(big) == -1 &&
          raised(PyExc_OverflowError, "Python int too large to convert to C long"));
    PyObject *small = PyLong_FromLong(7);
    PyObject *seven = PyLong_FromSsize_t(7);
    CHECK(small == seven); /* the small-int cache */
    CHECK(PyLong_AsLong(small) == 7 && PyLong_AsDouble(small) == 7.0);
    PyObject *zero = PyLong_FromLong(0);
    CHECK(PyNumber_FloorDivide(small, zero) == NULL);
    CHECK(raised(PyExc_ZeroDivisionError, "integer division or modulo by zero"));
    PyObject *tenth = PyFloat_FromDouble(0.1);
    PyObject *fifth = PyFloat_FromDouble(0.2);
    CHECK(REPR_IS(PyNumber_Add(tenth, fifth), "0.30000000000000004"));
    CHECK(REPR_IS(PyNumber_Add(tenth, small), "7.1"));
    CHECK(REPR_IS(PyFloat_FromDouble(1e16), "1e+16"));
    CHECK(PyFloat_AsDouble(tenth) == 0.1);
    CHECK(PyObject_Hash(small) == 7);
    PyObject *seven_f = PyFloat_FromDouble(7.0);
    CHECK(PyObject_Hash(seven_f) == 7 && PyObject_RichCompareBool(seven_f, small, Py_EQ) == 1);
    PyObject *text = PyUnicode_FromString("12");
    CHECK(PyNumber_Add(small, text) == NULL);
    CHECK(raised(PyExc_TypeError, "unsupported operand type(s) for +: 'int' and 'str'"));
    PyObject *none = Py_None;
    CHECK(PyNumber_Negative(none) == NULL);
    CHECK(raised(PyExc_TypeError, "bad operand type for unary -: 'NoneType'"));
    CHECK(PyObject_IsTrue(zero) == 0 && PyObject_IsTrue(small) == 1 &&
          PyObject_IsTrue(Py_None) == 0);
    CHECK(REPR_IS(PyBool_FromLong(5), "True"));
    Py_DECREF(big);
    Py_DECREF(three);
    Py_DECREF(small);
    Py_DECREF(seven);
    Py_DECREF(zero);
    Py_DECREF(tenth);
    Py_DECREF(fifth);
    Py_DECREF(seven_f);
    Py_DECREF(text);
}

static void check_containers(void) {
    PyObject *list = PyList_New(0);
    for (long i = 0; i < 5; ++i) {
        PyObject *item = PyLong_FromLong(i * i);
        CHECK(PyList_Append(list, item) == 0);
        Py_DECREF(item);
    }
    CHECK(PyList_Size(list) == 5);
    CHECK(PyList_Insert(list, 0, Py_None) == 0);
    CHECK(REPR_IS(Py_NewRef(list), "[None, 0, 1, 4, 9, 16]"));
    CHECK(PyList_GetItem(list, 6) == NULL && raised(PyExc_IndexError, "list index out of range"));
    CHECK(PyObject_Length(list) == 6);

    PyObject *tuple =
        Py_BuildValue("(is(d)[i]N)", 1, "two", 3.5, 4, PyUnicode_FromString("\xc3\xa9"));
    CHECK(REPR_IS(Py_NewRef(tuple), "(1, 'two', (3.5,), [4], '\xc3\xa9')"));
    CHECK(PyTuple_Size(tuple) == 5);
    CHECK(PyTuple_GetItem(tuple, 9) == NULL &&
          raised(PyExc_IndexError, "tuple index out of range"));
    CHECK(PyObject_Hash(PyTuple_GetItem(tuple, 0)) == 1);

    PyObject *dict = PyDict_New();
    CHECK(PyDict_SetItemString(dict, "b", list) == 0);
    CHECK(PyDict_SetItemString(dict, "a", Py_True) == 0);
    PyObject *one = PyLong_FromLong(1);
    PyObject *one_f = PyFloat_FromDouble(1.0);
    CHECK(PyDict_SetItem(dict, one, Py_None) == 0);
    CHECK(PyDict_SetItem(dict, one_f, Py_False) == 0); /* 1.0 == 1: the same key */
    CHECK(PyDict_Size(dict) == 3);
    CHECK(REPR_IS(Py_NewRef(dict), "{'b': [None, 0, 1, 4, 9, 16], 'a': True, 1: False}"));
    CHECK(PyDict_GetItemString(dict, "a") == Py_True);
    CHECK(PyDict_DelItemString(dict, "zz") == -1 && raised(PyExc_KeyError, "'zz'"));
    CHECK(STR_IS(PyDict_Keys(dict), "['b', 'a', 1]"));
    PyObject *key, *value;
    Py_ssize_t pos = 0, seen = 0;
    while (PyDict_Next(dict, &pos, &key, &value)) ++seen;
    CHECK(seen == 3);
    CHECK(PyDict_SetItem(dict, list, Py_None) == -1 &&
          raised(PyExc_TypeError, "unhashable type: 'list'"));
    CHECK(PyObject_GetItem(dict, one_f) == Py_False);
    Py_DECREF(Py_False);

    PyObject *set = PySet_New(NULL);
    CHECK(PySet_Add(set, one) == 0 && PySet_Add(set, one_f) == 0);
    CHECK(PySet_Contains(set, one_f) == 1 && PySet_Size(set) == 1);
    CHECK(REPR_IS(Py_NewRef(set), "{1}"));

    PyObject *bytes = PyBytes_FromString("abc");
    CHECK(PyBytes_Check(bytes) && PyBytes_Size(bytes) == 3 &&
          strcmp(PyBytes_AsString(bytes), "abc") == 0);
    CHECK(REPR_IS(Py_NewRef(bytes), "b'abc'"));
    PyObject *hello = PyUnicode_FromFormat("%s-%d-%R", "x", 5, list);
    CHECK(STR_IS(Py_NewRef(hello), "x-5-[None, 0, 1, 4, 9, 16]"));
    PyObject *accented = PyUnicode_FromString("\xc5\xbc\xc3\xb3\xc5\x82w"); /* "żółw" */
    CHECK(PyUnicode_GetLength(accented) == 4);
    CHECK(PyObject_CallMethod(list, "append", "O", accented) != NULL);
    Py_DECREF(Py_None);
    CHECK(PyObject_CallMethod(list, "append", NULL) == NULL);
    CHECK(raised(PyExc_TypeError, "list.append() takes exactly one argument (0 given)"));
    CHECK(PyObject_SetAttrString(list, "x", Py_None) == -1);
    CHECK(raised(PyExc_AttributeError, "'list' object has no attribute 'x'"));

    Py_DECREF(list);
    Py_DECREF(tuple);
    Py_DECREF(dict);
    Py_DECREF(one);
    Py_DECREF(one_f);
    Py_DECREF(set);
    Py_DECREF(bytes);
    Py_DECREF(hello);
    Py_DECREF(accented);
}

/* --- Deep structures: a GC type whose tp_dealloc uses the trashcan macros, and the
 * recursion limit reached by repr. */

typedef struct {
    PyObject_HEAD PyObject *next;
} LinkObject;

static long links_freed = 0;

static void link_dealloc(PyObject *self) {
    PyObject_GC_UnTrack(self);
    Py_TRASHCAN_BEGIN(self, link_dealloc) Py_CLEAR(((LinkObject *)self)->next);
    PyObject_GC_Del(self);
    ++links_freed;
    Py_TRASHCAN_END
}

static int link_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(((LinkObject *)self)->next);
    return 0;
}

static int link_clear(PyObject *self) {
    Py_CLEAR(((LinkObject *)self)->next);
    return 0;
}

static PyTypeObject LinkType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "demo.Link",
    .tp_basicsize = sizeof(LinkObject),
    .tp_dealloc = link_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = link_traverse,
    .tp_clear = link_clear,
};

static void check_deep_structures(void) {
    enum { kDepth = 200000 };
    CHECK(PyType_Ready(&LinkType) == 0);
    PyObject *chain = NULL;
    for (long i = 0; i < kDepth; i++) {
        LinkObject *link = PyObject_GC_New(LinkObject, &LinkType);
        if (link == NULL) break;
        link->next = chain; /* takes over the reference */
        PyObject_GC_Track(link);
        chain = (PyObject *)link;
    }
    links_freed = 0;
    Py_XDECREF(chain); /* 200000 nested deallocations without the trashcan */
    CHECK(links_freed == kDepth);

    PyObject *lists = PyList_New(0);
    for (int i = 0; i < 2000 && lists != NULL; i++) {
        PyObject *outer = PyList_New(1);
        if (outer != NULL)
            PyList_SET_ITEM(outer, 0, lists);
        else
            Py_DECREF(lists);
        lists = outer;
    }
    CHECK(lists != NULL && PyObject_Repr(lists) == NULL &&
          raised(PyExc_RecursionError,
                 "maximum recursion depth exceeded while getting the repr of an object"));
    Py_XDECREF(lists);
}

static PyObject *seed_example(void) {
    char *buf = PyMem_New(char, BUFSIZ);
    if (buf == NULL) return PyErr_NoMemory();
    strcpy(buf, "I/O");
    PyObject *res = PyBytes_FromString(buf);
    PyMem_Del(buf);
    return res;
}

int main(void) {
    Py_Initialize();
    check_counter();
    check_numbers();
    check_containers();
    check_deep_structures();
    CHECK(STR_IS(seed_example(), "b'I/O'"));
    PyErr_SetString(PyExc_ValueError, "left set");
    CHECK(raised(PyExc_ValueError, "left set"));
    CHECK(PyErr_Occurred() == NULL);
    CHECK(PyErr_NoMemory() == NULL && PyErr_ExceptionMatches(PyExc_MemoryError));
    PyErr_Clear();
    PyGC_Collect();
    if (Py_FinalizeEx() < 0) ++failures;
    if (failures == 0) printf("ok\n");
    return failures == 0 ? 0 : 1;
}
