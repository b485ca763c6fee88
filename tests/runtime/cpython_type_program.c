/* A C program written for CPython's C API that uses the type system the way an extension
 * does: a heap type from a PyType_Spec (members with T_* codes, a getset, methods with
 * METH_CLASS and METH_STATIC, number and sequence slots), the slot wrappers and descriptors
 * that PyType_Ready puts in its dict, a class derived from it by calling `type`, a module from
 * a PyModuleDef, property / classmethod / staticmethod / super / bound methods made through
 * their types, and the special methods of the built-in types looked up as attributes. Like
 * cpython_object_program.c it is compiled unchanged against minipy and against CPython, and
 * both builds must print "ok": every expected text below is what CPython prints. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>
#include <structmember.h>

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)

/* Compares repr(obj) with the expected text (addresses blanked to 0x?) and releases obj. */
static int repr_is(PyObject *obj, const char *expected) {
    if (obj == NULL) {
        PyErr_Print();
        return 0;
    }
    PyObject *text = PyObject_Repr(obj);
    Py_DECREF(obj);
    if (text == NULL) {
        PyErr_Print();
        return 0;
    }
    const char *utf8 = PyUnicode_AsUTF8(text);
    char blanked[512];
    size_t j = 0;
    for (size_t i = 0; utf8[i] != '\0' && j + 4 < sizeof blanked; ++i) {
        if (utf8[i] == '0' && utf8[i + 1] == 'x') {
            memcpy(blanked + j, "0x?", 3);
            j += 3;
            i += 1;
            while ((utf8[i + 1] >= '0' && utf8[i + 1] <= '9') ||
                   (utf8[i + 1] >= 'a' && utf8[i + 1] <= 'f'))
                ++i;
        } else {
            blanked[j++] = utf8[i];
        }
    }
    blanked[j] = '\0';
    int same = strcmp(blanked, expected) == 0;
    if (!same) fprintf(stderr, "got '%s', expected '%s'\n", blanked, expected);
    Py_DECREF(text);
    return same;
}

/* The message of the current exception, if it is of `type`; clears it. */
static int raised(PyObject *type, const char *message) {
    if (!PyErr_ExceptionMatches(type)) {
        if (PyErr_Occurred()) PyErr_Print();
        return 0;
    }
    PyObject *ptype, *value, *tb;
    PyErr_Fetch(&ptype, &value, &tb);
    PyErr_NormalizeException(&ptype, &value, &tb);
    PyObject *text = PyObject_Str(value);
    int same = text != NULL && strcmp(PyUnicode_AsUTF8(text), message) == 0;
    if (!same)
        fprintf(stderr, "raised '%s', expected '%s'\n", text ? PyUnicode_AsUTF8(text) : "?",
                message);
    Py_XDECREF(text);
    Py_XDECREF(ptype);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    return same;
}

/* --- A heap type from a spec -------------------------------------------------------------- */
typedef struct {
    PyObject_HEAD double x;
    int count;
    char flag;
    PyObject *label;
    PyObject *dict;
} PointObject;

static PyObject *point_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    (void)kwds;
    double x = 0;
    if (!PyArg_ParseTuple(args, "|d:Point", &x)) return NULL;
    PointObject *self = (PointObject *)type->tp_alloc(type, 0);
    if (self != NULL) self->x = x;
    return (PyObject *)self;
}

static void point_dealloc(PyObject *self) {
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    Py_CLEAR(((PointObject *)self)->label);
    Py_CLEAR(((PointObject *)self)->dict);
    type->tp_free(self);
    Py_DECREF(type); /* a heap type's instances hold a reference to it */
}

