// The opcode tables of opcode.hpp, generated from opcodes.def.
#include "code/opcode.hpp"

namespace minipy::code {

namespace {

constexpr int cache_of_base(Opcode op);

struct BaseCache {
    Opcode op;
    std::uint8_t cache;
    std::uint8_t flags;
};

constexpr BaseCache kBases[] = {
#define OPCODE(name, cache, flags) {name, cache, flags},
#define SPECIALIZED(name, base)
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED
};

constexpr int cache_of_base(Opcode op) {
    for (const BaseCache &b : kBases)
        if (b.op == op) return b.cache;
    return -1;
}

constexpr std::uint8_t flags_of_base(Opcode op) {
    for (const BaseCache &b : kBases)
        if (b.op == op) return b.flags;
    return 0;
}

struct Table {
    OpcodeInfo info[256];
    constexpr Table() : info{} {
        for (int i = 0; i < 256; ++i) info[i] = {nullptr, 0, 0, static_cast<Opcode>(i)};
#define OPCODE(name, cache, flags) info[name] = {#name, cache, flags, name};
#define SPECIALIZED(name, base) \
    info[name] = {#name, static_cast<std::uint8_t>(cache_of_base(base)), flags_of_base(base), base};
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED
    }
};

// A specialized form must specialize a base instruction (not another specialized form).
#define OPCODE(name, cache, flags)
#define SPECIALIZED(name, base) \
    static_assert(cache_of_base(base) >= 0, #name " must specialize a base instruction");
#include "code/opcodes.def"
#undef OPCODE
#undef SPECIALIZED

constexpr Table kTable{};

}  // namespace

const OpcodeInfo kOpcodeInfo[256] = {
#define ROW(i)   kTable.info[(i)]
#define ROW4(i)  ROW(i), ROW((i) + 1), ROW((i) + 2), ROW((i) + 3)
#define ROW16(i) ROW4(i), ROW4((i) + 4), ROW4((i) + 8), ROW4((i) + 12)
    ROW16(0),   ROW16(16),  ROW16(32),  ROW16(48),  ROW16(64),  ROW16(80),  ROW16(96),  ROW16(112),
    ROW16(128), ROW16(144), ROW16(160), ROW16(176), ROW16(192), ROW16(208), ROW16(224), ROW16(240),
#undef ROW16
#undef ROW4
#undef ROW
};

const char *binary_op_symbol(int oparg) noexcept {
    static const char *const kSymbols[NB_OP_COUNT] = {
        "+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",  ">>",  "-",  "/",  "^",
        "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
    };
    if (oparg < 0 || oparg >= NB_OP_COUNT) return "?";
    return kSymbols[oparg];
}

}  // namespace minipy::code
