/* C-API calls whose results, errors and messages must be CPython 3.11's, one line per call:
 * the differences issue 10 lists, and the type checks of the public functions that take
 * PyObject * (each called with objects of the wrong type where CPython checks, and with NULL
 * where it does). Built unchanged against minipy and against CPython; both builds must print
 * data/cpython_capi_program_expected.txt, which the CPython build wrote.
 *
 * A line is "<call> => <result>": the repr of a returned object, the number a function
 * returned, and "!<Type>: <message>" for the exception it left (a C location in a SystemError's
 * message is cut off, since it names each implementation's own source file). Calls CPython
 * does not check (it reads the object as the type it expects, or asserts) are left out: their
 * behaviour is undefined there. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cpython_program_output.h"

/* --- Printing results ------------------------------------------------------------------------ */

/* repr() of a short text; long ones are cut (the length is printed). */
static void print_repr(PyObject *obj) {
    PyObject *repr = PyObject_Repr(obj);
    if (repr == NULL) {
        printf(" repr failed:");
        print_error();
        return;
    }
    Py_ssize_t size;
    const char *text = PyUnicode_AsUTF8AndSize(repr, &size);
    if (size <= 300)
        printf(" %s", text);
    else
        printf(" %.300s... (%zd characters)", text, size);
    Py_DECREF(repr);
}

/* An object result (released). */
static void show(const char *call, PyObject *result) {
    printf("%s =>", call);
    if (result != NULL) {
        print_repr(result);
        Py_DECREF(result);
    }
    if (PyErr_Occurred()) print_error();
    printf("\n");
    fflush(stdout);
}

/* A number result, and the exception if one is set. */
static void show_number(const char *call, long long result) {
    printf("%s => %lld", call, result);
    if (PyErr_Occurred()) print_error();
    printf("\n");
    fflush(stdout);
}

static void show_double(const char *call, double result) {
    printf("%s => %.17g", call, result);
    if (PyErr_Occurred()) print_error();
    printf("\n");
    fflush(stdout);
}

/* A C string result (NULL: an error). */
static void show_text(const char *call, const char *result) {
    printf("%s =>", call);
    if (result != NULL) printf(" \"%s\"", result);
    if (PyErr_Occurred()) print_error();
    printf("\n");
    fflush(stdout);
}

/* A void call: only the exception it may leave. */
static void show_void(const char *call) {
    printf("%s =>", call);
    if (PyErr_Occurred()) print_error();
    printf(" done\n");
    fflush(stdout);
}

#define SHOW(expr)        show(#expr, (expr))
#define SHOW_NUMBER(expr) show_number(#expr, (long long)(expr))
#define SHOW_DOUBLE(expr) show_double(#expr, (expr))
#define SHOW_TEXT(expr)   show_text(#expr, (expr))
#define SHOW_VOID(expr)   ((expr), show_void(#expr))

/* --- The objects the calls use --------------------------------------------------------------- */
static PyObject *s, *b, *l, *i5, *f, *t, *d, *st, *none, *neg1, *wide;

static void make_objects(void) {
    s = PyUnicode_FromString("abc");
    b = PyBytes_FromString("ab");
    l = PyList_New(0);
    i5 = PyLong_FromLong(5);
    f = PyFloat_FromDouble(2.5);
    t = Py_BuildValue("(ii)", 1, 2);
    d = Py_BuildValue("{ii}", 1, 2);
    st = PySet_New(NULL);
    PySet_Add(st, i5);
    none = Py_None;
    neg1 = PyLong_FromLong(-1);
    wide = PyUnicode_FromString("\xce\xa9x"); /* "\u03a9x" */
}

