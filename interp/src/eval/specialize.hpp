// PEP 659 specialization: the inline cache layouts of the instructions that specialize, the
// adaptive counter, and the specializer (specialize.cpp) that rewrites an adaptive
// instruction in place into the specialized form opcodes.def lists for what it saw.
//
// The protocol (CPython 3.11's, its 3.12 backoff counter):
//   - the first cache unit of every specializing instruction is its counter: value in the high
//     12 bits, backoff exponent in the low 4. The base (adaptive) form counts the value down
//     by one per run; at zero it calls the specializer. Caches start zeroed, so the first run
//     specializes.
//   - the specializer either rewrites the opcode (the oparg stays, so EXTENDED_ARG prefixes
//     keep working) and fills the cache, or leaves the base form with the counter backed off
//     (2^exp - 1 runs, the exponent growing to 12).
//   - a specialized form checks its guards before it touches the stack; on a miss it
//     deoptimizes: the opcode goes back to the base form with a backed-off counter, and the
//     base form's generic code runs this very instruction. Results and errors are the generic
//     path's by construction: a specialized form only runs where the guards prove the generic
//     path would do the same thing.
#ifndef MINIPY_INTERP_EVAL_SPECIALIZE_HPP
#define MINIPY_INTERP_EVAL_SPECIALIZE_HPP

#include <cstdint>
#include <cstring>

#include "code/opcode.hpp"
#include "minipy/Python.h"

namespace minipy::eval {

// --- the counter ----------------------------------------------------------------------------
inline constexpr int kBackoffBits = 4;
inline constexpr int kMaxBackoff = 12;

// The counter after a failed specialization or a deoptimization: the next try comes after
// 2^exp - 1 more runs, exp one more than before (at most kMaxBackoff).
inline constexpr code::CodeUnit backoff_counter(code::CodeUnit counter) noexcept {
    int exp = (counter & ((1 << kBackoffBits) - 1)) + 1;
    if (exp > kMaxBackoff) exp = kMaxBackoff;
    return static_cast<code::CodeUnit>((((1 << exp) - 1) << kBackoffBits) | exp);
}
// Whether the adaptive form should try to specialize now; else counts down.
inline bool counter_triggers(code::CodeUnit *counter) noexcept {
    if (*counter >= (1 << kBackoffBits)) {
        *counter = static_cast<code::CodeUnit>(*counter - (1 << kBackoffBits));
        return false;
    }
    return true;
}

// --- cache units as wider values -------------------------------------------------------------
inline std::uint32_t read_u32(const code::CodeUnit *p) noexcept {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 16);
}
inline void write_u32(code::CodeUnit *p, std::uint32_t v) noexcept {
    p[0] = static_cast<code::CodeUnit>(v);
    p[1] = static_cast<code::CodeUnit>(v >> 16);
}
inline PyObject *read_obj(const code::CodeUnit *p) noexcept {
    std::uintptr_t bits;
    std::memcpy(&bits, p, sizeof bits);
    return reinterpret_cast<PyObject *>(bits);
}
inline void write_obj(code::CodeUnit *p, PyObject *v) noexcept {
    const auto bits = reinterpret_cast<std::uintptr_t>(v);
    std::memcpy(p, &bits, sizeof bits);
}

// --- cache layouts (unit offsets after the instruction; sizes are opcodes.def's) ----------------
// LOAD_ATTR (8): counter, type version (2), entry index, descriptor (4, borrowed: the type
// holds it while its version stands).
namespace load_attr_cache {
inline constexpr int kCounter = 0, kVersion = 1, kIndex = 3, kDescr = 4;
}
// STORE_ATTR (4): counter, type version (2), entry index.
namespace store_attr_cache {
inline constexpr int kCounter = 0, kVersion = 1, kIndex = 3;
}
// LOAD_GLOBAL (6): counter, globals entry index, globals keys version (2), builtins entry
// index.
namespace load_global_cache {
inline constexpr int kCounter = 0, kIndex = 1, kGlobalsVersion = 2, kBuiltinIndex = 4;
}
// BINARY_OP (1), BINARY_SUBSCR (1), STORE_SUBSCR (1), CALL (4), FOR_ITER (1), UNPACK_SEQUENCE
// (1): the counter only (CALL_PY_EXACT_ARGS checks the function's code on every run; the
// iteration and unpacking forms check the object's type).
inline constexpr int kCacheCounter = 0;

// The largest entry index a 16-bit cache unit holds.
inline constexpr Py_ssize_t kMaxCachedIndex = 0xFFFF;

// --- the specializer -----------------------------------------------------------------------------
// Its two outcomes: the instruction rewritten to a specialized `opcode` (the oparg stays), or
// the base form kept with its counter backed off.
inline void rewrite(code::CodeUnit *instr, int opcode) noexcept {
    *instr = code::make_unit(opcode, code::unit_oparg(*instr));
}
inline void fail(code::CodeUnit *instr) noexcept {
    instr[1 + kCacheCounter] = backoff_counter(instr[1 + kCacheCounter]);
}

// Each takes the instruction's unit (`instr`, whose cache follows) and the operands it saw,
// and rewrites the instruction or backs its counter off. None raises.
void specialize_load_attr(PyObject *owner, code::CodeUnit *instr, PyObject *name) noexcept;
void specialize_store_attr(PyObject *owner, code::CodeUnit *instr, PyObject *name) noexcept;
void specialize_load_global(PyObject *globals, PyObject *builtins, code::CodeUnit *instr,
                            PyObject *name) noexcept;
void specialize_binary_op(PyObject *lhs, PyObject *rhs, code::CodeUnit *instr) noexcept;
void specialize_compare_op(PyObject *lhs, PyObject *rhs, code::CodeUnit *instr) noexcept;
void specialize_binary_subscr(PyObject *container, PyObject *sub, code::CodeUnit *instr) noexcept;
void specialize_store_subscr(PyObject *container, PyObject *sub, code::CodeUnit *instr) noexcept;
void specialize_call(PyObject *callable, code::CodeUnit *instr, int nargs,
                     PyObject *kwnames) noexcept;
// Iteration and unpacking (specialize_iter.cpp): FOR_ITER by the iterator's type,
// UNPACK_SEQUENCE by the sequence's exact type and its length against `count` (the oparg,
// EXTENDED_ARG's bits included).
void specialize_for_iter(PyObject *iter, code::CodeUnit *instr) noexcept;
void specialize_unpack_sequence(PyObject *seq, code::CodeUnit *instr, int count) noexcept;

// A specialized form's miss: back to the base form with the counter backed off.
inline void deoptimize(code::CodeUnit *instr) noexcept {
    *instr =
        code::make_unit(code::base_opcode(code::unit_opcode(*instr)), code::unit_oparg(*instr));
    instr[1 + kCacheCounter] = backoff_counter(instr[1 + kCacheCounter]);
}

}  // namespace minipy::eval

#endif  // MINIPY_INTERP_EVAL_SPECIALIZE_HPP
