// The specializer's iteration and unpacking part (specialize.hpp): FOR_ITER becomes
// FOR_ITER_RANGE / _LIST / _TUPLE for the runtime's own iterators, whose layouts the public
// headers give (minipy/rangeobject.h, listobject.h, tupleobject.h); UNPACK_SEQUENCE becomes
// UNPACK_SEQUENCE_TWO_TUPLE / _TUPLE / _LIST for an exact tuple or list of the right length.
// The forms check the same on every run (ceval_specialized_iter.inc) and deoptimize
// otherwise, so what they do is what the generic instruction would have done.
#include "code/opcode.hpp"
#include "eval/specialize.hpp"

namespace minipy::eval {

using namespace minipy::code;

void specialize_for_iter(PyObject *iter, CodeUnit *instr) noexcept {
    // The exact type of the iterator is the whole guard (these types cannot be subclassed
    // anyway). A generator is left to the generic path (its frame would have to be
    // pushed here, as 3.12's FOR_ITER_GEN does; not done).
    PyTypeObject *type = Py_TYPE(iter);
    if (type == &PyRangeIter_Type)
        rewrite(instr, FOR_ITER_RANGE);
    else if (type == &PyListIter_Type)
        rewrite(instr, FOR_ITER_LIST);
    else if (type == &PyTupleIter_Type)
        rewrite(instr, FOR_ITER_TUPLE);
    else
        fail(instr);
}

void specialize_unpack_sequence(PyObject *seq, CodeUnit *instr, int count) noexcept {
    const Py_ssize_t n = count;
    if (PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == n)
        rewrite(instr, n == 2 ? UNPACK_SEQUENCE_TWO_TUPLE : UNPACK_SEQUENCE_TUPLE);
    else if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == n)
        rewrite(instr, UNPACK_SEQUENCE_LIST);
    else
        fail(instr);
}

}  // namespace minipy::eval