/* --- Issue 10's differences ------------------------------------------------------------------ */
static void issue_cases(void) {
    /* 1. PyLong_FromUnicodeObject reads only a str. */
    SHOW(PyLong_FromUnicodeObject(l, 10));
    SHOW(PyLong_FromUnicodeObject(f, 10));
    SHOW(PyLong_FromUnicodeObject(neg1, 10));
    SHOW(PyLong_FromUnicodeObject(l, 99));
    SHOW(PyLong_FromUnicodeObject(s, 99));
    SHOW(PyLong_FromUnicodeObject(s, 16));

    /* 2. Results. */
    SHOW(PyUnicode_Split(s, none, -1));
    SHOW(PyUnicode_Split(s, b, -1));
    SHOW(PyUnicode_Split(s, NULL, -1));
    SHOW(PyUnicode_Split(l, NULL, -1));
    SHOW_NUMBER(PyUnicode_FindChar(s, 'b', 0, -1, 1));
    SHOW_NUMBER(PyUnicode_FindChar(s, 'c', -2, 100, -1));
    SHOW_NUMBER(PyUnicode_FindChar(s, 'c', 0, -1, 1));
    SHOW_NUMBER(PyUnicode_FindChar(s, 'a', 5, 2, 1));
    {
        PyObject *one = Py_BuildValue("[s]", "x");
        SHOW(PyUnicode_Join(i5, one));
        Py_DECREF(one);
        PyObject *two = Py_BuildValue("[ss]", "x", "y");
        SHOW(PyUnicode_Join(i5, two));
        SHOW(PyUnicode_Join(NULL, two));
        Py_DECREF(two);
        PyObject *mixed = Py_BuildValue("[si]", "x", 1);
        SHOW(PyUnicode_Join(i5, mixed));
        SHOW(PyUnicode_Join(s, mixed));
        Py_DECREF(mixed);
        PyObject *single_int = Py_BuildValue("[i]", 1);
        SHOW(PyUnicode_Join(i5, single_int));
        Py_DECREF(single_int);
        SHOW(PyUnicode_Join(s, i5));
        SHOW(PyUnicode_Join(s, l));
    }
    {
        PyObject *it = PyObject_GetIter(s);
        SHOW_NUMBER(PyObject_LengthHint(it, -7));
        Py_XDECREF(PyIter_Next(it));
        SHOW_NUMBER(PyObject_LengthHint(it, -7));
        Py_DECREF(it);
        it = PyObject_GetIter(b);
        SHOW_NUMBER(PyObject_LengthHint(it, -7));
        Py_DECREF(it);
        it = PyObject_GetIter(wide);
        SHOW_NUMBER(PyObject_LengthHint(it, -7));
        Py_DECREF(it);
    }
    {
        PyObject *nul_omega = PyUnicode_FromStringAndSize("\0\xce\xa9", 3);
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(nul_omega, "a"));
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(nul_omega, ""));
        Py_DECREF(nul_omega);
        PyObject *nul_a = PyUnicode_FromStringAndSize("a\0b", 3);
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(nul_a, "a"));
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(nul_a, "b"));
        Py_DECREF(nul_a);
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(wide, "a"));
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(s, "abcd"));
        SHOW_NUMBER(PyUnicode_CompareWithASCIIString(s, "ab"));
    }
    {
        PyObject *one = Py_BuildValue("(i)", 1);
        PyObject *list = PySequence_List(one);
        SHOW(PyObject_CallMethod(list, "__sizeof__", NULL));
        Py_DECREF(list);
        Py_DECREF(one);
        PyObject *three = Py_BuildValue("(iii)", 1, 2, 3);
        list = PySequence_List(three);
        SHOW(PyObject_CallMethod(list, "__sizeof__", NULL));
        Py_DECREF(list);
        list = PySequence_List(s);
        SHOW(PyObject_CallMethod(list, "__sizeof__", NULL));
        Py_DECREF(list);
        Py_DECREF(three);
        SHOW(PySequence_List(i5));
    }

    /* 3. Errors and messages. */
    {
        PyObject *tuple = Py_BuildValue("(i)", 1);
        PyObject *held = Py_NewRef(tuple);
        SHOW_VOID(PyBytes_Concat(&tuple, b));
        show_number("  (tuple after PyBytes_Concat is NULL)", tuple == NULL);
        Py_DECREF(held);
        PyObject *left = PyBytes_FromString("x");
        SHOW_VOID(PyBytes_Concat(&left, s));
        show_number("  (left after PyBytes_Concat is NULL)", left == NULL);
        left = PyBytes_FromString("x");
        SHOW_VOID(PyBytes_Concat(&left, b));
        SHOW(Py_NewRef(left));
        SHOW_VOID(PyBytes_Concat(&left, NULL));
        show_number("  (left after PyBytes_Concat(NULL) is NULL)", left == NULL);
        tuple = Py_BuildValue("(i)", 1);
        SHOW_VOID(PyBytes_ConcatAndDel(&tuple, Py_NewRef(b)));
        left = PyBytes_FromString("y");
        SHOW_VOID(PyBytes_ConcatAndDel(&left, Py_NewRef(b)));
        SHOW(left);
    }
    SHOW_NUMBER(PyDict_DelItem(l, l));
    SHOW_NUMBER(PyDict_DelItem(l, i5));
    SHOW_NUMBER(PyDict_DelItem(d, l));
    SHOW_NUMBER(PyDict_Contains(d, l));
    SHOW(PyLong_FromString("0x1g", NULL, 0));
    SHOW(PyLong_FromString("  0o19", NULL, 0));
    SHOW(PyLong_FromString("0b12", NULL, 0));
    SHOW(PyLong_FromString("012", NULL, 0));
    SHOW(PyLong_FromString("00z", NULL, 0));
    SHOW(PyLong_FromString("0_", NULL, 0));
    SHOW(PyLong_FromString("0__1", NULL, 0));
    SHOW(PyLong_FromString("0x", NULL, 0));
    SHOW(PyLong_FromString("0x_", NULL, 16));
    SHOW(PyLong_FromString("1z", NULL, 0));
    SHOW(PyLong_FromString("z", NULL, 36));
    SHOW(PyLong_FromString("0o8", NULL, 8));
    SHOW(PyLong_FromString("12", NULL, 1));
    {
        char *end = NULL;
        PyObject *value = PyLong_FromString("  42  x", &end, 10);
        show_number("PyLong_FromString(\"  42  x\", &end, 10) end offset",
                    end ? end - "  42  x" : -1);
        Py_XDECREF(value);
        PyErr_Clear();
    }
    {
        PyObject *shift = PyLong_FromString("1000000000000000000000000000000", NULL, 10);
        PyObject *one = PyLong_FromLong(1);
        SHOW(PyNumber_Lshift(one, shift));
        Py_DECREF(shift);
        PyObject *zero = PyLong_FromLong(0);
        shift = PyLong_FromString("1000000000000000000000000000000", NULL, 10);
        SHOW(PyNumber_Lshift(zero, shift));
        Py_DECREF(shift);
        Py_DECREF(zero);
        Py_DECREF(one);
    }
    {
        char text[301];
        memset(text, 'x', 300);
        text[300] = '\0';
        PyObject *bytes = PyBytes_FromString(text);
        SHOW(PyNumber_Long(bytes));
        Py_DECREF(bytes);
        PyObject *str = PyUnicode_FromString(text);
        SHOW(PyNumber_Long(str));
        SHOW(PyLong_FromUnicodeObject(str, 36 - 1));
        Py_DECREF(str);
        SHOW(PyLong_FromString(text, NULL, 10));
        PyObject *euro = PyUnicode_FromString("1\xe2\x82\xac");
        SHOW(PyNumber_Long(euro));
        Py_DECREF(euro);
    }
    SHOW_NUMBER(PyObject_SetAttrString(Py_True, "real", i5));
    SHOW_NUMBER(PyObject_SetAttrString(i5, "imag", i5));
    {
        PyObject *slice = PySlice_New(NULL, i5, NULL);
        SHOW_NUMBER(PyObject_SetAttrString(slice, "step", i5));
        SHOW_NUMBER(PyObject_SetAttrString(slice, "start", NULL));
        SHOW_NUMBER(PyObject_SetAttrString(slice, "other", i5));
        Py_DECREF(slice);
        PyObject *range = PyObject_CallFunction((PyObject *)&PyRange_Type, "i", 3);
        SHOW_NUMBER(PyObject_SetAttrString(range, "start", i5));
        Py_DECREF(range);
    }
}

