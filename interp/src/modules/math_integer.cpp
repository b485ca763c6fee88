// The math module's functions on ints of any size: factorial, isqrt, gcd, lcm, comb, perm and
// prod, with CPython 3.11's argument rules and messages. The values are exact, so only speed
// depends on the method; the methods are CPython's in outline: factorial as its odd part
// (products of odd numbers split in halves) shifted left, isqrt by Newton's iteration at
// doubling precision, comb and perm in C integers while they fit and by halving k beyond.
#include <cstdint>

#include "modules/math_module.hpp"

namespace {

namespace m = minipy::modules::math;

int bit_length(unsigned long n) noexcept {
    return n == 0 ? 0 : 64 - __builtin_clzl(n);
}

// The product of the odd numbers in [start, stop) (both odd, start < stop), halving the range
// until a product fits an unsigned long; max_bits bounds the bit length of stop - 2.
PyObject *odd_product(unsigned long start, unsigned long stop, unsigned long max_bits) noexcept {
    const unsigned long count = (stop - start) / 2;
    if (count <= 64 && count * max_bits <= 64) {
        unsigned long total = start;
        for (unsigned long j = start + 2; j < stop; j += 2) total *= j;
        return PyLong_FromUnsignedLong(total);
    }
    const unsigned long midpoint = (start + count) | 1;
    PyObject *left =
        odd_product(start, midpoint, static_cast<unsigned long>(bit_length(midpoint - 2)));
    if (left == nullptr) return nullptr;
    PyObject *right = odd_product(midpoint, stop, max_bits);
    if (right == nullptr) {
        Py_DECREF(left);
        return nullptr;
    }
    PyObject *result = PyNumber_Multiply(left, right);
    Py_DECREF(left);
    Py_DECREF(right);
    return result;
}

// The odd part of n!: the product over i of the odd numbers up to n >> i, built from the
// largest i down, each step multiplying in the odd numbers in (n >> (i+1), n >> i].
PyObject *factorial_odd_part(unsigned long n) noexcept {
    PyObject *inner = PyLong_FromLong(1);
    if (inner == nullptr) return nullptr;
    PyObject *outer = Py_NewRef(inner);
    unsigned long upper = 3;
    for (int i = bit_length(n) - 2; i >= 0; --i) {
        const unsigned long v = n >> i;
        if (v <= 2) continue;
        const unsigned long lower = upper;
        upper = (v + 1) | 1;
        PyObject *partial =
            odd_product(lower, upper, static_cast<unsigned long>(bit_length(upper - 2)));
        PyObject *next_inner = partial != nullptr ? PyNumber_Multiply(inner, partial) : nullptr;
        Py_XDECREF(partial);
        Py_SETREF(inner, next_inner);
        PyObject *next_outer = inner != nullptr ? PyNumber_Multiply(outer, inner) : nullptr;
        Py_SETREF(outer, next_outer);
        if (outer == nullptr) break;
    }
    Py_XDECREF(inner);
    return outer;
}

// (a - 1)**2 < n < (a + 1)**2 for 2**62 <= n < 2**64, by four Newton steps in 32-bit ints.
uint64_t approximate_isqrt(uint64_t n) noexcept {
    auto u = static_cast<uint32_t>(1U + (n >> 62));
    u = static_cast<uint32_t>((u << 1) + (n >> 59) / u);
    u = static_cast<uint32_t>((u << 3) + (n >> 53) / u);
    u = static_cast<uint32_t>((u << 7) + (n >> 41) / u);
    return (static_cast<uint64_t>(u) << 15) + (n >> 17) / u;
}

// C(n, k) or P(n, k) in 64-bit arithmetic, or false when it would overflow. Each step of comb
// is exact: result is C(n, i + 1) after step i.
bool small_perm_comb(unsigned long long n, unsigned long long k, bool comb,
                     unsigned long long *out) noexcept {
    unsigned long long result = 1;
    for (unsigned long long i = 0; i < k; ++i) {
        unsigned long long product = 0;
        if (__builtin_mul_overflow(result, n - i, &product)) return false;
        result = comb ? product / (i + 1) : product;
    }
    *out = result;
    return true;
}

// P(n, k) = P(n, j) * P(n - j, k - j) and C(n, k) = C(n, j) * C(n - j, k - j) // C(k, j) for
// j = k // 2: balanced products, which large-int multiplication does faster than a chain.
PyObject *perm_comb(PyObject *n, unsigned long long k, bool comb) noexcept {
    if (k == 0) return PyLong_FromLong(1);
    if (k == 1) return Py_NewRef(n);
    int overflow = 0;
    const long long small_n = PyLong_AsLongLongAndOverflow(n, &overflow);
    unsigned long long small = 0;
    if (overflow == 0 && small_perm_comb(static_cast<unsigned long long>(small_n), k, comb, &small))
        return PyLong_FromUnsignedLongLong(small);
    const unsigned long long j = k / 2;
    PyObject *a = perm_comb(n, j, comb);
    if (a == nullptr) return nullptr;
    PyObject *jobj = PyLong_FromUnsignedLongLong(j);
    PyObject *rest = jobj != nullptr ? PyNumber_Subtract(n, jobj) : nullptr;
    Py_XDECREF(jobj);
    PyObject *b = rest != nullptr ? perm_comb(rest, k - j, comb) : nullptr;
    Py_XDECREF(rest);
    PyObject *product = b != nullptr ? PyNumber_Multiply(a, b) : nullptr;
    Py_DECREF(a);
    Py_XDECREF(b);
    if (product == nullptr || !comb) return product;
    PyObject *kobj = PyLong_FromUnsignedLongLong(k);
    PyObject *divisor = kobj != nullptr ? perm_comb(kobj, j, true) : nullptr;
    Py_XDECREF(kobj);
    PyObject *result = divisor != nullptr ? PyNumber_FloorDivide(product, divisor) : nullptr;
    Py_DECREF(product);
    Py_XDECREF(divisor);
    return result;
}

// n and k of comb and perm as ints (__index__), each non-negative; false with the exception
// set, else new references in *n and *k.
bool non_negative_pair(PyObject *n_arg, PyObject *k_arg, PyObject **n, PyObject **k) noexcept {
    *n = PyNumber_Index(n_arg);
    if (*n == nullptr) return false;
    *k = PyNumber_Index(k_arg);
    const char *message = nullptr;
    if (*k != nullptr) {
        if (_PyLong_Sign(*n) < 0)
            message = "n must be a non-negative integer";
        else if (_PyLong_Sign(*k) < 0)
            message = "k must be a non-negative integer";
        if (message == nullptr) return true;
        PyErr_SetString(PyExc_ValueError, message);
    }
    Py_DECREF(*n);
    Py_XDECREF(*k);
    return false;
}

// gcd and lcm of many: `step` folds each argument in; once the result is `absorbing` (1 for
// gcd, 0 for lcm) the rest are only checked to be ints.
PyObject *fold_integers(PyObject *const *args, Py_ssize_t nargs, long empty, long absorbing,
                        PyObject *(*step)(PyObject *, PyObject *)) noexcept {
    if (nargs == 0) return PyLong_FromLong(empty);
    PyObject *result = PyNumber_Index(args[0]);
    if (result == nullptr) return nullptr;
    if (nargs == 1) {
        Py_SETREF(result, PyNumber_Absolute(result));
        return result;
    }
    for (Py_ssize_t i = 1; i < nargs; ++i) {
        PyObject *x = PyNumber_Index(args[i]);
        if (x == nullptr) {
            Py_DECREF(result);
            return nullptr;
        }
        int overflow = 0;
        if (PyLong_AsLongAndOverflow(result, &overflow) != absorbing || overflow != 0)
            Py_SETREF(result, step(result, x));
        Py_DECREF(x);
        if (result == nullptr) return nullptr;
    }
    return result;
}

PyObject *lcm_step(PyObject *a, PyObject *b) noexcept {
    if (_PyLong_Sign(a) == 0 || _PyLong_Sign(b) == 0) return PyLong_FromLong(0);
    PyObject *g = _PyLong_GCD(a, b);
    if (g == nullptr) return nullptr;
    PyObject *f = PyNumber_FloorDivide(a, g);
    Py_DECREF(g);
    if (f == nullptr) return nullptr;
    PyObject *product = PyNumber_Multiply(f, b);
    Py_DECREF(f);
    if (product == nullptr) return nullptr;
    Py_SETREF(product, PyNumber_Absolute(product));
    return product;
}

}  // namespace

