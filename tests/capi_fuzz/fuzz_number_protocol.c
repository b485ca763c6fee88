/* Families over the number protocol: PyNumber_* binary, in-place, unary and power over any
 * pool objects, so that mixed operands (int + float, list * int, str + bytes, set | set)
 * reach every dispatch path, and PyObject_Format. Operations whose cost grows with their
 * operands (shifts, powers, repetition) are skipped past sizes that a line could print; their
 * error paths for huge operands stay in. */
#include <math.h>
#include <string.h>

#include "fuzz.h"

/* --- The number protocol ---------------------------------------------------------------- */

/* An operand: mostly a number (NaN included: it never reaches the pool), else anything. */
static PyObject *operand(void) {
    unsigned pick = rng_below(100);
    if (pick < 30) return new_int();
    if (pick < 45) return new_float(1);
    if (pick < 55) {
        PyObject *o = pool_find(is_number);
        if (o != NULL) return Py_NewRef(o);
    }
    if (pick < 60) return PyBool_FromLong(rng_chance(50));
    return arg_any();
}

/* Repetition of a sequence by an int: too costly (or too big to print) past 400 items. */
static int repetition_too_big(PyObject *seq, PyObject *count) {
    if (!PyLong_Check(count)) return 0;
    int overflow = 0;
    long n = PyLong_AsLongAndOverflow(count, &overflow);
    if (overflow != 0 || (n == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0; /* raises before allocating anything */
    }
    Py_ssize_t len = size_of(seq);
    if (len <= 0 || n <= 0) return 0;
    return len > 400 / n;
}

enum {
    kAdd,
    kSub,
    kMul,
    kTrueDiv,
    kFloorDiv,
    kRem,
    kDivmod,
    kLshift,
    kRshift,
    kAnd,
    kOr,
    kXor,
    kMatMul,
    kOpCount
};

static const char *const kOpNames[] = {
    "Add",    "Subtract", "Multiply", "TrueDivide", "FloorDivide", "Remainder",      "Divmod",
    "Lshift", "Rshift",   "And",      "Or",         "Xor",         "MatrixMultiply",
};

/* True when the operation is skipped: its result would be too big to print. */
static int binary_too_costly(int op, PyObject *a, PyObject *b) {
    long abits = int_bits(a), bbits = int_bits(b);
    if (op == kMul) {
        if (abits > 0 && bbits > 0 && abits + bbits > 12000) return 1;
        if (repetition_too_big(a, b) || repetition_too_big(b, a)) return 1;
    }
    if (op == kAdd && size_of(a) + size_of(b) > 400) return 1;
#ifdef FOUND_NO_PERCENT_FORMAT
    if (op == kRem && (PyUnicode_Check(a) || PyBytes_Check(a))) return 1;
#endif
    if (op == kRem && PyUnicode_Check(a)) return size_of(a) > 100;
    if (op == kLshift && abits > 0 && bbits >= 0) {
        int overflow = 0;
        long count = PyLong_AsLongAndOverflow(b, &overflow);
        PyErr_Clear();
        if (overflow > 0 || count > (1L << 40)) {
            return count < (1L << 62) && overflow == 0; /* MemoryError territory */
        }
        if (count > 8000 || abits + count > 12000) return 1;
    }
    return 0;
}

static PyObject *binary(int op, PyObject *a, PyObject *b, int in_place) {
    switch (op) {
    case kAdd: return in_place ? PyNumber_InPlaceAdd(a, b) : PyNumber_Add(a, b);
    case kSub: return in_place ? PyNumber_InPlaceSubtract(a, b) : PyNumber_Subtract(a, b);
    case kMul: return in_place ? PyNumber_InPlaceMultiply(a, b) : PyNumber_Multiply(a, b);
    case kTrueDiv: return in_place ? PyNumber_InPlaceTrueDivide(a, b) : PyNumber_TrueDivide(a, b);
    case kFloorDiv:
        return in_place ? PyNumber_InPlaceFloorDivide(a, b) : PyNumber_FloorDivide(a, b);
    case kRem: return in_place ? PyNumber_InPlaceRemainder(a, b) : PyNumber_Remainder(a, b);
    case kDivmod: return PyNumber_Divmod(a, b);
    case kLshift: return in_place ? PyNumber_InPlaceLshift(a, b) : PyNumber_Lshift(a, b);
    case kRshift: return in_place ? PyNumber_InPlaceRshift(a, b) : PyNumber_Rshift(a, b);
    case kAnd: return in_place ? PyNumber_InPlaceAnd(a, b) : PyNumber_And(a, b);
    case kOr: return in_place ? PyNumber_InPlaceOr(a, b) : PyNumber_Or(a, b);
    case kXor: return in_place ? PyNumber_InPlaceXor(a, b) : PyNumber_Xor(a, b);
    default: return in_place ? PyNumber_InPlaceMatrixMultiply(a, b) : PyNumber_MatrixMultiply(a, b);
    }
}

static void number_binary_common(int in_place) {
    int op = (int)rng_below(kOpCount);
    if (in_place && op == kDivmod) op = kAdd;
    PyObject *a = operand(), *b = operand();
    if (binary_too_costly(op, a, b)) {
        Py_DECREF(a);
        Py_DECREF(b);
        return;
    }
    char name[40];
    snprintf(name, sizeof name, "PyNumber_%s%s", in_place ? "InPlace" : "", kOpNames[op]);
    call_begin(name);
    arg_obj(a);
    arg_obj(b);
    call_args_done();
    result_keep(binary(op, a, b, in_place));
    Py_DECREF(a);
    Py_DECREF(b);
}

static void number_binary(void) {
    number_binary_common(0);
}

static void number_inplace(void) {
    number_binary_common(1);
}

static void number_power(void) {
    PyObject *a = operand(), *b = operand();
    PyObject *m = rng_chance(70) ? Py_NewRef(Py_None) : rng_chance(80) ? new_int() : operand();
    long abits = int_bits(a), bbits = int_bits(b), mbits = int_bits(m);
    if (abits > 1 && bbits > 0 && m == Py_None) {
        long e = PyLong_AsLong(b);
        if (e == -1 && PyErr_Occurred()) PyErr_Clear();
        if (bbits > 20 || abits * e > 12000) goto skip;
    }
    if (mbits > 0 && bbits > 64 && mbits > 600) goto skip;
#ifdef FOUND_NO_COMPLEX
    if (is_number(a) && PyFloat_Check(b) && m == Py_None) {
        double x = PyFloat_AsDouble(a), y = PyFloat_AS_DOUBLE(b);
        PyErr_Clear();
        if (x < 0 && isfinite(x) && isfinite(y) && y != floor(y)) goto skip;
    }
#endif
    int in_place = rng_chance(20);
    call_begin(in_place ? "PyNumber_InPlacePower" : "PyNumber_Power");
    arg_obj(a);
    arg_obj(b);
    arg_obj(m);
    call_args_done();
    result_keep(in_place ? PyNumber_InPlacePower(a, b, m) : PyNumber_Power(a, b, m));
skip:
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(m);
}

static void number_unary(void) {
    PyObject *o = operand();
    switch (rng_below(10)) {
    case 0: line_unary(PyNumber_Negative, "PyNumber_Negative", o, 1); break;
    case 1: line_unary(PyNumber_Positive, "PyNumber_Positive", o, 1); break;
    case 2: line_unary(PyNumber_Absolute, "PyNumber_Absolute", o, 1); break;
    case 3: line_unary(PyNumber_Invert, "PyNumber_Invert", o, 1); break;
    case 4: line_unary(PyNumber_Index, "PyNumber_Index", o, 1); break;
    case 5:
        call_begin("PyNumber_Long");
        arg_obj(o);
        call_args_done();
        result_keep(PyNumber_Long(o));
        break;
    case 6: line_unary(PyNumber_Float, "PyNumber_Float", o, 1); break;
    case 7: {
        int raise = rng_chance(50);
        call_begin("PyNumber_AsSsize_t");
        arg_obj(o);
        arg_text(raise ? "OverflowError" : "NULL");
        call_args_done();
        result_long(PyNumber_AsSsize_t(o, raise ? PyExc_OverflowError : NULL));
        break;
    }
    case 8: line_unary_int(PyNumber_Check, "PyNumber_Check", o); break;
    default: line_unary_int(PyIndex_Check, "PyIndex_Check", o); break;
    }
    Py_DECREF(o);
}

/* format(value, spec) for numbers and strings: the format-spec mini-language. */
static void object_format(void) {
    static const char *const kSpecs[] = {
        "",   "d",     "x",    "#x",   "X",   "o",   "#o",   "b",   "#b",   "c",    ",",   "_",
        "_x", ",d",    ">8",   "<8",   "^9",  "=+8", "08",   "+",   " ",    "-",    "e",   ".3e",
        "f",  ".2f",   ".0f",  "g",    ".3g", "#g",  "%",    ".1%", "n",    "E",    "G",   "10.4",
        ".0", "s",     ">5s",  "*^7",  ".3",  "z",   "z.1f", "#",   "x<5d", ",.2f", "_b",  ".5s",
        "=",  "07.2f", "#.0e", ".100", ",_",  "d ",  "🐍>4",  "0=8", "+#x",  "-0.0", ".2g", ".15g",
    };
    PyObject *value;
    unsigned pick = rng_below(100);
    if (pick < 35)
        value = new_int();
    else if (pick < 65)
        value = new_float(1);
    else if (pick < 80)
        value = new_str();
    else
        value = arg_any();
    PyObject *spec = rng_chance(92) ? PyUnicode_FromString(RNG_PICK(kSpecs)) : arg_any();
#ifdef FOUND_NO_FORMAT_SPEC
    if (PyUnicode_Check(spec) && PyUnicode_GetLength(spec) > 0)
        Py_SETREF(spec, PyUnicode_FromString(""));
#endif
    call_begin("PyObject_Format");
    arg_obj(value);
    arg_obj(spec);
    call_args_done();
    result_keep(PyObject_Format(value, spec));
    Py_DECREF(value);
    Py_DECREF(spec);
}
const Family kNumberProtocolFamilies[] = {
    {"number_binary", number_binary, 8}, {"number_inplace", number_inplace, 4},
    {"number_power", number_power, 3},   {"number_unary", number_unary, 5},
    {"object_format", object_format, 4}, {NULL, NULL, 0},
};