/* --- PyOS_double_to_string ------------------------------------------------------------------- */
static void double_to_string_cases(void) {
    const double values[] = {1.0,     0.0,     -0.0, 1.5,      1e16,      1e-5,
                             123.456, -2.5e-7, 1e22, INFINITY, -INFINITY, NAN};
    const char codes[] = {'e', 'f', 'g', 'r', 'E', 'F', 'G'};
    const int flags[] = {0,
                         Py_DTSF_SIGN,
                         Py_DTSF_ADD_DOT_0,
                         Py_DTSF_ALT,
                         Py_DTSF_ALT | Py_DTSF_ADD_DOT_0,
                         Py_DTSF_SIGN | Py_DTSF_ALT | Py_DTSF_ADD_DOT_0,
                         Py_DTSF_NO_NEG_0,
                         Py_DTSF_NO_NEG_0 | Py_DTSF_ADD_DOT_0};
    for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
        for (size_t c = 0; c < sizeof codes; c++) {
            for (int precision = 0; precision <= 3; precision += 3) {
                if (codes[c] == 'r' && precision != 0) continue;
                for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++) {
                    int type = -1;
                    char *text =
                        PyOS_double_to_string(values[v], codes[c], precision, flags[k], &type);
                    char call[96];
                    snprintf(call, sizeof call, "PyOS_double_to_string(%g, '%c', %d, %d) type %d",
                             values[v], codes[c], precision, flags[k], type);
                    show_text(call, text);
                    PyMem_Free(text);
                }
            }
        }
    }
    SHOW_TEXT(PyOS_double_to_string(1.0, 'x', 0, 0, NULL));
    SHOW_TEXT(PyOS_double_to_string(1.0, 'r', 3, 0, NULL));
    PyErr_Clear();
}

