// The number protocol's operators: PyNumber_Add and the other binary operators, their
// in-place forms, pow(), and the unary operators. Conversions (PyNumber_Index, Long, Float,
// AsSsize_t) live in abstract_number_convert.cpp.
//
// Dispatch of `v op w` (CPython 3.11, Objects/abstract.c: binary_op1):
//   1. slotv = the slot of type(v); slotw = the slot of type(w), only when the types differ
//      and it is not the very same function as slotv (one call is enough then).
//   2. If type(w) is a proper subclass of type(v) and has its own slot, slotw(v, w) goes
//      first: a subclass may override what its base does with it.
//   3. Otherwise slotv(v, w), then slotw(v, w). Both get (v, w) in that order: a slot finds
//      out which side it is on by looking at the types.
//   4. An answer of Py_NotImplemented passes the turn; NULL (an error) ends the dispatch.
// When nobody handles it the caller raises "unsupported operand type(s) for +: 'int' and
// 'str'", except that + and * try the left (for *, either) operand's sequence slots first.
//
// An in-place operator `v op= w` tries type(v)'s in-place slot alone, then the dispatch
// above with the plain slot; the message names the in-place operator ("+=").
#include <cstring>

#include "protocols/abstract_internal.hpp"

namespace minipy::runtime {

PyObject *null_argument_error() noexcept {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
    return nullptr;
}

PyObject *type_name_error(const char *format, PyObject *obj) noexcept {
    PyErr_Format(PyExc_TypeError, format, Py_TYPE(obj)->tp_name);
    return nullptr;
}

namespace {

binaryfunc slot_of(PyTypeObject *type, NumberSlot slot) noexcept {
    PyNumberMethods *methods = type->tp_as_number;
    return methods != nullptr ? methods->*slot : nullptr;
}

bool is_not_implemented(PyObject *result) noexcept {
    return result == Py_NotImplemented;
}

}  // namespace

PyObject *binary_op1(PyObject *v, PyObject *w, NumberSlot slot) noexcept {
    binaryfunc slotv = slot_of(Py_TYPE(v), slot);
    binaryfunc slotw = nullptr;
    if (!Py_IS_TYPE(w, Py_TYPE(v))) {
        slotw = slot_of(Py_TYPE(w), slot);
        if (slotw == slotv) slotw = nullptr;
    }
    if (slotv != nullptr) {
        if (slotw != nullptr && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
            PyObject *result = slotw(v, w);
            if (!is_not_implemented(result)) return result;
            Py_DECREF(result);
            slotw = nullptr;  // it has had its turn
        }
        PyObject *result = slotv(v, w);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    if (slotw != nullptr) {
        PyObject *result = slotw(v, w);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    Py_RETURN_NOTIMPLEMENTED;
}

PyObject *binary_iop1(PyObject *v, PyObject *w, NumberSlot inplace_slot, NumberSlot slot) noexcept {
    if (binaryfunc inplace = slot_of(Py_TYPE(v), inplace_slot); inplace != nullptr) {
        PyObject *result = inplace(v, w);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    return binary_op1(v, w, slot);
}

namespace {

PyObject *unsupported_operands(PyObject *v, PyObject *w, const char *op_name) noexcept {
    // `print >> file` is Python 2; CPython points such code at the Python 3 spelling.
    if (std::strcmp(op_name, ">>") == 0 && PyCFunction_CheckExact(v) &&
        std::strcmp(reinterpret_cast<PyCFunctionObject *>(v)->m_ml->ml_name, "print") == 0) {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'. "
                     "Did you mean \"print(<message>, file=<output_stream>)\"?",
                     op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
        return nullptr;
    }
    PyErr_Format(PyExc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'",
                 op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    return nullptr;
}

// A binary operator with no sequence fallback.
PyObject *binary_op(PyObject *v, PyObject *w, NumberSlot slot, const char *op_name) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result = binary_op1(v, w, slot);
    if (!is_not_implemented(result)) return result;
    Py_DECREF(result);
    return unsupported_operands(v, w, op_name);
}

PyObject *binary_iop(PyObject *v, PyObject *w, NumberSlot inplace_slot, NumberSlot slot,
                     const char *op_name) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result = binary_iop1(v, w, inplace_slot, slot);
    if (!is_not_implemented(result)) return result;
    Py_DECREF(result);
    return unsupported_operands(v, w, op_name);
}

// seq * n for a sequence slot: n must be an index ("can't multiply sequence by non-int of
// type 'float'"); a count too big for Py_ssize_t is an OverflowError.
PyObject *sequence_repeat(ssizeargfunc repeat, PyObject *seq, PyObject *n) noexcept {
    if (!PyIndex_Check(n))
        return type_name_error("can't multiply sequence by non-int of type '%.200s'", n);
    const Py_ssize_t count = PyNumber_AsSsize_t(n, PyExc_OverflowError);
    if (count == -1 && PyErr_Occurred()) return nullptr;
    return repeat(seq, count);
}

// pow() dispatch: as binary_op1 for v and w, then the third operand's slot when it is a
// different function again (CPython's ternary_op).
using TernarySlot = ternaryfunc PyNumberMethods::*;

ternaryfunc ternary_slot_of(PyTypeObject *type, TernarySlot slot) noexcept {
    PyNumberMethods *methods = type->tp_as_number;
    return methods != nullptr ? methods->*slot : nullptr;
}

PyObject *ternary_op(PyObject *v, PyObject *w, PyObject *z, TernarySlot slot,
                     const char *op_name) noexcept {
    ternaryfunc slotv = ternary_slot_of(Py_TYPE(v), slot);
    ternaryfunc slotw = nullptr;
    if (!Py_IS_TYPE(w, Py_TYPE(v))) {
        slotw = ternary_slot_of(Py_TYPE(w), slot);
        if (slotw == slotv) slotw = nullptr;
    }
    if (slotv != nullptr) {
        if (slotw != nullptr && PyType_IsSubtype(Py_TYPE(w), Py_TYPE(v))) {
            PyObject *result = slotw(v, w, z);
            if (!is_not_implemented(result)) return result;
            Py_DECREF(result);
            slotw = nullptr;
        }
        PyObject *result = slotv(v, w, z);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    if (slotw != nullptr) {
        PyObject *result = slotw(v, w, z);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    ternaryfunc slotz = ternary_slot_of(Py_TYPE(z), slot);
    if (slotz != nullptr && slotz != slotv && slotz != slotw) {
        PyObject *result = slotz(v, w, z);
        if (!is_not_implemented(result)) return result;
        Py_DECREF(result);
    }
    if (z == Py_None) {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'", op_name,
                     Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name);
    } else {
        PyErr_Format(PyExc_TypeError,
                     "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'",
                     op_name, Py_TYPE(v)->tp_name, Py_TYPE(w)->tp_name, Py_TYPE(z)->tp_name);
    }
    return nullptr;
}

// A unary operator: the slot, or TypeError with `message` naming the type.
PyObject *unary_op(PyObject *o, unaryfunc PyNumberMethods::*slot, const char *message) noexcept {
    if (o == nullptr) return null_argument_error();
    PyNumberMethods *methods = Py_TYPE(o)->tp_as_number;
    if (methods != nullptr && methods->*slot != nullptr) return (methods->*slot)(o);
    return type_name_error(message, o);
}

}  // namespace
}  // namespace minipy::runtime

using minipy::runtime::binary_iop;
using minipy::runtime::binary_iop1;
using minipy::runtime::binary_op;
using minipy::runtime::binary_op1;
using minipy::runtime::null_argument_error;

extern "C" int PyNumber_Check(PyObject *o) noexcept {
    if (o == nullptr) return 0;
    PyNumberMethods *nb = Py_TYPE(o)->tp_as_number;
    return nb != nullptr &&
           (nb->nb_index != nullptr || nb->nb_int != nullptr || nb->nb_float != nullptr);
}

extern "C" int PyIndex_Check(PyObject *obj) noexcept {
    PyNumberMethods *nb = Py_TYPE(obj)->tp_as_number;
    return nb != nullptr && nb->nb_index != nullptr;
}

// --- Binary operators (the ones with no sequence fallback) ----------------------------------

// NOLINTBEGIN(bugprone-macro-parentheses): defines a function
#define MINIPY_BINARY_FUNC(name, slot, op)                         \
    extern "C" PyObject *name(PyObject *v, PyObject *w) noexcept { \
        return binary_op(v, w, &PyNumberMethods::slot, op);        \
    }
// NOLINTEND(bugprone-macro-parentheses)
MINIPY_BINARY_FUNC(PyNumber_Or, nb_or, "|")
MINIPY_BINARY_FUNC(PyNumber_Xor, nb_xor, "^")
MINIPY_BINARY_FUNC(PyNumber_And, nb_and, "&")
MINIPY_BINARY_FUNC(PyNumber_Lshift, nb_lshift, "<<")
MINIPY_BINARY_FUNC(PyNumber_Rshift, nb_rshift, ">>")
MINIPY_BINARY_FUNC(PyNumber_Subtract, nb_subtract, "-")
MINIPY_BINARY_FUNC(PyNumber_Divmod, nb_divmod, "divmod()")
MINIPY_BINARY_FUNC(PyNumber_MatrixMultiply, nb_matrix_multiply, "@")
MINIPY_BINARY_FUNC(PyNumber_FloorDivide, nb_floor_divide, "//")
MINIPY_BINARY_FUNC(PyNumber_TrueDivide, nb_true_divide, "/")
MINIPY_BINARY_FUNC(PyNumber_Remainder, nb_remainder, "%")
#undef MINIPY_BINARY_FUNC

extern "C" PyObject *PyNumber_Add(PyObject *v, PyObject *w) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result = binary_op1(v, w, &PyNumberMethods::nb_add);
    if (result != Py_NotImplemented) return result;
    Py_DECREF(result);
    // Only the left operand's concatenation: [1] + (2,) is an error, as in Python.
    PySequenceMethods *seq = Py_TYPE(v)->tp_as_sequence;
    if (seq != nullptr && seq->sq_concat != nullptr) return seq->sq_concat(v, w);
    return minipy::runtime::unsupported_operands(v, w, "+");
}

extern "C" PyObject *PyNumber_Multiply(PyObject *v, PyObject *w) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result = binary_op1(v, w, &PyNumberMethods::nb_multiply);
    if (result != Py_NotImplemented) return result;
    Py_DECREF(result);
    // Repetition works from either side: 3 * [1] as [1] * 3.
    PySequenceMethods *seqv = Py_TYPE(v)->tp_as_sequence;
    PySequenceMethods *seqw = Py_TYPE(w)->tp_as_sequence;
    if (seqv != nullptr && seqv->sq_repeat != nullptr)
        return minipy::runtime::sequence_repeat(seqv->sq_repeat, v, w);
    if (seqw != nullptr && seqw->sq_repeat != nullptr)
        return minipy::runtime::sequence_repeat(seqw->sq_repeat, w, v);
    return minipy::runtime::unsupported_operands(v, w, "*");
}

extern "C" PyObject *PyNumber_Power(PyObject *v, PyObject *w, PyObject *z) noexcept {
    if (v == nullptr || w == nullptr || z == nullptr) return null_argument_error();
    return minipy::runtime::ternary_op(v, w, z, &PyNumberMethods::nb_power, "** or pow()");
}

// --- In-place operators -----------------------------------------------------------------------

// NOLINTBEGIN(bugprone-macro-parentheses): defines a function
#define MINIPY_INPLACE_FUNC(name, islot, slot, op)                                    \
    extern "C" PyObject *name(PyObject *v, PyObject *w) noexcept {                    \
        return binary_iop(v, w, &PyNumberMethods::islot, &PyNumberMethods::slot, op); \
    }
// NOLINTEND(bugprone-macro-parentheses)
MINIPY_INPLACE_FUNC(PyNumber_InPlaceOr, nb_inplace_or, nb_or, "|=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceXor, nb_inplace_xor, nb_xor, "^=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceAnd, nb_inplace_and, nb_and, "&=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceLshift, nb_inplace_lshift, nb_lshift, "<<=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceRshift, nb_inplace_rshift, nb_rshift, ">>=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceSubtract, nb_inplace_subtract, nb_subtract, "-=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceMatrixMultiply, nb_inplace_matrix_multiply, nb_matrix_multiply,
                    "@=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceFloorDivide, nb_inplace_floor_divide, nb_floor_divide, "//=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceTrueDivide, nb_inplace_true_divide, nb_true_divide, "/=")
MINIPY_INPLACE_FUNC(PyNumber_InPlaceRemainder, nb_inplace_remainder, nb_remainder, "%=")
#undef MINIPY_INPLACE_FUNC

extern "C" PyObject *PyNumber_InPlaceAdd(PyObject *v, PyObject *w) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result =
        binary_iop1(v, w, &PyNumberMethods::nb_inplace_add, &PyNumberMethods::nb_add);
    if (result != Py_NotImplemented) return result;
    Py_DECREF(result);
    if (PySequenceMethods *seq = Py_TYPE(v)->tp_as_sequence; seq != nullptr) {
        binaryfunc concat =
            seq->sq_inplace_concat != nullptr ? seq->sq_inplace_concat : seq->sq_concat;
        if (concat != nullptr) return concat(v, w);
    }
    return minipy::runtime::unsupported_operands(v, w, "+=");
}

extern "C" PyObject *PyNumber_InPlaceMultiply(PyObject *v, PyObject *w) noexcept {
    if (v == nullptr || w == nullptr) return null_argument_error();
    PyObject *result =
        binary_iop1(v, w, &PyNumberMethods::nb_inplace_multiply, &PyNumberMethods::nb_multiply);
    if (result != Py_NotImplemented) return result;
    Py_DECREF(result);
    PySequenceMethods *seqv = Py_TYPE(v)->tp_as_sequence;
    PySequenceMethods *seqw = Py_TYPE(w)->tp_as_sequence;
    if (seqv != nullptr) {
        ssizeargfunc repeat =
            seqv->sq_inplace_repeat != nullptr ? seqv->sq_inplace_repeat : seqv->sq_repeat;
        if (repeat != nullptr) return minipy::runtime::sequence_repeat(repeat, v, w);
    } else if (seqw != nullptr && seqw->sq_repeat != nullptr) {
        // n *= seq: the right operand is not the target, so it is never repeated in place.
        return minipy::runtime::sequence_repeat(seqw->sq_repeat, w, v);
    }
    return minipy::runtime::unsupported_operands(v, w, "*=");
}

extern "C" PyObject *PyNumber_InPlacePower(PyObject *v, PyObject *w, PyObject *z) noexcept {
    if (v == nullptr || w == nullptr || z == nullptr) return null_argument_error();
    if (PyNumberMethods *nb = Py_TYPE(v)->tp_as_number;
        nb != nullptr && nb->nb_inplace_power != nullptr) {
        PyObject *result = nb->nb_inplace_power(v, w, z);
        if (result != Py_NotImplemented) return result;
        Py_DECREF(result);
    }
    return minipy::runtime::ternary_op(v, w, z, &PyNumberMethods::nb_power, "**=");
}

// --- Unary operators --------------------------------------------------------------------------

extern "C" PyObject *PyNumber_Negative(PyObject *o) noexcept {
    return minipy::runtime::unary_op(o, &PyNumberMethods::nb_negative,
                                     "bad operand type for unary -: '%.200s'");
}

extern "C" PyObject *PyNumber_Positive(PyObject *o) noexcept {
    return minipy::runtime::unary_op(o, &PyNumberMethods::nb_positive,
                                     "bad operand type for unary +: '%.200s'");
}

extern "C" PyObject *PyNumber_Invert(PyObject *o) noexcept {
    return minipy::runtime::unary_op(o, &PyNumberMethods::nb_invert,
                                     "bad operand type for unary ~: '%.200s'");
}

extern "C" PyObject *PyNumber_Absolute(PyObject *o) noexcept {
    return minipy::runtime::unary_op(o, &PyNumberMethods::nb_absolute,
                                     "bad operand type for abs(): '%.200s'");
}
