/* minipy/pyhash.h: the hash functions behind hash() of numbers, bytes, str and pointers.
 *
 * C-compatible; names and values follow CPython 3.11 (Include/pyhash.h, Python/pyhash.c).
 *
 * Numbers: the hash of a rational value x = m / n is (m * n**-1) modulo the Mersenne prime
 * P = 2**61 - 1 (_PyHASH_MODULUS), with the sign of x; +inf and -inf hash to +-314159
 * (_PyHASH_INF), and -1, which every hash function returns for "error", becomes -2. So equal
 * numbers of different types hash alike: hash(1.0) == hash(1), hash(0.5) == 2**60. A NaN
 * hashes by the identity of its object (CPython 3.10+), so distinct NaNs land apart in a dict.
 *
 * Bytes and str: SipHash-1-3 (sys.hash_info.algorithm 'siphash13', no small-string cutoff)
 * over the object's bytes; a str is hashed over its 1, 2 or 4 bytes per code point. An empty
 * buffer hashes to 0. The key is fixed at all zeros: minipy hashes every bytes and str as
 * CPython does under PYTHONHASHSEED=0, so hash(b'abc') and hash('abc') equal
 * `PYTHONHASHSEED=0 python3 -c "print(hash(b'abc'))"` (-4594863902769663758 on a 64-bit
 * build), on every run. minipy randomizes nothing by default; a host (the `minipy` command,
 * for PYTHONHASHSEED) can choose CPython's key for a seed, or a random one, before start-up
 * with minipy_set_hash_seed.
 *
 * Pointers (the default hash of an object): the address rotated right by 4 bits, since the
 * low bits of an aligned address are always zero. */
#ifndef MINIPY_PYHASH_H
#define MINIPY_PYHASH_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

#define _PyHASH_MULTIPLIER 1000003UL /* 0xf4243 */
#define _PyHASH_BITS       61
#define _PyHASH_MODULUS    (((size_t)1 << _PyHASH_BITS) - 1)
#define _PyHASH_INF        314159
#define _PyHASH_IMAG       _PyHASH_MULTIPLIER

/* What sys.hash_info reports about the bytes/str hash. */
#define Py_HASH_SIPHASH13 3
#define Py_HASH_ALGORITHM Py_HASH_SIPHASH13
#define Py_HASH_CUTOFF    0

/* The numeric hash of v. inst is the object holding v: a NaN hashes as that object's
 * address. Never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashDouble(PyObject *inst, double v) MINIPY_NOEXCEPT;
/* The address rotated right by 4 bits; never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashPointer(const void *ptr) MINIPY_NOEXCEPT;
/* The same rotation, -1 included. */
PyAPI_FUNC(Py_hash_t) _Py_HashPointerRaw(const void *ptr) MINIPY_NOEXCEPT;
/* SipHash-1-3 of len bytes with the all-zero key; 0 for len == 0; never -1. */
PyAPI_FUNC(Py_hash_t) _Py_HashBytes(const void *src, Py_ssize_t len) MINIPY_NOEXCEPT;

/* Chooses the bytes/str hash key before the runtime starts (minipy): with use_seed, the key
 * CPython derives for PYTHONHASHSEED=seed (seed 0: the all-zero key), so hashes and set and
 * dict orders equal python3's under that seed; without, a random key. 0, or -1 while the
 * runtime runs (nothing changes: hashes already stored must stay valid) or when the system
 * gives no random bytes. */
PyAPI_FUNC(int) minipy_set_hash_seed(int use_seed, unsigned long seed) MINIPY_NOEXCEPT;

/* The bytes/str hash function and its parameters (sys.hash_info's algorithm, hash_bits and
 * seed_bits). */
typedef struct {
    Py_hash_t (*const hash)(const void *, Py_ssize_t);
    const char *name;
    const int hash_bits;
    const int seed_bits;
} PyHash_FuncDef;
PyAPI_FUNC(PyHash_FuncDef *) PyHash_GetFuncDef(void) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_PYHASH_H */