/* --- Type checks of the public functions ----------------------------------------------------- */
static void abstract_checks(void) {
    SHOW_NUMBER(PyObject_Size(i5));
    SHOW_NUMBER(PyObject_Size(NULL));
    SHOW_NUMBER(PyObject_Length(none));
    SHOW(PyObject_GetItem(i5, i5));
    SHOW(PyObject_GetItem(NULL, i5));
    SHOW(PyObject_GetItem(l, s));
    SHOW(PyObject_GetItem(d, l));
    SHOW_NUMBER(PyObject_SetItem(t, i5, i5));
    SHOW_NUMBER(PyObject_SetItem(s, i5, i5));
    SHOW_NUMBER(PyObject_DelItem(i5, i5));
    SHOW_NUMBER(PyObject_DelItemString(d, "k"));
    SHOW(PyObject_Format(i5, i5));
    SHOW_NUMBER(PyObject_IsInstance(i5, i5));
    SHOW_NUMBER(PyObject_IsSubclass(i5, (PyObject *)&PyLong_Type));
    SHOW_NUMBER(PyObject_IsSubclass((PyObject *)&PyBool_Type, i5));
    SHOW(PyObject_GetIter(i5));
    SHOW(PyObject_Call(i5, t, NULL));
    SHOW(PyObject_CallObject(s, NULL));
    SHOW(PyObject_CallNoArgs(none));
    SHOW(PyObject_CallMethod(s, "nope", NULL));
    SHOW(PyObject_CallMethod(i5, "real", NULL));
    SHOW(PyNumber_Index(s));
    SHOW(PyNumber_Index(f));
    SHOW(PyNumber_Index(NULL));
    SHOW(PyNumber_Long(l));
    SHOW(PyNumber_Long(none));
    SHOW(PyNumber_Float(s));
    SHOW(PyNumber_Float(l));
    SHOW_NUMBER(PyNumber_AsSsize_t(s, NULL));
    SHOW_NUMBER(PyNumber_AsSsize_t(f, PyExc_OverflowError));
    SHOW(PyNumber_Add(l, s));
    SHOW(PyNumber_Multiply(l, f));
    SHOW(PyNumber_Negative(s));
    SHOW(PyNumber_InPlaceAdd(t, l));
    SHOW(PyNumber_Power(i5, i5, s));
    SHOW(PyNumber_Power(i5, f, i5));
    SHOW_NUMBER(PySequence_Size(d));
    SHOW_NUMBER(PySequence_Size(i5));
    SHOW(PySequence_Concat(i5, l));
    SHOW(PySequence_Concat(l, t));
    SHOW(PySequence_Repeat(d, 2));
    SHOW(PySequence_InPlaceConcat(t, l));
    SHOW(PySequence_GetItem(d, 0));
    SHOW(PySequence_GetItem(i5, 0));
    SHOW(PySequence_GetItem(t, 9));
    SHOW_NUMBER(PySequence_SetItem(t, 0, i5));
    SHOW_NUMBER(PySequence_DelItem(s, 0));
    SHOW_NUMBER(PySequence_DelSlice(t, 0, 1));
    SHOW(PySequence_GetSlice(i5, 0, 1));
    SHOW(PySequence_Tuple(i5));
    SHOW(PySequence_Fast(i5, "custom message"));
    SHOW_NUMBER(PySequence_Contains(i5, i5));
    SHOW_NUMBER(PySequence_Count(i5, i5));
    SHOW_NUMBER(PySequence_Index(t, i5));
    SHOW_NUMBER(PySequence_Index(i5, i5));
    SHOW_NUMBER(PyMapping_Size(i5));
    SHOW_NUMBER(PyMapping_Size(l));
    SHOW(PyMapping_Keys(l));
    SHOW(PyMapping_Items(i5));
    SHOW(PyMapping_Values(s));
    SHOW(PyMapping_GetItemString(l, "k"));
    SHOW(PyObject_GetAttr(s, i5));
    SHOW_NUMBER(PyObject_SetAttr(s, i5, i5));
    SHOW_NUMBER(PyObject_SetAttrString(s, "upper", i5));
    SHOW_NUMBER(PyObject_SetAttrString(s, "nope", i5));
    SHOW(PyObject_GenericGetAttr(s, i5));
    SHOW_NUMBER(PyObject_Hash(l));
    SHOW_NUMBER(PyObject_Hash(d));
    SHOW(PyObject_RichCompare(i5, s, Py_LT));
    SHOW(PyObject_RichCompare(l, t, Py_GE));
    SHOW_NUMBER(PyObject_RichCompareBool(l, t, Py_EQ));
    SHOW(PyObject_Repr(NULL));
    SHOW(PyObject_Str(NULL));
    /* NULL where CPython reports it (null_error: "null argument to internal routine"). */
    SHOW(PyObject_Type(NULL));
    SHOW_NUMBER(PyObject_SetItem(NULL, i5, i5));
    SHOW_NUMBER(PyObject_DelItem(d, NULL));
    SHOW(PyNumber_Long(NULL));
    SHOW(PyNumber_Float(NULL));
    SHOW_NUMBER(PySequence_Size(NULL));
    SHOW(PySequence_Concat(NULL, t));
    SHOW(PySequence_Repeat(NULL, 2));
    SHOW(PySequence_GetItem(NULL, 0));
    SHOW_NUMBER(PySequence_SetItem(NULL, 0, i5));
    SHOW_NUMBER(PySequence_DelItem(NULL, 0));
    SHOW(PySequence_GetSlice(NULL, 0, 1));
    SHOW(PySequence_Tuple(NULL));
    SHOW(PySequence_List(NULL));
    SHOW(PySequence_Fast(NULL, "custom message"));
    SHOW_NUMBER(PySequence_Count(NULL, i5));
    SHOW_NUMBER(PySequence_Index(t, NULL));
    SHOW_NUMBER(PyMapping_Size(NULL));
    SHOW(PyMapping_Keys(NULL));
    SHOW(PyMapping_Items(NULL));
    SHOW(PyMapping_Values(NULL));
    SHOW(PyMapping_GetItemString(NULL, "k"));
    SHOW(PyNumber_Negative(NULL));
    SHOW(PyNumber_Absolute(NULL));
    SHOW(PyNumber_Invert(NULL));
    SHOW(PyObject_CallFunction(NULL, NULL));
    SHOW(PyObject_CallMethod(NULL, "x", NULL));
    SHOW(PyObject_CallMethod(s, NULL, NULL));
    SHOW(PyObject_CallFunctionObjArgs(NULL, NULL));
    SHOW(PyObject_CallMethodObjArgs(s, NULL, NULL));
    SHOW(PyUnicode_Join(s, NULL));
    SHOW_NUMBER(PyCallable_Check(i5));
    SHOW_NUMBER(PyIter_Check(l));
}

