// The _random module under random.py (interp/src/modules/random.py, frozen): the Mersenne
// Twister (MT19937) as CPython 3.11's _random.Random keeps it, so that a seed gives CPython's
// sequence: seed() from an int's absolute value read as 32-bit words (init_by_array), from any
// other hashable object's hash, or from 624 words of os entropy; random() from two outputs as
// 53 bits; getrandbits of any size; getstate/setstate as a 625-tuple (the words, the index).
// Also the few private helpers random.py needs and minipy has no other module for: libm's
// functions with the math module's errors (random.py must not depend on math), SHA-512 (for
// seeds of str and bytes; Nettle's, a Debian library) and os entropy for SystemRandom.
#include <sys/random.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>

#include <nettle/sha2.h>

#include "modules/modules.hpp"

namespace {

constexpr int kStateWords = 624;  // N
constexpr int kShift = 397;       // M
constexpr uint32_t kMatrixA = 0x9908b0dfU;
constexpr uint32_t kUpperMask = 0x80000000U;
constexpr uint32_t kLowerMask = 0x7fffffffU;

struct RandomObject {
    PyObject_HEAD int index;  // the next word of `state` to temper; kStateWords: regenerate first
    uint32_t state[kStateWords];
};

// --- The generator -------------------------------------------------------------------------

void regenerate(RandomObject *self) noexcept {
    uint32_t *mt = self->state;
    auto twist = [](uint32_t upper, uint32_t lower, uint32_t far) {
        const uint32_t y = (upper & kUpperMask) | (lower & kLowerMask);
        return far ^ (y >> 1) ^ ((y & 1U) != 0 ? kMatrixA : 0U);
    };
    int k = 0;
    for (; k < kStateWords - kShift; ++k) mt[k] = twist(mt[k], mt[k + 1], mt[k + kShift]);
    for (; k < kStateWords - 1; ++k) mt[k] = twist(mt[k], mt[k + 1], mt[k + kShift - kStateWords]);
    mt[kStateWords - 1] = twist(mt[kStateWords - 1], mt[0], mt[kShift - 1]);
    self->index = 0;
}

uint32_t next_word(RandomObject *self) noexcept {
    if (self->index >= kStateWords) regenerate(self);
    uint32_t y = self->state[self->index++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

void init_from_word(RandomObject *self, uint32_t seed) noexcept {
    uint32_t *mt = self->state;
    mt[0] = seed;
    for (int i = 1; i < kStateWords; ++i)
        mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + static_cast<uint32_t>(i);
    self->index = kStateWords;
}

// The reference implementation's init_by_array: every word of the key mixed into the state.
void init_from_key(RandomObject *self, const uint32_t *key, size_t length) noexcept {
    uint32_t *mt = self->state;
    init_from_word(self, 19650218U);
    size_t i = 1, j = 0;
    for (size_t k = length > kStateWords ? length : kStateWords; k > 0; --k) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] +
                static_cast<uint32_t>(j);
        if (++i >= kStateWords) {
            mt[0] = mt[kStateWords - 1];
            i = 1;
        }
        if (++j >= length) j = 0;
    }
    for (int k = kStateWords - 1; k > 0; --k) {
        mt[i] =
            (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - static_cast<uint32_t>(i);
        if (++i >= kStateWords) {
            mt[0] = mt[kStateWords - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U;  // the state is never all zeros
}

// Fills `buffer` from the kernel's entropy pool. `flags`: getrandom's (GRND_NONBLOCK: fail
// with EAGAIN rather than wait while the pool is not yet initialized, early at boot). 0 or -1
// (errno set).
int read_entropy(void *buffer, size_t size, unsigned flags) noexcept {
    auto *bytes = static_cast<unsigned char *>(buffer);
    while (size > 0) {
        const ssize_t got = getrandom(bytes, size, flags);
        if (got < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        bytes += got;
        size -= static_cast<size_t>(got);
    }
    return 0;
}

void seed_from_entropy(RandomObject *self) noexcept {
    uint32_t key[kStateWords];
    // As CPython: never wait for entropy to seed (os.urandom below does wait).
    if (read_entropy(key, sizeof key, GRND_NONBLOCK) == 0) {
        init_from_key(self, key, kStateWords);
        return;
    }
    // No entropy (not yet, a very old kernel, a seccomp filter): the clocks and the pid.
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    const auto ns = static_cast<uint64_t>(now.tv_sec) * 1000000000U + now.tv_nsec;
    timespec mono{};
    clock_gettime(CLOCK_MONOTONIC, &mono);
    const uint32_t fallback[5] = {
        static_cast<uint32_t>(ns), static_cast<uint32_t>(ns >> 32), static_cast<uint32_t>(getpid()),
        static_cast<uint32_t>(mono.tv_nsec), static_cast<uint32_t>(mono.tv_sec)};
    init_from_key(self, fallback, 5);
}

// seed(n): n's absolute value for an int (int.__abs__ for a subclass, never its own
// __abs__), the hash read as an unsigned word for anything else, entropy for None.
int seed_from_object(RandomObject *self, PyObject *arg) noexcept {
    if (arg == nullptr || arg == Py_None) {
        seed_from_entropy(self);
        return 0;
    }
    PyObject *n = nullptr;
    if (PyLong_Check(arg)) {
        // The value as an exact int first, so that a subclass's __neg__ is not called.
        n = _PyLong_Copy(reinterpret_cast<PyLongObject *>(arg));
        if (n != nullptr && _PyLong_Sign(n) < 0) Py_SETREF(n, PyNumber_Negative(n));
    } else {
        const Py_hash_t hash = PyObject_Hash(arg);
        if (hash == -1) return -1;
        n = PyLong_FromSize_t(static_cast<size_t>(hash));
    }
    if (n == nullptr) return -1;
    const size_t bits = _PyLong_NumBits(n);
    if (bits == static_cast<size_t>(-1)) {
        Py_DECREF(n);
        return -1;
    }
    const size_t words = bits == 0 ? 1 : (bits - 1) / 32 + 1;
    auto *key = static_cast<uint32_t *>(PyMem_Malloc(words * sizeof(uint32_t)));
    if (key == nullptr) {
        Py_DECREF(n);
        PyErr_NoMemory();
        return -1;
    }
    auto *bytes = reinterpret_cast<unsigned char *>(key);
    const int r = _PyLong_AsByteArray(reinterpret_cast<PyLongObject *>(n), bytes,
                                      words * sizeof(uint32_t), 1, 0);
    Py_DECREF(n);
    if (r == 0) {
        // The words are little-endian in memory; read each as a number on any host.
        for (size_t w = 0; w < words; ++w) {
            const unsigned char *p = bytes + w * 4;
            key[w] = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                     static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
        }
        init_from_key(self, key, words);
    }
    PyMem_Free(key);
    return r;
}

// --- _random.Random ------------------------------------------------------------------------

RandomObject *as_random(PyObject *self) noexcept {
    return reinterpret_cast<RandomObject *>(self);
}

PyObject *random_random(PyObject *self, PyObject *) noexcept {
    const uint32_t a = next_word(as_random(self)) >> 5;  // 27 bits
    const uint32_t b = next_word(as_random(self)) >> 6;  // 26 bits
    return PyFloat_FromDouble((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

PyObject *random_seed(PyObject *self, PyObject *args) noexcept {
    PyObject *arg = nullptr;
    if (!PyArg_UnpackTuple(args, "seed", 0, 1, &arg)) return nullptr;
    if (seed_from_object(as_random(self), arg) < 0) return nullptr;
    Py_RETURN_NONE;
}

int random_init(PyObject *self, PyObject *args, PyObject *kwargs) noexcept {
    if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "Random() takes no keyword arguments");
        return -1;
    }
    if (PyTuple_GET_SIZE(args) > 1) {
        PyErr_SetString(PyExc_TypeError, "Random() requires 0 or 1 argument");
        return -1;
    }
    return seed_from_object(as_random(self),
                            PyTuple_GET_SIZE(args) == 1 ? PyTuple_GET_ITEM(args, 0) : nullptr);
}

PyObject *random_getstate(PyObject *self, PyObject *) noexcept {
    RandomObject *r = as_random(self);
    PyObject *state = PyTuple_New(kStateWords + 1);
    if (state == nullptr) return nullptr;
    for (int i = 0; i < kStateWords; ++i) {
        PyObject *word = PyLong_FromUnsignedLong(r->state[i]);
        if (word == nullptr) {
            Py_DECREF(state);
            return nullptr;
        }
        PyTuple_SET_ITEM(state, i, word);
    }
    PyObject *index = PyLong_FromLong(r->index);
    if (index == nullptr) {
        Py_DECREF(state);
        return nullptr;
    }
    PyTuple_SET_ITEM(state, kStateWords, index);
    return state;
}

PyObject *random_setstate(PyObject *self, PyObject *state) noexcept {
    if (!PyTuple_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state vector must be a tuple");
        return nullptr;
    }
    if (PyTuple_GET_SIZE(state) != kStateWords + 1) {
        PyErr_SetString(PyExc_ValueError, "state vector is the wrong size");
        return nullptr;
    }
    uint32_t words[kStateWords];
    for (int i = 0; i < kStateWords; ++i) {
        const unsigned long word = PyLong_AsUnsignedLong(PyTuple_GET_ITEM(state, i));
        if (word == static_cast<unsigned long>(-1) && PyErr_Occurred()) return nullptr;
        words[i] = static_cast<uint32_t>(word);  // wider values keep their low 32 bits
    }
    const long index = PyLong_AsLong(PyTuple_GET_ITEM(state, kStateWords));
    if (index == -1 && PyErr_Occurred()) return nullptr;
    if (index < 0 || index > kStateWords) {
        PyErr_SetString(PyExc_ValueError, "invalid state");
        return nullptr;
    }
    RandomObject *r = as_random(self);
    std::memcpy(r->state, words, sizeof words);
    r->index = static_cast<int>(index);
    Py_RETURN_NONE;
}

// An int argument as Argument Clinic's "i" converter reads it. 0 or -1.
int int_argument(PyObject *arg, int *out) noexcept {
    if (PyFloat_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    const long value = PyLong_AsLong(arg);
    const bool overflow = value == -1 && PyErr_Occurred() != nullptr;
    if (overflow && !PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
    if (overflow || value > INT32_MAX || value < INT32_MIN) {
        PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    *out = static_cast<int>(value);
    return 0;
}

PyObject *random_getrandbits(PyObject *self, PyObject *arg) noexcept {
    int k = 0;
    if (int_argument(arg, &k) < 0) return nullptr;
    if (k < 0) {
        PyErr_SetString(PyExc_ValueError, "number of bits must be non-negative");
        return nullptr;
    }
    RandomObject *r = as_random(self);
    if (k == 0) return PyLong_FromLong(0);
    if (k <= 32) return PyLong_FromUnsignedLong(next_word(r) >> (32 - k));
    // Whole words from the least significant up; the last one keeps its high bits.
    const size_t words = (static_cast<size_t>(k) - 1) / 32 + 1;
    auto *bytes = static_cast<unsigned char *>(PyMem_Malloc(words * 4));
    if (bytes == nullptr) return PyErr_NoMemory();
    int left = k;
    for (size_t w = 0; w < words; ++w, left -= 32) {
        uint32_t word = next_word(r);
        if (left < 32) word >>= 32 - left;
        bytes[w * 4] = static_cast<unsigned char>(word);
        bytes[w * 4 + 1] = static_cast<unsigned char>(word >> 8);
        bytes[w * 4 + 2] = static_cast<unsigned char>(word >> 16);
        bytes[w * 4 + 3] = static_cast<unsigned char>(word >> 24);
    }
    PyObject *result = _PyLong_FromByteArray(bytes, words * 4, 1, 0);
    PyMem_Free(bytes);
    return result;
}

PyMethodDef random_methods[] = {
    {"random", random_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", random_seed, METH_VARARGS, "seed([n]) -> None.\n\nDefaults to use urandom."},
    {"getstate", random_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, METH_O,
     "getrandbits(k) -> x.  Generates an int with k random bits."},
    {nullptr, nullptr, 0, nullptr},
};

PyType_Slot random_slots[] = {
    {Py_tp_doc, const_cast<char *>("Random() -> create a random number generator with its own "
                                   "internal state.")},
    {Py_tp_methods, random_methods},
    {Py_tp_new, reinterpret_cast<void *>(PyType_GenericNew)},
    {Py_tp_init, reinterpret_cast<void *>(random_init)},
    {0, nullptr},
};

PyType_Spec random_spec = {"_random.Random", sizeof(RandomObject), 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, random_slots};

// --- Private helpers for random.py ---------------------------------------------------------

// A real argument as the math module reads one (a float, or anything with __float__ or
// __index__). 0 or -1.
int real_argument(PyObject *arg, double *out) noexcept {
    const double x = PyFloat_AsDouble(arg);
    if (x == -1.0 && PyErr_Occurred()) return -1;
    *out = x;
    return 0;
}

PyObject *math_error(bool range) noexcept {
    PyErr_SetString(range ? PyExc_OverflowError : PyExc_ValueError,
                    range ? "math range error" : "math domain error");
    return nullptr;
}

// f(x) with the math module's checks: a NaN from a number is a domain error, an infinity
// from a finite number a range error (libm's errno is not relied on).
template <double (*F)(double)>
PyObject *unary_math(PyObject *, PyObject *arg) noexcept {
    double x = 0;
    if (real_argument(arg, &x) < 0) return nullptr;
    const double r = F(x);
    if (std::isnan(r) && !std::isnan(x)) return math_error(false);
    if (std::isinf(r) && std::isfinite(x)) return math_error(true);
    return PyFloat_FromDouble(r);
}

double libm_exp(double x) noexcept {
    return std::exp(x);
}
double libm_sqrt(double x) noexcept {
    return std::sqrt(x);
}
double libm_cos(double x) noexcept {
    return std::cos(x);
}
double libm_sin(double x) noexcept {
    return std::sin(x);
}
double libm_acos(double x) noexcept {
    return std::acos(x);
}

// log(x[, base]): a domain error for x <= 0 (also for zero: libm gives -inf there).
int checked_log(PyObject *arg, double *out) noexcept {
    double x = 0;
    if (real_argument(arg, &x) < 0) return -1;
    if (!(x > 0) && !std::isnan(x)) {
        math_error(false);
        return -1;
    }
    *out = std::log(x);
    return 0;
}

PyObject *helper_log(PyObject *, PyObject *args) noexcept {
    PyObject *x = nullptr, *base = nullptr;
    if (!PyArg_UnpackTuple(args, "_log", 1, 2, &x, &base)) return nullptr;
    double num = 0, den = 1;
    if (checked_log(x, &num) < 0) return nullptr;
    if (base != nullptr) {
        if (checked_log(base, &den) < 0) return nullptr;
        if (den == 0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
            return nullptr;
        }
        num /= den;
    }
    return PyFloat_FromDouble(num);
}

// floor and ceil to an int, as math's: an int is returned as it is.
template <double (*F)(double)>
PyObject *rounding(PyObject *, PyObject *arg) noexcept {
    if (PyLong_CheckExact(arg)) return Py_NewRef(arg);
    double x = 0;
    if (real_argument(arg, &x) < 0) return nullptr;
    return PyLong_FromDouble(F(x));
}

double libm_floor(double x) noexcept {
    return std::floor(x);
}
double libm_ceil(double x) noexcept {
    return std::ceil(x);
}

PyObject *helper_isfinite(PyObject *, PyObject *arg) noexcept {
    double x = 0;
    if (real_argument(arg, &x) < 0) return nullptr;
    return PyBool_FromLong(std::isfinite(x) ? 1 : 0);
}

PyObject *helper_index(PyObject *, PyObject *arg) noexcept {
    return PyNumber_Index(arg);
}

PyObject *helper_sha512(PyObject *, PyObject *arg) noexcept {
    const char *data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_Check(arg)) {
        data = PyBytes_AS_STRING(arg);
        size = PyBytes_GET_SIZE(arg);
    } else {
        PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.200s'",
                     Py_TYPE(arg)->tp_name);
        return nullptr;
    }
    sha512_ctx ctx{};
    sha512_init(&ctx);
    sha512_update(&ctx, static_cast<size_t>(size), reinterpret_cast<const uint8_t *>(data));
    uint8_t digest[SHA512_DIGEST_SIZE];
    sha512_digest(&ctx, sizeof digest, digest);
    return PyBytes_FromStringAndSize(reinterpret_cast<const char *>(digest), sizeof digest);
}

// os.urandom(n), for SystemRandom.
PyObject *helper_urandom(PyObject *, PyObject *arg) noexcept {
    // An int by __index__, as CPython's Py_ssize_t converter takes it (a float is a TypeError).
    PyObject *index = PyNumber_Index(arg);
    if (index == nullptr) return nullptr;
    const Py_ssize_t n = PyLong_AsSsize_t(index);
    Py_DECREF(index);
    if (n == -1 && PyErr_Occurred()) return nullptr;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "negative argument not allowed");
        return nullptr;
    }
    PyObject *bytes = PyBytes_FromStringAndSize(nullptr, n);
    if (bytes == nullptr) return nullptr;
    if (read_entropy(PyBytes_AS_STRING(bytes), static_cast<size_t>(n), 0) < 0) {
        const int error = errno;
        Py_DECREF(bytes);
        return PyErr_Format(PyExc_OSError, "[Errno %d] %s", error, std::strerror(error));
    }
    return bytes;
}

PyMethodDef module_methods[] = {
    {"_log", helper_log, METH_VARARGS, nullptr},
    {"_exp", unary_math<libm_exp>, METH_O, nullptr},
    {"_sqrt", unary_math<libm_sqrt>, METH_O, nullptr},
    {"_cos", unary_math<libm_cos>, METH_O, nullptr},
    {"_sin", unary_math<libm_sin>, METH_O, nullptr},
    {"_acos", unary_math<libm_acos>, METH_O, nullptr},
    {"_floor", rounding<libm_floor>, METH_O, nullptr},
    {"_ceil", rounding<libm_ceil>, METH_O, nullptr},
    {"_isfinite", helper_isfinite, METH_O, nullptr},
    {"_index", helper_index, METH_O, nullptr},
    {"_sha512", helper_sha512, METH_O, nullptr},
    {"_urandom", helper_urandom, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef random_def = {
    PyModuleDef_HEAD_INIT,
    "_random",
    "Module implements the Mersenne Twister random number generator.",
    -1,
    module_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject *PyInit__random(void) noexcept {
    PyObject *module = PyModule_Create(&random_def);
    if (module == nullptr) return nullptr;
    PyObject *type = PyType_FromSpec(&random_spec);
    if (type == nullptr || PyModule_AddObjectRef(module, "Random", type) < 0) {
        Py_XDECREF(type);
        Py_DECREF(module);
        return nullptr;
    }
    Py_DECREF(type);
    return module;
}
