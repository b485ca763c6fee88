// The hash functions of pyhash.h: the numeric hash of a double, the pointer hash, and
// SipHash-1-3 for bytes and str. The values match CPython 3.11's on a 64-bit build (with
// PYTHONHASHSEED=0 for bytes and str, see pyhash.h); the tests compare them with python3's.
#include <cmath>
#include <cstdint>
#include <cstring>

#include <sys/random.h>

#include "minipy/pyhash.h"
#include "state/runtime_state.hpp"

static_assert(sizeof(Py_uhash_t) == 8 && sizeof(void *) == 8,
              "the hash values are CPython's 64-bit ones");

namespace {

constexpr Py_uhash_t kModulus = _PyHASH_MODULUS;
constexpr int kHashBits = _PyHASH_BITS;

// Multiplying by 2**k modulo P = 2**61 - 1 is a left rotation by k within 61 bits, because
// 2**61 == 1 (mod P). Requires 0 <= k < 61 and x < 2**61.
constexpr Py_uhash_t rotate_mod_p(Py_uhash_t x, int k) noexcept {
    if (k == 0) return x;
    return ((x << k) & kModulus) | (x >> (kHashBits - k));
}

// --- SipHash-1-3 ------------------------------------------------------------------------------
// SipHash (Aumasson and Bernstein) with one compression round per 8-byte word and three
// finalization rounds, as CPython chose in 3.11 for speed. The key is the all-zero one
// unless minipy_set_hash_seed chose another before start-up: minipy's hashes are CPython's
// under PYTHONHASHSEED=0 by default, and under PYTHONHASHSEED=N when the command passes N.

constinit std::uint64_t g_sip_key0 = 0;
constinit std::uint64_t g_sip_key1 = 0;

constexpr std::uint64_t rotl64(std::uint64_t x, int b) noexcept {
    return (x << b) | (x >> (64 - b));
}

struct SipState {
    std::uint64_t v0, v1, v2, v3;

    void round() noexcept {
        v0 += v1;
        v2 += v3;
        v1 = rotl64(v1, 13) ^ v0;
        v3 = rotl64(v3, 16) ^ v2;
        v0 = rotl64(v0, 32);
        v2 += v1;
        v0 += v3;
        v1 = rotl64(v1, 17) ^ v2;
        v3 = rotl64(v3, 21) ^ v0;
        v2 = rotl64(v2, 32);
    }
    void absorb(std::uint64_t m) noexcept {
        v3 ^= m;
        round();
        v0 ^= m;
    }
};

// Reads 8 bytes as a little-endian word whatever the host's byte order.
std::uint64_t load_le64(const unsigned char *p) noexcept {
    std::uint64_t word = 0;
    for (int i = 7; i >= 0; i--) word = (word << 8) | p[i];
    return word;
}

std::uint64_t siphash13(const void *src, std::size_t len) noexcept {
    const auto *in = static_cast<const unsigned char *>(src);
    // "somepseudorandomlygeneratedbytes", the initialization constants of SipHash.
    SipState s{g_sip_key0 ^ 0x736f6d6570736575ULL, g_sip_key1 ^ 0x646f72616e646f6dULL,
               g_sip_key0 ^ 0x6c7967656e657261ULL, g_sip_key1 ^ 0x7465646279746573ULL};
    // The last word carries the length modulo 256 in its top byte, then the tail bytes.
    std::uint64_t last = static_cast<std::uint64_t>(len) << 56;
    std::size_t left = len;
    for (; left >= 8; left -= 8, in += 8) s.absorb(load_le64(in));
    for (std::size_t i = 0; i < left; i++) last |= static_cast<std::uint64_t>(in[i]) << (8 * i);
    s.absorb(last);
    s.v2 ^= 0xff;
    s.round();
    s.round();
    s.round();
    return (s.v0 ^ s.v1) ^ (s.v2 ^ s.v3);
}

Py_hash_t hash_bytes_function(const void *src, Py_ssize_t len) noexcept {
    return static_cast<Py_hash_t>(siphash13(src, static_cast<std::size_t>(len)));
}

PyHash_FuncDef g_hash_func_def = {hash_bytes_function, "siphash13", 64, 128};

}  // namespace

extern "C" {

// CPython's key for PYTHONHASHSEED=N (Python/bootstrap_hash.c, lcg_urandom): the bytes of
// a linear congruential sequence from N, read as two little-endian words; for "random",
// bytes from the system's generator.
int minipy_set_hash_seed(int use_seed, unsigned long seed) noexcept {
    if (minipy::runtime::runtime_running()) return -1;
    unsigned char secret[16] = {};
    if (use_seed && seed == 0) {
        // CPython's seed 0: the all-zero key (hash randomization off).
    } else if (use_seed) {
        auto x = static_cast<unsigned int>(seed);
        for (unsigned char &byte : secret) {
            x = x * 214013U + 2531011U;
            byte = static_cast<unsigned char>((x >> 16) & 0xff);
        }
    } else if (getrandom(secret, sizeof secret, 0) != static_cast<ssize_t>(sizeof secret)) {
        return -1;
    }
    g_sip_key0 = load_le64(secret);
    g_sip_key1 = load_le64(secret + 8);
    return 0;
}

// A finite v is m * 2**e with 0.5 <= m < 1. The mantissa is folded into x 28 bits at a time
// (x = x * 2**28 + next 28 bits, modulo P; 53 bits take two steps), e decreasing by 28 each
// time, so that v == x * 2**e (mod P) at the end. Then 2**e modulo P is a rotation by
// e mod 61, taken in [0, 61) for negative e too (2**-1 == 2**60 mod P).
Py_hash_t _Py_HashDouble(PyObject *inst, double v) noexcept {
    if (!std::isfinite(v)) {
        if (std::isinf(v)) return v > 0 ? _PyHASH_INF : -_PyHASH_INF;
        return _Py_HashPointer(inst);
    }
    int e = 0;
    double m = std::frexp(v, &e);
    const bool negative = m < 0;
    if (negative) m = -m;
    Py_uhash_t x = 0;
    while (m != 0.0) {
        x = rotate_mod_p(x, 28);
        m *= 268435456.0;  // 2**28
        e -= 28;
        const auto chunk = static_cast<Py_uhash_t>(m);
        m -= static_cast<double>(chunk);
        x += chunk;
        if (x >= kModulus) x -= kModulus;
    }
    const int shift = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
    x = rotate_mod_p(x, shift);
    if (negative) x = Py_uhash_t{0} - x;
    if (x == static_cast<Py_uhash_t>(-1)) x = static_cast<Py_uhash_t>(-2);
    return static_cast<Py_hash_t>(x);
}

Py_hash_t _Py_HashPointerRaw(const void *ptr) noexcept {
    const auto bits = reinterpret_cast<std::uintptr_t>(ptr);
    // Objects are 16-byte aligned: the low 4 bits carry nothing, so they go to the top.
    return static_cast<Py_hash_t>((bits >> 4) | (bits << (8 * sizeof(bits) - 4)));
}

Py_hash_t _Py_HashPointer(const void *ptr) noexcept {
    const Py_hash_t h = _Py_HashPointerRaw(ptr);
    return h == -1 ? -2 : h;
}

Py_hash_t _Py_HashBytes(const void *src, Py_ssize_t len) noexcept {
    // CPython gives the empty string the hash 0 whatever the key.
    if (len == 0) return 0;
    const Py_hash_t h = hash_bytes_function(src, len);
    return h == -1 ? -2 : h;
}

PyHash_FuncDef *PyHash_GetFuncDef(void) noexcept {
    return &g_hash_func_def;
}

}  // extern "C"