static void bytes_checks(void) {
    SHOW_TEXT(PyBytes_AsString(s));
    SHOW_NUMBER(PyBytes_Size(l));
    {
        char *buffer = NULL;
        Py_ssize_t length = 0;
        SHOW_NUMBER(PyBytes_AsStringAndSize(s, &buffer, &length));
        PyObject *nul = PyBytes_FromStringAndSize("a\0b", 3);
        SHOW_NUMBER(PyBytes_AsStringAndSize(nul, &buffer, NULL));
        Py_DECREF(nul);
    }
    SHOW(PyBytes_FromObject(i5));
    SHOW(PyBytes_FromObject(s));
    SHOW(PyBytes_FromObject(t));
    {
        PyObject *big = Py_BuildValue("[ii]", 1, 300);
        SHOW(PyBytes_FromObject(big));
        Py_DECREF(big);
        PyObject *bad = Py_BuildValue("[is]", 1, "x");
        SHOW(PyBytes_FromObject(bad));
        Py_DECREF(bad);
    }
    {
        PyObject *text = PyUnicode_FromString("x");
        SHOW_NUMBER(_PyBytes_Resize(&text, 3));
        show_number("  (text after _PyBytes_Resize is NULL)", text == NULL);
    }
}

static void dict_checks(void) {
    show_number("PyDict_GetItem(l, i5) is NULL", PyDict_GetItem(l, i5) == NULL);
    show_number("PyDict_GetItem(d, l) is NULL", PyDict_GetItem(d, l) == NULL);
    show_number("PyDict_GetItemString(l, \"a\") is NULL", PyDict_GetItemString(l, "a") == NULL);
    SHOW(Py_XNewRef(PyDict_GetItemWithError(l, i5)));
    SHOW(Py_XNewRef(PyDict_GetItemWithError(d, l)));
    SHOW_NUMBER(PyDict_SetItem(l, i5, i5));
    SHOW_NUMBER(PyDict_SetItem(d, l, i5));
    SHOW_NUMBER(PyDict_SetItemString(l, "k", i5));
    SHOW_NUMBER(PyDict_DelItemString(l, "k"));
    SHOW_NUMBER(PyDict_DelItemString(d, "k"));
    SHOW(Py_XNewRef(PyDict_SetDefault(l, i5, i5)));
    SHOW_NUMBER(PyDict_Size(l));
    SHOW(PyDict_Keys(l));
    SHOW(PyDict_Values(t));
    SHOW(PyDict_Items(s));
    SHOW(PyDict_Copy(l));
    SHOW_VOID(PyDict_Clear(l));
    {
        Py_ssize_t pos = 0;
        PyObject *key, *value;
        SHOW_NUMBER(PyDict_Next(l, &pos, &key, &value));
    }
    SHOW_NUMBER(PyDict_Update(l, d));
    SHOW_NUMBER(PyDict_Update(d, i5));
    SHOW_NUMBER(PyDict_Merge(d, l, 1));
    SHOW_NUMBER(PyDict_Merge(t, d, 1));
    SHOW_NUMBER(PyDict_Update(NULL, d));
    SHOW_NUMBER(PyDict_Update(d, NULL));
    {
        PyObject *copy = PyDict_New();
        SHOW_NUMBER(PyDict_MergeFromSeq2(copy, i5, 1));
        PyObject *bad_pairs = Py_BuildValue("[(i)]", 1);
        SHOW_NUMBER(PyDict_MergeFromSeq2(copy, bad_pairs, 1));
        Py_DECREF(bad_pairs);
        PyObject *not_pairs = Py_BuildValue("[i]", 1);
        SHOW_NUMBER(PyDict_MergeFromSeq2(copy, not_pairs, 1));
        Py_DECREF(not_pairs);
        Py_DECREF(copy);
    }
}