namespace minipy::modules::math {

PyObject *factorial(PyObject *, PyObject *arg) noexcept {
    int overflow = 0;
    const long x = PyLong_AsLongAndOverflow(arg, &overflow);
    if (x == -1 && PyErr_Occurred() != nullptr) return nullptr;
    if (overflow == 1) {
        PyErr_Format(PyExc_OverflowError, "factorial() argument should not exceed %ld", LONG_MAX);
        return nullptr;
    }
    if (overflow == -1 || x < 0) {
        PyErr_SetString(PyExc_ValueError, "factorial() not defined for negative values");
        return nullptr;
    }
    if (x <= 20) {
        unsigned long small = 1;
        for (long i = 2; i <= x; ++i) small *= static_cast<unsigned long>(i);
        return PyLong_FromUnsignedLong(small);
    }
    // n! = odd part << (n - popcount(n)), the power of two in n! being n//2 + n//4 + ...
    const auto n = static_cast<unsigned long>(x);
    PyObject *odd = factorial_odd_part(n);
    if (odd == nullptr) return nullptr;
    PyObject *result = _PyLong_Lshift(odd, n - static_cast<unsigned long>(__builtin_popcountl(n)));
    Py_DECREF(odd);
    return result;
}

PyObject *isqrt(PyObject *, PyObject *arg) noexcept {
    PyObject *n = PyNumber_Index(arg);
    if (n == nullptr) return nullptr;
    if (_PyLong_Sign(n) < 0) {
        PyErr_SetString(PyExc_ValueError, "isqrt() argument must be nonnegative");
        Py_DECREF(n);
        return nullptr;
    }
    if (_PyLong_Sign(n) == 0) {
        Py_DECREF(n);
        return PyLong_FromLong(0);
    }
    const size_t c = (_PyLong_NumBits(n) - 1U) / 2U;  // c = (n.bit_length() - 1) // 2
    if (c <= 31U) {                                   // n < 2**64
        const uint64_t small = PyLong_AsUnsignedLongLong(n);
        Py_DECREF(n);
        if (small == static_cast<uint64_t>(-1) && PyErr_Occurred() != nullptr) return nullptr;
        uint64_t u = approximate_isqrt(small << (62U - 2U * c)) >> (31U - c);
        if (u * u - 1U >= small) --u;  // u*u - 1 rather than u*u, which wraps at u = 2**32
        return PyLong_FromUnsignedLongLong(u);
    }
    // The first steps in C: a approximates the square root of n's top 64 bits.
    int c_bits = 6;
    while ((c >> c_bits) > 0U) ++c_bits;
    size_t d = c >> (c_bits - 5);
    PyObject *top = _PyLong_Rshift(n, 2U * c - 62U);
    const uint64_t top_bits = top != nullptr ? PyLong_AsUnsignedLongLong(top) : 0;
    Py_XDECREF(top);
    PyObject *a = nullptr;
    if (PyErr_Occurred() == nullptr)
        a = PyLong_FromUnsignedLongLong(approximate_isqrt(top_bits) >> (31U - d));
    // Each step doubles the precision: a = (a << d - e - 1) + (n >> 2c - e - d + 1) // a.
    for (int s = c_bits - 6; s >= 0 && a != nullptr; --s) {
        const size_t e = d;
        d = c >> s;
        PyObject *q = _PyLong_Rshift(n, 2U * c - d - e + 1U);
        if (q != nullptr) Py_SETREF(q, PyNumber_FloorDivide(q, a));
        Py_SETREF(a, q != nullptr ? _PyLong_Lshift(a, d - 1U - e) : nullptr);
        if (a != nullptr) Py_SETREF(a, PyNumber_Add(a, q));
        Py_XDECREF(q);
    }
    // The answer is a or a - 1.
    PyObject *square = a != nullptr ? PyNumber_Multiply(a, a) : nullptr;
    const int too_large = square != nullptr ? PyObject_RichCompareBool(n, square, Py_LT) : -1;
    Py_XDECREF(square);
    Py_DECREF(n);
    if (too_large < 0) {
        Py_XDECREF(a);
        return nullptr;
    }
    if (too_large == 1) {
        PyObject *one = PyLong_FromLong(1);
        Py_SETREF(a, one != nullptr ? PyNumber_Subtract(a, one) : nullptr);
        Py_XDECREF(one);
    }
    return a;
}

PyObject *gcd(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return fold_integers(args, nargs, 0, 1, _PyLong_GCD);
}

PyObject *lcm(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    return fold_integers(args, nargs, 1, 0, lcm_step);
}

PyObject *comb(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!positional_count("comb", nargs, 2, 2)) return nullptr;
    PyObject *n = nullptr;
    PyObject *k = nullptr;
    if (!non_negative_pair(args[0], args[1], &n, &k)) return nullptr;
    PyObject *result = nullptr;
    // k = min(k, n - k); nothing to choose when k > n.
    PyObject *rest = PyNumber_Subtract(n, k);
    if (rest != nullptr && _PyLong_Sign(rest) < 0) {
        result = PyLong_FromLong(0);
    } else if (rest != nullptr) {
        const int smaller = PyObject_RichCompareBool(rest, k, Py_LT);
        if (smaller == 1) Py_SETREF(k, Py_NewRef(rest));
        int overflow = 0;
        const long long ki = smaller < 0 ? 0 : PyLong_AsLongLongAndOverflow(k, &overflow);
        if (overflow != 0)
            PyErr_Format(PyExc_OverflowError, "min(n - k, k) must not exceed %lld", LLONG_MAX);
        else if (smaller >= 0)
            result = perm_comb(n, static_cast<unsigned long long>(ki), true);
    }
    Py_XDECREF(rest);
    Py_DECREF(n);
    Py_DECREF(k);
    return result;
}

