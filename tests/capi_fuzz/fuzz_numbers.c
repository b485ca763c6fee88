/* Families over int and float: construction from C values and text, conversion back to C,
 * their methods, byte and packed forms, PyOS_double_to_string / PyOS_string_to_double. The
 * number protocol over any objects is fuzz_number_protocol.c's. */
#include <math.h>
#include <string.h>

#include "fuzz.h"

/* --- int from C values and text ------------------------------------------------------- */

static void int_new(void) {
    switch (rng_below(9)) {
    case 0: {
        long v = (long)rng_next() >> rng_below(64);
        call_begin("PyLong_FromLong");
        arg_long(v);
        call_args_done();
        result_keep(PyLong_FromLong(v));
        break;
    }
    case 1: {
        unsigned long long v = rng_next() >> rng_below(64);
        call_begin("PyLong_FromUnsignedLongLong");
        arg_long((long long)v);
        call_args_done();
        result_keep(PyLong_FromUnsignedLongLong(v));
        break;
    }
    case 2: {
        size_t v = (size_t)(rng_next() >> rng_below(64));
        call_begin("PyLong_FromSize_t");
        arg_text("(size_t)");
        arg_long((long long)v);
        call_args_done();
        result_keep(PyLong_FromSize_t(v));
        break;
    }
    case 3: {
        PyObject *f = new_float(1);
        double d = PyFloat_AsDouble(f);
        Py_DECREF(f);
        call_begin("PyLong_FromDouble");
        arg_double(d);
        call_args_done();
        result_keep(PyLong_FromDouble(d));
        break;
    }
    case 4:
    case 5: {
        static const int kBases[] = {0, 0, 10, 10, 2, 8, 16, 36, 37, 1, -1, 3};
        Py_ssize_t size;
        const char *text = random_cstr(0, &size);
        int base = RNG_PICK(kBases);
        char *end = NULL;
        call_begin("PyLong_FromString");
        arg_cstr(text);
        arg_long(base);
        call_args_done();
        PyObject *result = PyLong_FromString(text, &end, base);
        if (result != NULL) {
            /* Where parsing stopped, before the result (result_keep ends the line). */
            printf("end+%ld ", (long)(end - text));
        }
        result_keep(result);
        break;
    }
    case 6: {
        PyObject *text = arg_str();
        static const int kBases[] = {0, 10, 10, 16, 2, 36, 1, 37};
        int base = RNG_PICK(kBases);
        call_begin("PyLong_FromUnicodeObject");
        arg_obj(text);
        arg_long(base);
        call_args_done();
        result_keep(PyLong_FromUnicodeObject(text, base));
        Py_DECREF(text);
        break;
    }
    default: {
        long long v = (long long)rng_next() >> rng_below(64);
        call_begin("PyLong_FromLongLong");
        arg_long(v);
        call_args_done();
        result_keep(PyLong_FromLongLong(v));
        break;
    }
    }
}

/* --- int to C values ------------------------------------------------------------------ */

static void int_as(void) {
    PyObject *o = rng_chance(85) ? arg_int() : new_float(1);
    int overflow = 7;
    switch (rng_below(12)) {
    case 0:
        call_begin("PyLong_AsLong");
        arg_obj(o);
        call_args_done();
        result_long(PyLong_AsLong(o));
        break;
    case 1: {
        call_begin("PyLong_AsLongAndOverflow");
        arg_obj(o);
        call_args_done();
        long v = PyLong_AsLongAndOverflow(o, &overflow);
        printf("overflow %d, ", overflow);
        result_long(v);
        break;
    }
    case 2:
        call_begin("PyLong_AsLongLong");
        arg_obj(o);
        call_args_done();
        result_long(PyLong_AsLongLong(o));
        break;
    case 3: {
        call_begin("PyLong_AsLongLongAndOverflow");
        arg_obj(o);
        call_args_done();
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        printf("overflow %d, ", overflow);
        result_long(v);
        break;
    }
    case 4: line_unary_size(PyLong_AsSsize_t, "PyLong_AsSsize_t", o); break;
    case 5:
        call_begin("PyLong_AsSize_t");
        arg_obj(o);
        call_args_done();
        result_long((long long)PyLong_AsSize_t(o));
        break;
    case 6:
        call_begin("PyLong_AsUnsignedLong");
        arg_obj(o);
        call_args_done();
        result_long((long long)PyLong_AsUnsignedLong(o));
        break;
    case 7:
        call_begin("PyLong_AsUnsignedLongMask");
        arg_obj(o);
        call_args_done();
        result_long((long long)PyLong_AsUnsignedLongMask(o));
        break;
    case 8:
        call_begin("PyLong_AsUnsignedLongLong");
        arg_obj(o);
        call_args_done();
        result_long((long long)PyLong_AsUnsignedLongLong(o));
        break;
    case 9:
        call_begin("PyLong_AsUnsignedLongLongMask");
        arg_obj(o);
        call_args_done();
        result_long((long long)PyLong_AsUnsignedLongLongMask(o));
        break;
    case 10:
        call_begin("_PyLong_AsInt");
        arg_obj(o);
        call_args_done();
        result_long(_PyLong_AsInt(o));
        break;
    default:
        call_begin("PyLong_AsDouble");
        arg_obj(o);
        call_args_done();
        result_double(PyLong_AsDouble(o));
        break;
    }
    Py_DECREF(o);
}