static void number_checks(void) {
    SHOW_NUMBER(PyLong_AsLong(s));
    SHOW_NUMBER(PyLong_AsLong(f));
    SHOW_NUMBER(PyLong_AsLong(NULL));
    {
        int overflow = 0;
        SHOW_NUMBER(PyLong_AsLongAndOverflow(s, &overflow));
        SHOW_NUMBER(PyLong_AsLongLongAndOverflow(f, &overflow));
    }
    SHOW_NUMBER(PyLong_AsLongLong(s));
    SHOW_NUMBER(_PyLong_AsInt(f));
    SHOW_NUMBER(PyLong_AsSsize_t(s));
    SHOW_NUMBER(PyLong_AsSsize_t(f));
    SHOW_NUMBER(PyLong_AsSsize_t(NULL));
    SHOW_NUMBER(PyLong_AsSize_t(f));
    SHOW_NUMBER(PyLong_AsSize_t(neg1));
    SHOW_NUMBER(PyLong_AsUnsignedLong(f));
    SHOW_NUMBER(PyLong_AsUnsignedLong(neg1));
    SHOW_NUMBER(PyLong_AsUnsignedLongLong(f));
    SHOW_NUMBER(PyLong_AsUnsignedLongLong(neg1));
    SHOW_NUMBER(PyLong_AsUnsignedLongMask(f));
    SHOW_NUMBER(PyLong_AsUnsignedLongMask(neg1));
    SHOW_NUMBER(PyLong_AsUnsignedLongLongMask(s));
    SHOW_DOUBLE(PyLong_AsDouble(f));
    SHOW_DOUBLE(PyLong_AsDouble(NULL));
    show_number("PyLong_AsVoidPtr(s) is NULL", PyLong_AsVoidPtr(s) == NULL);
    show_number("  (error)", 0);
    SHOW_DOUBLE(PyFloat_AsDouble(s));
    SHOW_DOUBLE(PyFloat_AsDouble(NULL));
    SHOW_DOUBLE(PyFloat_AsDouble(i5));
    SHOW(PyFloat_FromString(i5));
    SHOW(PyFloat_FromString(l));
    SHOW(PyFloat_FromString(b));
    {
        PyObject *text = PyBytes_FromString("1.5");
        SHOW(PyFloat_FromString(text));
        Py_DECREF(text);
    }
}