PyObject *perm(PyObject *module, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!positional_count("perm", nargs, 1, 2)) return nullptr;
    if (nargs == 1 || args[1] == Py_None) return factorial(module, args[0]);
    PyObject *n = nullptr;
    PyObject *k = nullptr;
    if (!non_negative_pair(args[0], args[1], &n, &k)) return nullptr;
    PyObject *result = nullptr;
    const int fewer = PyObject_RichCompareBool(n, k, Py_LT);
    if (fewer == 1) {
        result = PyLong_FromLong(0);
    } else if (fewer == 0) {
        int overflow = 0;
        const long long ki = PyLong_AsLongLongAndOverflow(k, &overflow);
        if (overflow != 0)
            PyErr_Format(PyExc_OverflowError, "k must not exceed %lld", LLONG_MAX);
        else
            result = perm_comb(n, static_cast<unsigned long long>(ki), false);
    }
    Py_DECREF(n);
    Py_DECREF(k);
    return result;
}

PyObject *prod(PyObject *, PyObject *args, PyObject *kwargs) noexcept {
    static const char *keywords[] = {"", "start", nullptr};
    PyObject *iterable = nullptr;
    PyObject *start = nullptr;
    if (!clinic_counts("prod", args, kwargs, 2, 1)) return nullptr;
    if (PyArg_ParseTupleAndKeywords(args, kwargs, "O|$O:prod", const_cast<char **>(keywords),
                                    &iterable, &start) == 0)
        return nullptr;
    PyObject *iter = PyObject_GetIter(iterable);
    if (iter == nullptr) return nullptr;
    PyObject *result = start != nullptr ? Py_NewRef(start) : PyLong_FromLong(1);
    while (result != nullptr) {
        PyObject *item = PyIter_Next(iter);
        if (item == nullptr) {
            if (PyErr_Occurred() != nullptr) Py_CLEAR(result);
            break;
        }
        Py_SETREF(result, PyNumber_Multiply(result, item));
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    return result;
}

}  // namespace minipy::modules::math
