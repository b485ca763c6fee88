// math.fsum, math.hypot and math.dist: CPython 3.11's own algorithms, so that the results
// match CPython's bit for bit.
//   - fsum keeps the exact sum as a list of non-overlapping partial sums (Shewchuk's
//     algorithm, as in Hettinger's msum recipe), then rounds it once, half to even across
//     partials too. An infinity or NaN summand is summed apart; an infinite partial from
//     finite summands is OverflowError "intermediate overflow in fsum", inf + -inf ValueError.
//   - hypot and dist scale the coordinates by a power of two near the largest, square them
//     exactly (Veltkamp-Dekker splitting), sum with compensation (Neumaier), take the square
//     root and correct it by one Newton step.
#include <cmath>
#include <cstring>
#include <limits>

#include "modules/math_module.hpp"

namespace {

namespace m = minipy::modules::math;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// A double array of n items: `stack` when it is large enough, else the heap (free_doubles).
constexpr Py_ssize_t kStackItems = 16;
double *doubles_for(Py_ssize_t n, double *stack) noexcept {
    if (n <= kStackItems) return stack;
    auto *p = static_cast<double *>(PyMem_Malloc(static_cast<size_t>(n) * sizeof(double)));
    if (p == nullptr) PyErr_NoMemory();
    return p;
}
void free_doubles(double *p, const double *stack) noexcept {
    if (p != stack) PyMem_Free(p);
}

// sqrt(sum(x*x for x in vec)): `max` is the largest |x| (inf when one is infinite), the items
// are |x|, finite unless max is infinite or found_nan.
double vector_norm(Py_ssize_t n, const double *vec, double max, bool found_nan) noexcept {
    constexpr double kSplitter = 134217729.0;  // 2**27 + 1
    if (std::isinf(max)) return max;
    if (found_nan) return kNan;
    if (max == 0.0 || n <= 1) return max;
    int max_e = 0;
    std::frexp(max, &max_e);
    // The sum starts at 1.0 (larger than any scaled square) so that each addition's error is
    // caught without comparing magnitudes; the 1.0 is taken away at the end.
    double csum = 1.0;
    double frac1 = 0.0;
    double frac2 = 0.0;
    double frac3 = 0.0;
    if (max_e < -1023) {  // ldexp(1.0, -max_e) would overflow: divide by max instead
        for (Py_ssize_t i = 0; i < n; ++i) {
            double x = vec[i] / max;
            x = x * x;
            const double old = csum;
            csum += x;
            frac1 += (old - csum) + x;
        }
        return max * std::sqrt(csum - 1.0 + frac1);
    }
    const double scale = std::ldexp(1.0, -max_e);
    for (Py_ssize_t i = 0; i < n; ++i) {
        const double x = vec[i] * scale;
        const double t = x * kSplitter;
        const double hi = t - (t - x);
        const double lo = x - hi;
        double term = hi * hi;
        double old = csum;
        csum += term;
        frac1 += (old - csum) + term;
        term = 2.0 * hi * lo;
        old = csum;
        csum += term;
        frac2 += (old - csum) + term;
        frac3 += lo * lo;
    }
    const double h = std::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    // Subtract h*h exactly from the sum; what is left corrects h by x / (2h).
    const double t = h * kSplitter;
    const double hi = t - (t - h);
    const double lo = h - hi;
    double term = -hi * hi;
    double old = csum;
    csum += term;
    frac1 += (old - csum) + term;
    term = -2.0 * hi * lo;
    old = csum;
    csum += term;
    frac2 += (old - csum) + term;
    term = -lo * lo;
    old = csum;
    csum += term;
    frac3 += (old - csum) + term;
    const double x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
}

// The partials of fsum: a stack array first, then the heap, doubled as it fills.
struct Partials {
    double stack[32];
    double *p = stack;
    Py_ssize_t size = 0;
    Py_ssize_t capacity = 32;

    Partials() noexcept : stack{} {}
    Partials(const Partials &) = delete;
    Partials &operator=(const Partials &) = delete;
    ~Partials() {
        if (p != stack) PyMem_Free(p);
    }

    bool push(double x) noexcept {
        if (size == capacity) {
            const Py_ssize_t grown = capacity * 2;
            void *q = nullptr;
            if (static_cast<size_t>(grown) < static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(double)) {
                if (p == stack) {
                    q = PyMem_Malloc(sizeof(double) * static_cast<size_t>(grown));
                    if (q != nullptr)
                        std::memcpy(q, stack, sizeof(double) * static_cast<size_t>(size));
                } else {
                    q = PyMem_Realloc(p, sizeof(double) * static_cast<size_t>(grown));
                }
            }
            if (q == nullptr) {
                PyErr_SetString(PyExc_MemoryError, "math.fsum partials");
                return false;
            }
            p = static_cast<double *>(q);
            capacity = grown;
        }
        p[size++] = x;
        return true;
    }
};

// The correctly rounded sum of the partials (non-overlapping, increasing in magnitude).
double round_partials(Partials &partials) noexcept {
    Py_ssize_t n = partials.size;
    const double *p = partials.p;
    if (n == 0) return 0.0;
    double hi = p[--n];
    double lo = 0.0;
    // Add from the top while the sum stays exact.
    while (n > 0) {
        const double x = hi;
        const double y = p[--n];
        hi = x + y;
        const double yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) break;
    }
    // Half-even rounding across partials: when the partials below push the same way as lo,
    // a tie in hi + lo is really no tie.
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
        const double y = lo * 2.0;
        const double x = hi + y;
        const double yr = x - hi;
        if (y == yr) hi = x;
    }
    return hi;
}

}  // namespace