static void sequence_type_checks(void) {
    SHOW_NUMBER(PyList_Size(t));
    SHOW(Py_XNewRef(PyList_GetItem(t, 0)));
    SHOW_NUMBER(PyList_SetItem(t, 0, Py_NewRef(i5)));
    SHOW_NUMBER(PyList_Insert(t, 0, i5));
    SHOW_NUMBER(PyList_Insert(l, 0, NULL));
    SHOW_NUMBER(PyList_Append(t, i5));
    SHOW_NUMBER(PyList_Append(l, NULL));
    SHOW(PyList_GetSlice(t, 0, 1));
    SHOW_NUMBER(PyList_SetSlice(t, 0, 1, NULL));
    SHOW_NUMBER(PyList_SetSlice(l, 0, 1, i5));
    SHOW_NUMBER(PyList_Sort(t));
    SHOW_NUMBER(PyList_Sort(NULL));
    SHOW_NUMBER(PyList_Reverse(t));
    SHOW(PyList_AsTuple(t));
    SHOW(PyList_AsTuple(NULL));
    SHOW_NUMBER(PyTuple_Size(l));
    SHOW(Py_XNewRef(PyTuple_GetItem(l, 0)));
    SHOW_NUMBER(PyTuple_SetItem(l, 0, Py_NewRef(i5)));
    {
        PyObject *shared = Py_BuildValue("(ii)", 1, 2);
        Py_INCREF(shared);
        SHOW_NUMBER(PyTuple_SetItem(shared, 0, Py_NewRef(i5))); /* two references: refused */
        SHOW_NUMBER(PyTuple_SetItem(shared, 5, Py_NewRef(i5)));
        Py_DECREF(shared);
        SHOW_NUMBER(PyTuple_SetItem(shared, 5, Py_NewRef(i5)));
        Py_DECREF(shared);
    }
    SHOW(PyTuple_GetSlice(l, 0, 1));
    {
        PyObject *list = PyList_New(0);
        SHOW_NUMBER(_PyTuple_Resize(&list, 1));
        show_number("  (list after _PyTuple_Resize is NULL)", list == NULL);
    }
    SHOW_NUMBER(PySet_Add(l, i5));
    SHOW_NUMBER(PySet_Add(st, l));
    SHOW_NUMBER(PySet_Size(l));
    SHOW_NUMBER(PySet_Contains(l, i5));
    SHOW_NUMBER(PySet_Contains(st, l));
    SHOW_NUMBER(PySet_Discard(l, i5));
    SHOW_NUMBER(PySet_Discard(st, l));
    SHOW_NUMBER(PySet_Clear(l));
    SHOW(PySet_Pop(l));
    SHOW(PySet_New(i5));
    SHOW(PyFrozenSet_New(i5));
    {
        PyObject *lists = Py_BuildValue("[[]]");
        SHOW(PySet_New(lists));
        Py_DECREF(lists);
        PyObject *empty = PySet_New(NULL);
        SHOW(PySet_Pop(empty));
        Py_DECREF(empty);
    }
    SHOW(PySlice_New(s, l, d));
    SHOW(PySeqIter_New(i5));
    {
        PyObject *iter = PyCallIter_New(i5, i5); /* not checked: fails only when called */
        show_text("PyCallIter_New(i5, i5) type", iter ? Py_TYPE(iter)->tp_name : NULL);
        show(" next", iter ? PyIter_Next(iter) : NULL);
        Py_XDECREF(iter);
    }
    SHOW(Py_XNewRef(PyCFunction_GetSelf(i5)));
}