static int point_traverse(PyObject *self, visitproc visit, void *arg) {
    Py_VISIT(((PointObject *)self)->label);
    Py_VISIT(((PointObject *)self)->dict);
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static int point_clear(PyObject *self) {
    Py_CLEAR(((PointObject *)self)->label);
    Py_CLEAR(((PointObject *)self)->dict);
    return 0;
}

static PyObject *point_add(PyObject *a, PyObject *b) {
    PyObject *type = PyObject_Type(a);
    if (type == NULL) return NULL;
    int is_point = PyObject_IsInstance(b, type);
    Py_DECREF(type);
    if (!is_point) Py_RETURN_NOTIMPLEMENTED;
    return PyFloat_FromDouble(((PointObject *)a)->x + ((PointObject *)b)->x);
}

static Py_ssize_t point_length(PyObject *self) {
    return (Py_ssize_t)((PointObject *)self)->count;
}

static PyObject *point_get_double(PyObject *self, void *closure) {
    (void)closure;
    return PyFloat_FromDouble(2 * ((PointObject *)self)->x);
}

static PyObject *point_scale(PyObject *self, PyObject *factor) {
    double f = PyFloat_AsDouble(factor);
    if (f == -1 && PyErr_Occurred()) return NULL;
    return PyFloat_FromDouble(((PointObject *)self)->x * f);
}

static PyObject *point_origin(PyObject *cls, PyObject *unused) {
    (void)unused;
    return PyObject_CallFunction(cls, "d", 0.0);
}

static PyObject *point_unit(PyObject *unused_self, PyObject *unused) {
    (void)unused_self;
    (void)unused;
    return PyUnicode_FromString("unit");
}

static PyMemberDef point_members[] = {
    {"x", T_DOUBLE, offsetof(PointObject, x), 0, "the coordinate"},
    {"count", T_INT, offsetof(PointObject, count), 0, NULL},
    {"flag", T_BOOL, offsetof(PointObject, flag), READONLY, NULL},
    {"label", T_OBJECT_EX, offsetof(PointObject, label), 0, NULL},
    {"__dictoffset__", T_PYSSIZET, offsetof(PointObject, dict), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef point_getset[] = {
    {"double", point_get_double, NULL, "twice x", NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef point_methods[] = {
    {"scale", point_scale, METH_O, "Scales x."},
    {"origin", point_origin, METH_NOARGS | METH_CLASS, "A point at 0."},
    {"unit", point_unit, METH_NOARGS | METH_STATIC, "A constant."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot point_slots[] = {
    {Py_tp_new, point_new},
    {Py_tp_dealloc, point_dealloc},
    {Py_tp_traverse, point_traverse},
    {Py_tp_clear, point_clear},
    {Py_tp_members, point_members},
    {Py_tp_getset, point_getset},
    {Py_tp_methods, point_methods},
    {Py_nb_add, point_add},
    {Py_sq_length, point_length},
    {Py_tp_doc, "A point."},
    {0, NULL},
};

static PyType_Spec point_spec = {
    "geometry.Point",
    sizeof(PointObject),
    0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    point_slots,
};

static void check_spec_type(void) {
    PyObject *point_type = PyType_FromSpec(&point_spec);
    CHECK(point_type != NULL);
    if (point_type == NULL) return;
    CHECK(repr_is(Py_NewRef(point_type), "<class 'geometry.Point'>"));
    CHECK(repr_is(PyObject_GetAttrString(point_type, "__name__"), "'Point'"));
    CHECK(repr_is(PyObject_GetAttrString(point_type, "__module__"), "'geometry'"));
    CHECK(repr_is(PyObject_GetAttrString(point_type, "__doc__"), "'A point.'"));
    CHECK(PyType_GetSlot((PyTypeObject *)point_type, Py_nb_add) == (void *)point_add);
    CHECK(PyType_GetFlags((PyTypeObject *)point_type) & Py_TPFLAGS_HEAPTYPE);

    PyObject *p = PyObject_CallFunction(point_type, "d", 1.5);
    PyObject *q = PyObject_CallFunction(point_type, "d", 2.0);
    CHECK(p != NULL && q != NULL);
    CHECK(repr_is(PyObject_GetAttrString(p, "x"), "1.5"));
    CHECK(PyObject_SetAttrString(p, "count", PyLong_FromLong(3)) == 0);
    Py_DECREF(PyLong_FromLong(3)); /* balance: the value set above is a cached small int */
    CHECK(repr_is(PyObject_GetAttrString(p, "count"), "3"));
    CHECK(PyObject_Length(p) == 3);
    CHECK(repr_is(PyObject_GetAttrString(p, "flag"), "False"));
    CHECK(PyObject_SetAttrString(p, "flag", Py_True) == -1);
    CHECK(raised(PyExc_AttributeError, "readonly attribute"));
    CHECK(PyObject_GetAttrString(p, "label") == NULL);
    CHECK(raised(PyExc_AttributeError, "'geometry.Point' object has no attribute 'label'"));
    CHECK(PyObject_SetAttrString(p, "count", Py_None) == -1);
    CHECK(raised(PyExc_TypeError, "'NoneType' object cannot be interpreted as an integer"));
    CHECK(repr_is(PyObject_GetAttrString(p, "double"), "3.0"));
    CHECK(repr_is(PyNumber_Add(p, q), "3.5"));
    CHECK(repr_is(PyObject_CallMethod(p, "__add__", "O", q), "3.5"));
    CHECK(repr_is(PyObject_CallMethod(p, "scale", "d", 2.0), "3.0"));
    CHECK(
        repr_is(PyObject_CallMethod(point_type, "origin", NULL), "<geometry.Point object at 0x?>"));
    CHECK(repr_is(PyObject_CallMethod(point_type, "unit", NULL), "'unit'"));
    CHECK(PyObject_SetAttrString(p, "extra", Py_None) == 0);
    CHECK(repr_is(PyObject_GetAttrString(p, "__dict__"), "{'extra': None}"));

    PyObject *dict = PyObject_GetAttrString(point_type, "__dict__");
    CHECK(repr_is(PyObject_GetItem(dict, PyUnicode_FromString("x")),
                  "<member 'x' of 'geometry.Point' objects>"));
    PyErr_Clear();
    CHECK(repr_is(PyMapping_GetItemString(dict, "double"),
                  "<attribute 'double' of 'geometry.Point' objects>"));
    CHECK(repr_is(PyMapping_GetItemString(dict, "scale"),
                  "<method 'scale' of 'geometry.Point' objects>"));
    CHECK(repr_is(PyMapping_GetItemString(dict, "origin"),
                  "<method 'origin' of 'geometry.Point' objects>"));
    CHECK(repr_is(PyMapping_GetItemString(dict, "unit"),
                  "<staticmethod(<built-in method unit of type object at 0x?>)>"));
    CHECK(repr_is(PyMapping_GetItemString(dict, "__add__"),
                  "<slot wrapper '__add__' of 'geometry.Point' objects>"));
    CHECK(repr_is(PyMapping_GetItemString(dict, "__len__"),
                  "<slot wrapper '__len__' of 'geometry.Point' objects>"));
    Py_XDECREF(dict);

    /* A class deriving from it, made by calling type(name, bases, namespace). */
    PyObject *sub_type = PyObject_CallFunction((PyObject *)&PyType_Type, "s(O){s:s}", "Sub",
                                               point_type, "__module__", "geometry");
    CHECK(sub_type != NULL);
    PyObject *s = sub_type != NULL ? PyObject_CallFunction(sub_type, "d", 4.0) : NULL;
    CHECK(repr_is(Py_XNewRef(s), "<geometry.Sub object at 0x?>"));
    CHECK(repr_is(PyNumber_Add(p, s), "5.5"));
    /* Sub + Point: point_add refuses a Point that is not a Sub, and the reflected call would be
     * the same function: no one handles it. */
    CHECK(PyNumber_Add(s, p) == NULL);
    CHECK(raised(PyExc_TypeError, "unsupported operand type(s) for +: 'Sub' and 'geometry.Point'"));
    CHECK(PyObject_IsInstance(s, point_type) == 1 &&
          PyObject_IsSubclass(sub_type, point_type) == 1);
    CHECK(repr_is(PyObject_GetAttrString(sub_type, "__mro__"),
                  "(<class 'geometry.Sub'>, <class 'geometry.Point'>, <class 'object'>)"));
    PyObject *super_args = Py_BuildValue("(OO)", sub_type, s);
    PyObject *sup = PyObject_Call((PyObject *)&PySuper_Type, super_args, NULL);
    CHECK(repr_is(PyObject_CallMethod(sup, "scale", "d", 0.5), "2.0"));
    Py_XDECREF(sup);
    Py_XDECREF(super_args);
    Py_XDECREF(s);
    Py_XDECREF(sub_type);
    Py_DECREF(p);
    Py_DECREF(q);
    Py_DECREF(point_type);
}

/* --- A module from a definition ------------------------------------------------------------ */
static PyObject *demo_twice(PyObject *module, PyObject *arg) {
    (void)module;
    return PyNumber_Multiply(arg, PyLong_FromLong(2));
}

static PyMethodDef demo_functions[] = {
    {"twice", demo_twice, METH_O, "Doubles."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef demo_module = {
    PyModuleDef_HEAD_INIT, "demo", "A demo module.", -1, demo_functions, NULL, NULL, NULL, NULL};

static void check_module(void) {
    PyObject *m = PyModule_Create(&demo_module);
    CHECK(m != NULL);
    if (m == NULL) return;
    CHECK(PyModule_AddIntConstant(m, "ANSWER", 42) == 0);
    CHECK(PyModule_AddStringConstant(m, "NAME", "demo") == 0);
    PyObject *value = PyLong_FromLong(7);
    CHECK(PyModule_AddObjectRef(m, "seven", value) == 0);
    Py_DECREF(value);
    CHECK(strcmp(PyModule_GetName(m), "demo") == 0);
    CHECK(PyModule_GetDef(m) == &demo_module);
    CHECK(repr_is(Py_NewRef(m), "<module 'demo'>"));
    CHECK(repr_is(PyObject_GetAttrString(m, "__doc__"), "'A demo module.'"));
    CHECK(repr_is(PyObject_GetAttrString(m, "ANSWER"), "42"));
    CHECK(repr_is(PyObject_GetAttrString(m, "twice"), "<built-in function twice>"));
    CHECK(repr_is(PyObject_CallMethod(m, "twice", "i", 21), "42"));
    CHECK(PyObject_GetAttrString(m, "missing") == NULL);
    CHECK(raised(PyExc_AttributeError, "module 'demo' has no attribute 'missing'"));
    CHECK(repr_is(PyObject_Dir(m),
                  "['ANSWER', 'NAME', '__doc__', '__loader__', '__name__', '__package__', "
                  "'__spec__', 'seven', 'twice']"));
    PyObject *file = PyUnicode_FromString("/tmp/demo.py");
    CHECK(PyObject_SetAttrString(m, "__file__", file) == 0);
    Py_DECREF(file);
    CHECK(repr_is(Py_NewRef(m), "<module 'demo' from '/tmp/demo.py'>"));
    /* A type that belongs to the module. */
    PyObject *owned_type = PyType_FromModuleAndSpec(m, &point_spec, NULL);
    CHECK(owned_type != NULL);
    if (owned_type != NULL) {
        CHECK(PyType_GetModule((PyTypeObject *)owned_type) == m);
        CHECK(PyType_GetModuleByDef((PyTypeObject *)owned_type, &demo_module) == m);
        CHECK(PyType_GetModule((PyTypeObject *)&PyLong_Type) == NULL);
        CHECK(raised(PyExc_TypeError, "PyType_GetModule: Type 'int' is not a heap type"));
        Py_DECREF(owned_type);
    }
    PyObject *plain = PyModule_New("plain");
    CHECK(repr_is(PyModule_GetDict(plain) ? PyObject_GetAttrString(plain, "__name__") : NULL,
                  "'plain'"));
    Py_XDECREF(plain);
    Py_DECREF(m);
}

/* --- Descriptors and methods made through their types -------------------------------------- */
static PyObject *describe(PyObject *self, PyObject *arg) {
    (void)self;
    return PyUnicode_FromFormat("described %R", arg);
}
static PyMethodDef describe_def = {"describe", describe, METH_O, NULL};

static void check_descriptors(void) {
    PyObject *func = PyCFunction_New(&describe_def, NULL);
    PyObject *cls =
        PyObject_CallFunction((PyObject *)&PyType_Type, "s(){s:s}", "Thing", "__module__", "demo");
    PyObject *prop = PyObject_CallFunctionObjArgs((PyObject *)&PyProperty_Type, func, NULL);
    PyObject *cm = PyClassMethod_New(func);
    PyObject *sm = PyStaticMethod_New(func);
    CHECK(cls != NULL && prop != NULL && cm != NULL && sm != NULL);
    CHECK(PyObject_SetAttrString(cls, "prop", prop) == 0);
    CHECK(PyObject_SetAttrString(cls, "cm", cm) == 0);
    CHECK(PyObject_SetAttrString(cls, "sm", sm) == 0);
    PyObject *thing = PyObject_CallNoArgs(cls);
    CHECK(repr_is(PyObject_GetAttrString(thing, "prop"), "'described <demo.Thing object at 0x?>'"));
    CHECK(PyObject_SetAttrString(thing, "prop", Py_None) == -1);
    /* Set on the class after it was made: no __set_name__, so the property has no name. */
    CHECK(raised(PyExc_AttributeError, "property of 'Thing' object has no setter"));
    CHECK(repr_is(PyObject_CallMethod(thing, "cm", NULL), "\"described <class 'demo.Thing'>\""));
    CHECK(repr_is(PyObject_CallMethod(cls, "sm", "i", 5), "'described 5'"));
    PyObject *bound = PyMethod_New(func, thing);
    CHECK(repr_is(Py_NewRef(bound), "<bound method describe of <demo.Thing object at 0x?>>"));
    CHECK(PyMethod_Self(bound) == thing && PyMethod_Function(bound) == func);
    CHECK(repr_is(PyObject_CallNoArgs(bound), "'described <demo.Thing object at 0x?>'"));
    CHECK(repr_is(
        PyObject_GetAttrString(cls, "__dict__"),
        "mappingproxy({'__module__': 'demo', '__dict__': <attribute '__dict__' of 'Thing' "
        "objects>, "
        "'__weakref__': <attribute '__weakref__' of 'Thing' objects>, '__doc__': None, "
        "'prop': <property object at 0x?>, 'cm': <classmethod(<built-in function describe>)>, "
        "'sm': <staticmethod(<built-in function describe>)>})"));
    Py_XDECREF(bound);
    Py_XDECREF(thing);
    Py_XDECREF(sm);
    Py_XDECREF(cm);
    Py_XDECREF(prop);
    Py_XDECREF(cls);
    Py_XDECREF(func);
}

/* --- The built-in types' special methods as attributes -------------------------------------- */
static void check_builtin_dunders(void) {
    PyObject *list = Py_BuildValue("[iii]", 1, 2, 3);
    PyObject *text = PyUnicode_FromString("abc");
    PyObject *one = PyLong_FromLong(1);
    CHECK(repr_is(PyObject_CallMethod(list, "__len__", NULL), "3"));
    CHECK(repr_is(PyObject_CallMethod(one, "__add__", "i", 2), "3"));
    CHECK(repr_is(PyObject_GetAttrString(text, "__class__"), "<class 'str'>"));
    CHECK(repr_is(PyObject_GetAttrString(one, "__add__"),
                  "<method-wrapper '__add__' of int object at 0x?>"));
    CHECK(repr_is(PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "join"),
                  "<method 'join' of 'str' objects>"));
    CHECK(repr_is(PyObject_CallMethod(list, "__getitem__", "i", -1), "3"));
    CHECK(repr_is(PyObject_CallMethod(text, "__contains__", "s", "b"), "True"));
    CHECK(repr_is(PyObject_CallMethod(list, "__repr__", NULL), "'[1, 2, 3]'"));
    CHECK(repr_is(PyObject_CallMethod(one, "__sizeof__", NULL), "28"));
    CHECK(PyObject_CallMethod(one, "__add__", NULL) == NULL);
    CHECK(raised(PyExc_TypeError, "expected 1 argument, got 0"));
    CHECK(repr_is(PyObject_GetAttrString((PyObject *)&PyList_Type, "__hash__"), "None"));
    Py_DECREF(list);
    Py_DECREF(text);
    Py_DECREF(one);
}

int main(void) {
    Py_Initialize();
    check_spec_type();
    check_module();
    check_descriptors();
    check_builtin_dunders();
    PyGC_Collect();
    if (Py_FinalizeEx() < 0) ++failures;
    if (failures == 0) printf("ok\n");
    return failures == 0 ? 0 : 1;
}