namespace minipy::modules::math {

PyObject *fsum(PyObject *, PyObject *seq) noexcept {
    PyObject *iter = PyObject_GetIter(seq);
    if (iter == nullptr) return nullptr;
    Partials partials;
    double special_sum = 0.0;
    double inf_sum = 0.0;
    for (;;) {
        PyObject *item = PyIter_Next(iter);
        if (item == nullptr) break;
        double x = 0;
        const int status = real_argument(item, &x);
        Py_DECREF(item);
        if (status < 0) break;
        const double xsave = x;
        Py_ssize_t kept = 0;
        for (Py_ssize_t j = 0; j < partials.size; ++j) {
            double y = partials.p[j];
            if (std::fabs(x) < std::fabs(y)) {
                const double t = x;
                x = y;
                y = t;
            }
            const double hi = x + y;
            const double yr = hi - x;
            const double lo = y - yr;
            if (lo != 0.0) partials.p[kept++] = lo;
            x = hi;
        }
        partials.size = kept;
        if (x == 0.0) continue;
        if (!std::isfinite(x)) {
            // From a finite summand an infinite partial is an overflow; an infinite or NaN
            // summand is summed apart and the partials start again.
            if (std::isfinite(xsave)) {
                PyErr_SetString(PyExc_OverflowError, "intermediate overflow in fsum");
                break;
            }
            if (std::isinf(xsave)) inf_sum += xsave;
            special_sum += xsave;
            partials.size = 0;
        } else if (!partials.push(x)) {
            break;
        }
    }
    Py_DECREF(iter);
    if (PyErr_Occurred() != nullptr) return nullptr;
    if (special_sum != 0.0) {
        if (std::isnan(inf_sum)) {
            PyErr_SetString(PyExc_ValueError, "-inf + inf in fsum");
            return nullptr;
        }
        return PyFloat_FromDouble(special_sum);
    }
    return PyFloat_FromDouble(round_partials(partials));
}

PyObject *hypot(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    double stack[kStackItems] = {};  // zeroed: GCC cannot see that only nargs items are read
    double *coordinates = doubles_for(nargs, stack);
    if (coordinates == nullptr) return nullptr;
    double max = 0.0;
    bool found_nan = false;
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        double x = 0;
        if (real_argument(args[i], &x) < 0) {
            free_doubles(coordinates, stack);
            return nullptr;
        }
        x = std::fabs(x);
        coordinates[i] = x;
        found_nan |= std::isnan(x);
        if (x > max) max = x;
    }
    const double result = vector_norm(nargs, coordinates, max, found_nan);
    free_doubles(coordinates, stack);
    return PyFloat_FromDouble(result);
}

PyObject *dist(PyObject *, PyObject *const *args, Py_ssize_t nargs) noexcept {
    if (!positional_count("dist", nargs, 2, 2)) return nullptr;
    // Each point as a tuple (other iterables are converted).
    PyObject *points[2] = {nullptr, nullptr};
    for (int i = 0; i < 2; ++i) {
        points[i] = PyTuple_Check(args[i]) ? Py_NewRef(args[i]) : PySequence_Tuple(args[i]);
        if (points[i] == nullptr) {
            Py_XDECREF(points[0]);
            return nullptr;
        }
    }
    PyObject *result = nullptr;
    const Py_ssize_t n = PyTuple_GET_SIZE(points[0]);
    double stack[kStackItems] = {};  // zeroed: GCC cannot see that only nargs items are read
    double *diffs = nullptr;
    if (n != PyTuple_GET_SIZE(points[1])) {
        PyErr_SetString(PyExc_ValueError, "both points must have the same number of dimensions");
    } else if ((diffs = doubles_for(n, stack)) != nullptr) {
        double max = 0.0;
        bool found_nan = false;
        bool failed = false;
        for (Py_ssize_t i = 0; i < n && !failed; ++i) {
            double px = 0;
            double qx = 0;
            failed = real_argument(PyTuple_GET_ITEM(points[0], i), &px) < 0 ||
                     real_argument(PyTuple_GET_ITEM(points[1], i), &qx) < 0;
            const double x = std::fabs(px - qx);
            diffs[i] = x;
            found_nan |= std::isnan(x);
            if (x > max) max = x;
        }
        if (!failed) result = PyFloat_FromDouble(vector_norm(n, diffs, max, found_nan));
        free_doubles(diffs, stack);
    }
    Py_DECREF(points[0]);
    Py_DECREF(points[1]);
    return result;
}

}  // namespace minipy::modules::math