static void unicode_checks(void) {
    SHOW_NUMBER(PyUnicode_GetLength(l));
    SHOW_NUMBER(PyUnicode_ReadChar(l, 0));
    SHOW_NUMBER(PyUnicode_ReadChar(s, 9));
    SHOW_NUMBER(PyUnicode_WriteChar(l, 0, 'x'));
    {
        PyObject *fresh = PyUnicode_FromString("fresh");
        SHOW_NUMBER(PyUnicode_WriteChar(fresh, 0, 0x20ac)); /* wider than the string */
        SHOW_NUMBER(PyUnicode_WriteChar(fresh, 9, 'x'));
        Py_DECREF(fresh);
    }
    SHOW_TEXT(PyUnicode_AsUTF8(l));
    {
        Py_ssize_t size = 0;
        SHOW_TEXT(PyUnicode_AsUTF8AndSize(b, &size));
    }
    SHOW(PyUnicode_AsUTF8String(l));
    SHOW(PyUnicode_AsASCIIString(b));
    SHOW(PyUnicode_AsLatin1String(i5));
    SHOW(PyUnicode_AsEncodedString(b, "utf-8", NULL));
    SHOW(PyUnicode_AsEncodedString(s, "bogus", NULL));
    SHOW(PyUnicode_Decode("", 0, "bogus", NULL));
    SHOW(PyUnicode_Decode("ab", 2, "bogus", NULL));
    SHOW(PyUnicode_FromEncodedObject(s, "utf-8", NULL));
    SHOW(PyUnicode_FromEncodedObject(l, "utf-8", NULL));
    SHOW(PyUnicode_FromEncodedObject(b, NULL, NULL));
    SHOW(PyUnicode_FromObject(l));
    SHOW(PyUnicode_Concat(l, s));
    SHOW(PyUnicode_Concat(s, l));
    {
        PyObject *left = Py_NewRef(l);
        SHOW_VOID(PyUnicode_Append(&left, s));
        show_number("  (left after PyUnicode_Append is NULL)", left == NULL);
        left = PyUnicode_FromString("x");
        SHOW_VOID(PyUnicode_Append(&left, l));
        show_number("  (left after PyUnicode_Append is NULL)", left == NULL);
        left = PyUnicode_FromString("x");
        SHOW_VOID(PyUnicode_AppendAndDel(&left, Py_NewRef(s)));
        SHOW(left);
    }
    SHOW_NUMBER(PyUnicode_Contains(s, l));
    SHOW_NUMBER(PyUnicode_Contains(l, s));
    SHOW_NUMBER(PyUnicode_Find(l, s, 0, 3, 1));
    SHOW_NUMBER(PyUnicode_Find(s, l, 0, 3, 1));
    SHOW_NUMBER(PyUnicode_Find(s, s, -2, 100, 1));
    SHOW_NUMBER(PyUnicode_Count(s, b, 0, 3));
    SHOW_NUMBER(PyUnicode_Count(s, s, -9, 9));
    SHOW_NUMBER(PyUnicode_Tailmatch(l, s, 0, 3, 1));
    SHOW_NUMBER(PyUnicode_Tailmatch(s, l, 0, 3, 1));
    SHOW(PyUnicode_Replace(s, l, s, -1));
    SHOW(PyUnicode_Replace(s, s, l, -1));
    SHOW(PyUnicode_Replace(l, s, s, -1));
    SHOW_NUMBER(PyUnicode_Compare(l, s));
    SHOW_NUMBER(PyUnicode_Compare(s, i5));
    SHOW(PyUnicode_RichCompare(s, i5, Py_EQ));
    {
        PyObject *p = Py_NewRef(l);
        SHOW_VOID(PyUnicode_InternInPlace(&p));
        show_number("  (p is still l)", p == l);
        Py_DECREF(p);
    }
}

static void error_checks(void) {
    SHOW_NUMBER(PyErr_GivenExceptionMatches(i5, PyExc_TypeError));
    SHOW_NUMBER(PyErr_GivenExceptionMatches(PyExc_TypeError, i5));
    SHOW_NUMBER(PyErr_GivenExceptionMatches(NULL, PyExc_TypeError));
    PyErr_SetObject(PyExc_ValueError, i5);
    show_number("PyErr_SetObject(ValueError, 5)", 0);
    PyErr_SetObject(PyExc_KeyError, t);
    show_number("PyErr_SetObject(KeyError, (1, 2))", 0);
    PyErr_SetNone(PyExc_StopIteration);
    show_number("PyErr_SetNone(StopIteration)", 0);
    PyErr_SetString(PyExc_OSError, "disk");
    show_number("PyErr_SetString(OSError, \"disk\")", 0);
    PyErr_SetString(i5, "not a type");
    show_number("PyErr_SetString(5, \"not a type\")", 0);
    PyErr_SetObject(s, NULL);
    show_number("PyErr_SetObject(s, NULL)", 0);
    PyErr_SetNone((PyObject *)&PyLong_Type);
    show_number("PyErr_SetNone(int)", 0);
    SHOW_NUMBER(PyErr_ExceptionMatches(PyExc_Exception));
}

int main(void) {
    Py_Initialize();
    make_objects();
    issue_cases();
    double_to_string_cases();
    abstract_checks();
    bytes_checks();
    dict_checks();
    number_checks();
    sequence_type_checks();
    unicode_checks();
    error_checks();
    PyObject *all[] = {s, b, l, i5, f, t, d, st, neg1, wide};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) Py_DECREF(all[i]);
    PyErr_Clear();
    if (Py_FinalizeEx() < 0) return 1;
    return 0;
}