/* --- int methods ------------------------------------------------------------------------ */

static const MethodSpec kIntMethods[] = {
    {"bit_length", "", NULL},
    {"bit_count", "", NULL},
    {"conjugate", "", NULL},
    {"as_integer_ratio", "", NULL},
    {"__trunc__", "", NULL},
    {"__floor__", "", NULL},
    {"__ceil__", "", NULL},
    {"__round__", "|D", NULL},
    {"__getnewargs__", "", NULL},
    {"__sizeof__", "", NULL},
    {"to_bytes", "|kB$b", "length byteorder signed"},
};

static const MethodSpec kIntClassMethods[] = {
    {"from_bytes", "v|B$b", "bytes byteorder signed"},
};

static void int_methods(void) {
    if (rng_chance(20)) {
        CALL_RANDOM_METHOD((PyObject *)&PyLong_Type, kIntClassMethods);
        return;
    }
    PyObject *o = rng_chance(70) ? arg_int() : Py_NewRef(rng_chance(50) ? Py_True : Py_False);
    if (!PyLong_Check(o)) Py_SETREF(o, new_int());
    CALL_RANDOM_METHOD(o, kIntMethods);
    Py_DECREF(o);
}

/* _PyLong_AsByteArray / _PyLong_FromByteArray: CPython's exported helpers behind to_bytes. */
static void int_bytes(void) {
    unsigned char buffer[16];
    size_t n = rng_below(17);
    int little = rng_chance(50), is_signed = rng_chance(50);
    if (rng_chance(50)) {
        PyObject *o = arg_int();
        if (!PyLong_Check(o)) Py_SETREF(o, new_int());
        call_begin("_PyLong_AsByteArray");
        arg_obj(o);
        arg_long((long long)n);
        arg_long(little);
        arg_long(is_signed);
        call_args_done();
        memset(buffer, 0xAB, sizeof buffer);
        int rc = _PyLong_AsByteArray((PyLongObject *)o, buffer, n, little, is_signed);
        if (rc == 0)
            result_bytes((const char *)buffer, (Py_ssize_t)n);
        else
            result_long(rc);
        Py_DECREF(o);
    } else {
        for (size_t i = 0; i < n; i++) buffer[i] = (unsigned char)rng_below(256);
        call_begin("_PyLong_FromByteArray");
        arg_bytes((const char *)buffer, (Py_ssize_t)n);
        arg_long(little);
        arg_long(is_signed);
        call_args_done();
        result_keep(_PyLong_FromByteArray(buffer, n, little, is_signed));
    }
}

/* --- float -------------------------------------------------------------------------------- */

