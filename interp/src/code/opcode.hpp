// The opcode tables, all generated from opcodes.def (ORDER OP): the Opcode enum, each
// opcode's name, cache size, flags and base form (itself for a base instruction, the
// instruction it specializes otherwise). Shared by the compiler, the eval loop, the
// specializer and the disassembler.
//
// A code unit is 16 bits: opcode in the low byte, oparg in the high byte (little-endian
// regardless of the host, since units are built and read as integers).
#ifndef MINIPY_INTERP_CODE_OPCODE_HPP
#define MINIPY_INTERP_CODE_OPCODE_HPP

#include <cstdint>

namespace minipy::code {

using CodeUnit = std::uint16_t;

// The opcodes, their flags and the operand enumerations keep CPython's spelling (LOAD_FAST,
// NB_ADD, MAKE_FUNCTION_DEFAULTS), as its dis documentation and the compiler's literature name
// them, rather than the kPascalCase of our own constants.
// NOLINTBEGIN(readability-identifier-naming)
enum Opcode : std::uint8_t {
#define OPCODE(name, cache, flags) name,
#define SPECIALIZED(name, base)    name,
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED
    kOpcodeCount
};
static_assert(kOpcodeCount <= 256, "opcodes must fit in a byte");
static_assert(CACHE == 0, "a zeroed cache entry must read as CACHE");

// Flags of opcodes.def.
enum OpFlag : std::uint8_t {
    ARG = 1,
    JFWD = 2,
    JBWD = 4,
    CONST = 8,
    NAME = 16,
    LOCAL = 32,
    FREE = 64,
};

struct OpcodeInfo {
    const char *name;
    std::uint8_t cache;  // cache units following the instruction
    std::uint8_t flags;
    Opcode base;  // the instruction this one specializes (itself for a base instruction)
};

extern const OpcodeInfo kOpcodeInfo[256];

// The cache size of each instruction as a constant (kCacheOf_BINARY_OP, ...), for the eval
// loop's skips.
#define OPCODE(name, cache, flags) inline constexpr int kCacheOf_##name = cache;
#define SPECIALIZED(name, base)
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED

inline constexpr CodeUnit make_unit(int opcode, int oparg) noexcept {
    return static_cast<CodeUnit>((opcode & 0xFF) | ((oparg & 0xFF) << 8));
}
inline constexpr int unit_opcode(CodeUnit unit) noexcept {
    return unit & 0xFF;
}
inline constexpr int unit_oparg(CodeUnit unit) noexcept {
    return unit >> 8;
}

inline int cache_units(int opcode) noexcept {
    return kOpcodeInfo[opcode].cache;
}
inline bool is_jump_opcode(int opcode) noexcept {
    return (kOpcodeInfo[opcode].flags & (JFWD | JBWD)) != 0;
}
inline Opcode base_opcode(int opcode) noexcept {
    return kOpcodeInfo[opcode].base;
}

// BINARY_OP's oparg (CPython's NB_* numbering, Include/internal/pycore_opcode.h), in-place
// forms at +13.
enum BinaryOpArg : int {
    NB_ADD = 0,
    NB_AND = 1,
    NB_FLOOR_DIVIDE = 2,
    NB_LSHIFT = 3,
    NB_MATRIX_MULTIPLY = 4,
    NB_MULTIPLY = 5,
    NB_REMAINDER = 6,
    NB_OR = 7,
    NB_POWER = 8,
    NB_RSHIFT = 9,
    NB_SUBTRACT = 10,
    NB_TRUE_DIVIDE = 11,
    NB_XOR = 12,
    NB_INPLACE_ADD = 13,
    NB_INPLACE_AND = 14,
    NB_INPLACE_FLOOR_DIVIDE = 15,
    NB_INPLACE_LSHIFT = 16,
    NB_INPLACE_MATRIX_MULTIPLY = 17,
    NB_INPLACE_MULTIPLY = 18,
    NB_INPLACE_REMAINDER = 19,
    NB_INPLACE_OR = 20,
    NB_INPLACE_POWER = 21,
    NB_INPLACE_RSHIFT = 22,
    NB_INPLACE_SUBTRACT = 23,
    NB_INPLACE_TRUE_DIVIDE = 24,
    NB_INPLACE_XOR = 25,
    NB_OP_COUNT = 26,
};

// The operator's spelling for BINARY_OP's oparg ("+", "+=", ...).
const char *binary_op_symbol(int oparg) noexcept;

// MAKE_FUNCTION's oparg bits (CPython 3.11's).
enum MakeFunctionFlag : int {
    MAKE_FUNCTION_DEFAULTS = 0x01,
    MAKE_FUNCTION_KWDEFAULTS = 0x02,
    MAKE_FUNCTION_ANNOTATIONS = 0x04,
    MAKE_FUNCTION_CLOSURE = 0x08,
};

// FORMAT_VALUE's oparg: the conversion in the low two bits, then whether a spec follows.
enum FormatValueFlag : int {
    FVC_MASK = 0x3,
    FVC_NONE = 0x0,
    FVC_STR = 0x1,
    FVC_REPR = 0x2,
    FVC_ASCII = 0x3,
    FVS_HAVE_SPEC = 0x4,
};

// RESUME's oparg.
enum ResumeWhere : int { RESUME_AT_START = 0, RESUME_AFTER_YIELD = 1, RESUME_AFTER_YIELD_FROM = 2 };
// NOLINTEND(readability-identifier-naming)

}  // namespace minipy::code

#endif  // MINIPY_INTERP_CODE_OPCODE_HPP