static void float_new(void) {
    switch (rng_below(5)) {
    case 0: {
        PyObject *f = new_float(1);
        double d = PyFloat_AS_DOUBLE(f);
        Py_DECREF(f);
        call_begin("PyFloat_FromDouble");
        arg_double(d);
        call_args_done();
        result_keep(PyFloat_FromDouble(d));
        break;
    }
    case 1: {
        PyObject *o = rng_chance(70) ? arg_str() : arg_any();
        line_unary(PyFloat_FromString, "PyFloat_FromString", o, 1);
        Py_DECREF(o);
        break;
    }
    case 2: {
        PyObject *o = rng_chance(50) ? new_float(1) : arg_any();
        call_begin("PyFloat_AsDouble");
        arg_obj(o);
        call_args_done();
        result_double(PyFloat_AsDouble(o));
        Py_DECREF(o);
        break;
    }
    case 3: {
        Py_ssize_t size;
        const char *text = random_cstr(0, &size);
        int use_end = rng_chance(50), raise = rng_chance(50);
        char *end = NULL;
        call_begin("PyOS_string_to_double");
        arg_cstr(text);
        arg_text(use_end ? "&end" : "NULL");
        arg_text(raise ? "OverflowError" : "NULL");
        call_args_done();
        double d =
            PyOS_string_to_double(text, use_end ? &end : NULL, raise ? PyExc_OverflowError : NULL);
        if (use_end && end != NULL) printf("end+%ld ", (long)(end - text));
        result_double(d);
        break;
    }
    default: {
        static const char kCodes[] = "efgrEFGx";
        char code = kCodes[rng_below(sizeof kCodes - 1)];
        int precision = code == 'r' ? 0 : (int)rng_range(0, 20);
        int flags = (int)rng_below(8); /* Py_DTSF_SIGN | ADD_DOT_0 | ALT */
        PyObject *f = new_float(1);
        double d = PyFloat_AS_DOUBLE(f);
        Py_DECREF(f);
        call_begin("PyOS_double_to_string");
        arg_double(d);
        char code_text[4] = {'\'', code, '\'', '\0'};
        arg_text(code_text);
        arg_long(precision);
        arg_long(flags);
        call_args_done();
        int type = -1;
        char *text = PyOS_double_to_string(d, code, precision, flags, &type);
        if (text != NULL) printf("type %d, ", type);
        result_cstr(text);
        PyMem_Free(text);
        break;
    }
    }
}

static const MethodSpec kFloatMethods[] = {
    {"conjugate", "", NULL}, {"__trunc__", "", NULL},   {"__floor__", "", NULL},
    {"__ceil__", "", NULL},  {"__round__", "|D", NULL}, {"as_integer_ratio", "", NULL},
    {"hex", "", NULL},       {"is_integer", "", NULL},  {"__getnewargs__", "", NULL},
};

static const MethodSpec kFloatClassMethods[] = {
    {"fromhex", "s", NULL},
    {"__getformat__", "F", NULL},
};

static void float_methods(void) {
    if (rng_chance(25)) {
        CALL_RANDOM_METHOD((PyObject *)&PyFloat_Type, kFloatClassMethods);
        return;
    }
    PyObject *o = rng_chance(40) ? pool_find(is_number) : NULL;
    o = o != NULL && PyFloat_Check(o) ? Py_NewRef(o) : new_float(1);
    CALL_RANDOM_METHOD(o, kFloatMethods);
    Py_DECREF(o);
}

static void float_pack(void) {
    static const int kSizes[] = {2, 4, 8};
    int size = RNG_PICK(kSizes), little = rng_chance(50);
    char buffer[8];
    if (rng_chance(60)) {
        PyObject *f = new_float(0);
        double d = PyFloat_AS_DOUBLE(f);
        Py_DECREF(f);
        call_begin(size == 2 ? "PyFloat_Pack2" : size == 4 ? "PyFloat_Pack4" : "PyFloat_Pack8");
        arg_double(d);
        arg_long(little);
        call_args_done();
        int rc = size == 2   ? PyFloat_Pack2(d, buffer, little)
                 : size == 4 ? PyFloat_Pack4(d, buffer, little)
                             : PyFloat_Pack8(d, buffer, little);
        if (rc == 0)
            result_bytes(buffer, size);
        else
            result_long(rc);
    } else {
        for (int i = 0; i < size; i++) buffer[i] = (char)rng_below(256);
        call_begin(size == 2   ? "PyFloat_Unpack2"
                   : size == 4 ? "PyFloat_Unpack4"
                               : "PyFloat_Unpack8");
        arg_bytes(buffer, size);
        arg_long(little);
        call_args_done();
        double d = size == 2   ? PyFloat_Unpack2(buffer, little)
                   : size == 4 ? PyFloat_Unpack4(buffer, little)
                               : PyFloat_Unpack8(buffer, little);
        result_double(d);
    }
}
const Family kNumberFamilies[] = {
    {"int_new", int_new, 4},         {"int_as", int_as, 4},
    {"int_methods", int_methods, 4}, {"int_bytes", int_bytes, 2},
    {"float_new", float_new, 4},     {"float_methods", float_methods, 3},
    {"float_pack", float_pack, 2},   {NULL, NULL, 0},
};
