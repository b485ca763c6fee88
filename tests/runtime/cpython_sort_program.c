/* list.sort against CPython 3.11's, comparison for comparison. Built unchanged against minipy
 * and against CPython (like cpython_object_program.c); both builds must print the same lines,
 * which the test compares with data/cpython_sort_expected.txt (the CPython build's output; the
 * file's first line says how to make it again).
 *
 * The items are instances of a small C type, Key, whose rich comparison logs every call (the
 * operator and the two items' ids) and answers from the items' values, or at random (an
 * inconsistent order), or raises at the k-th call, or appends to the list being sorted at the
 * k-th call (the list changes during the sort). Each case prints the outcome, the number of
 * comparisons, a hash of their sequence (the sequence itself for short lists) and the order of
 * the ids afterwards. The inputs: every length up to 70 and some up to 20000, random, sorted,
 * reversed, runs and reversed runs of many lengths, few distinct values, and the shapes that
 * make merges gallop; with reverse=True, a key function, tuples of keys (== then <), and plain
 * ints, floats with nan, str and mixed types. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>
#include <string.h>

#include "cpython_program_output.h"

/* --- Deterministic randomness (the same in both builds) -------------------------------------- */
static unsigned long long rng_state = 1;
static void rng_seed(unsigned long long seed) {
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
}
static unsigned long long rng_next(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static long rng_below(long n) {
    return (long)(rng_next() % (unsigned long long)n);
}

/* --- The comparison log ---------------------------------------------------------------------- */
enum Mode { kByValue, kRandom, kRaiseAt, kAppendAt, kNotImplementedAt, kIntResult };
static enum Mode mode = kByValue;
static long trigger_at = -1;     /* the call that raises / appends / answers NotImplemented */
static PyObject *sorted_list;    /* the list being sorted, for kAppendAt */
static long calls;               /* comparisons so far */
static unsigned long long trace; /* FNV-1a of (op, left id, right id) per call */
static char short_log[4096];     /* the calls written out, for short lists */
static size_t short_log_used;

static void log_reset(void) {
    calls = 0;
    trace = 1469598103934665603ull;
    short_log[0] = '\0';
    short_log_used = 0;
}

static void log_call(int op, long left, long right) {
    const long values[3] = {op, left, right};
    for (int i = 0; i < 3; i++) {
        trace ^= (unsigned long long)values[i];
        trace *= 1099511628211ull;
    }
    static const char *const kOps[] = {"<", "<=", "==", "!=", ">", ">="};
    if (short_log_used < sizeof short_log - 32) {
        int written = snprintf(short_log + short_log_used, sizeof short_log - short_log_used,
                               "%s%ld%s%ld", short_log_used ? " " : "", left, kOps[op], right);
        if (written > 0) short_log_used += (size_t)written;
    }
    calls++;
}

/* --- Key: a value and an id ------------------------------------------------------------------ */
typedef struct {
    PyObject_HEAD long value;
    long id;
} KeyObject;

static PyTypeObject KeyType;

static PyObject *key_new_value(long value, long id) {
    KeyObject *k = PyObject_New(KeyObject, &KeyType);
    if (k == NULL) return NULL;
    k->value = value;
    k->id = id;
    return (PyObject *)k;
}

static void key_dealloc(PyObject *self) {
    PyObject_Del(self);
}

static PyObject *key_richcompare(PyObject *a, PyObject *b, int op) {
    if (!PyObject_TypeCheck(b, &KeyType)) Py_RETURN_NOTIMPLEMENTED;
    KeyObject *x = (KeyObject *)a, *y = (KeyObject *)b;
    log_call(op, x->id, y->id);
    if (calls == trigger_at) {
        if (mode == kRaiseAt) {
            PyErr_Format(PyExc_ValueError, "comparison %ld refused", calls);
            return NULL;
        }
        if (mode == kAppendAt && PyList_Append(sorted_list, a) < 0) return NULL;
        if (mode == kNotImplementedAt) Py_RETURN_NOTIMPLEMENTED;
    }
    long answer;
    if (mode == kRandom) {
        answer = rng_below(2);
    } else {
        long c = x->value < y->value ? -1 : x->value > y->value;
        switch (op) {
        case Py_LT: answer = c < 0; break;
        case Py_LE: answer = c <= 0; break;
        case Py_EQ: answer = c == 0; break;
        case Py_NE: answer = c != 0; break;
        case Py_GT: answer = c > 0; break;
        default: answer = c >= 0; break;
        }
    }
    /* Not a bool: the sort takes the truth of whatever comes back. */
    if (mode == kIntResult) return PyLong_FromLong(answer * 7);
    return PyBool_FromLong(answer);
}

static PyTypeObject KeyType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "sortprobe.Key",
    .tp_basicsize = sizeof(KeyObject),
    .tp_dealloc = key_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_richcompare = key_richcompare,
};

/* The key function: the item (a Key) mapped to a Key of the negated value and the same id,
 * each call logged as "k<id>". */
static long key_calls;
static PyObject *negate_key(PyObject *self, PyObject *item) {
    (void)self;
    KeyObject *k = (KeyObject *)item;
    key_calls++;
    trace ^= (unsigned long long)(1000000 + k->id);
    trace *= 1099511628211ull;
    return key_new_value(-k->value, k->id);
}
static PyMethodDef negate_key_def = {"negate_key", negate_key, METH_O, NULL};

/* --- Running one case ------------------------------------------------------------------------ */

/* The list of Keys with these values, ids 0..n-1. */
static PyObject *keys_of(const long *values, long n) {
    PyObject *list = PyList_New(n);
    for (long i = 0; list != NULL && i < n; i++)
        PyList_SET_ITEM(list, i, key_new_value(values[i], i));
    return list;
}

static void print_outcome(PyObject *result) {
    if (result != NULL) {
        printf(" ok");
        Py_DECREF(result);
        return;
    }
    print_error();
}

/* The ids of the list's items in order (the items are Keys, or tuples whose first item is). */
static void print_order(PyObject *list, long n) {
    unsigned long long order = 1469598103934665603ull;
    Py_ssize_t size = PyList_GET_SIZE(list);
    for (Py_ssize_t i = 0; i < size; i++) {
        PyObject *item = PyList_GET_ITEM(list, i);
        if (PyTuple_Check(item)) item = PyTuple_GET_ITEM(item, 0);
        order ^= (unsigned long long)((KeyObject *)item)->id;
        order *= 1099511628211ull;
    }
    printf(" size=%zd", size);
    if (n <= 24) {
        printf(" order=");
        for (Py_ssize_t i = 0; i < size; i++) {
            PyObject *item = PyList_GET_ITEM(list, i);
            if (PyTuple_Check(item)) item = PyTuple_GET_ITEM(item, 0);
            printf("%s%ld", i ? "," : "", ((KeyObject *)item)->id);
        }
    } else {
        printf(" order#=%016llx", order);
    }
}

/* Sorts `list` (n items) by list.sort(key=?, reverse=?) and prints one line. */
static void run_sort(const char *name, PyObject *list, long n, int use_key, int reverse) {
    log_reset();
    key_calls = 0;
    sorted_list = list;
    PyObject *sort = PyObject_GetAttrString(list, "sort");
    PyObject *args = PyTuple_New(0);
    PyObject *kwargs = PyDict_New();
    PyObject *keyfunc = use_key ? PyCFunction_NewEx(&negate_key_def, NULL, NULL) : NULL;
    if (keyfunc != NULL) PyDict_SetItemString(kwargs, "key", keyfunc);
    if (reverse) PyDict_SetItemString(kwargs, "reverse", Py_True);
    printf("%s n=%ld%s%s:", name, n, use_key ? " key" : "", reverse ? " reverse" : "");
    print_outcome(PyObject_Call(sort, args, kwargs));
    printf(" calls=%ld", calls);
    if (use_key) printf(" keycalls=%ld", key_calls);
    if (n <= 12) {
        printf(" log=[%s]", short_log);
    } else {
        printf(" log#=%016llx", trace);
    }
    print_order(list, n);
    printf("\n");
    Py_XDECREF(keyfunc);
    Py_DECREF(kwargs);
    Py_DECREF(args);
    Py_DECREF(sort);
    mode = kByValue;
    trigger_at = -1;
}

static void sort_values(const char *name, const long *values, long n, int use_key, int reverse) {
    PyObject *list = keys_of(values, n);
    run_sort(name, list, n, use_key, reverse);
    Py_DECREF(list);
}

/* --- The inputs ------------------------------------------------------------------------------ */
enum { kMaxN = 20000 };
static long values[kMaxN];

static void fill_random(long n, long range) {
    for (long i = 0; i < n; i++) values[i] = rng_below(range);
}

/* Runs of `run` ascending values (each starting at random), every other one descending when
 * `alternate`. */
static void fill_runs(long n, long run, int alternate) {
    for (long i = 0; i < n; i += run) {
        long start = rng_below(1000000);
        int down = alternate && (i / run) % 2 == 1;
        for (long j = 0; j < run && i + j < n; j++) values[i + j] = down ? start - j : start + j;
    }
}

static void all_shapes(long n, const char *prefix) {
    char name[64];
    snprintf(name, sizeof name, "%s-random", prefix);
    fill_random(n, 1000000);
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-fewvalues", prefix);
    fill_random(n, 4);
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-sorted", prefix);
    for (long i = 0; i < n; i++) values[i] = i;
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-reversed", prefix);
    for (long i = 0; i < n; i++) values[i] = n - i;
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-equal", prefix);
    for (long i = 0; i < n; i++) values[i] = 7;
    sort_values(name, values, n, 0, 0);
    /* Sorted, then a few items replaced at random: long runs with strays (galloping). */
    snprintf(name, sizeof name, "%s-nearly", prefix);
    for (long i = 0; i < n; i++) values[i] = i;
    for (long k = 0; k < n / 50 + 1; k++) values[rng_below(n)] = rng_below(n);
    sort_values(name, values, n, 0, 0);
    /* Two sorted halves that overlap only a little, and interleaved ones. */
    snprintf(name, sizeof name, "%s-halves", prefix);
    for (long i = 0; i < n; i++) values[i] = i < n / 2 ? i : i - n / 2 + n / 3;
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-interleaved", prefix);
    for (long i = 0; i < n; i++) values[i] = i < n / 2 ? 2 * i : 2 * (i - n / 2) + 1;
    sort_values(name, values, n, 0, 0);
    /* Blocks sorted among themselves but shuffled as blocks: merges copy whole blocks. */
    snprintf(name, sizeof name, "%s-blocks", prefix);
    {
        long blocks = n / 100 + 1;
        for (long i = 0; i < n; i++) {
            long b = i / 100;
            values[i] = ((b * 7919) % blocks) * 100 + i % 100;
        }
    }
    sort_values(name, values, n, 0, 0);
    snprintf(name, sizeof name, "%s-organpipe", prefix);
    for (long i = 0; i < n; i++) values[i] = i < n / 2 ? i : n - i;
    sort_values(name, values, n, 0, 0);
    for (long run = 2; run <= 200; run = run * 3 + 1) {
        snprintf(name, sizeof name, "%s-runs%ld", prefix, run);
        fill_runs(n, run, 0);
        sort_values(name, values, n, 0, 0);
        snprintf(name, sizeof name, "%s-updown%ld", prefix, run);
        fill_runs(n, run, 1);
        sort_values(name, values, n, 0, 0);
    }
    snprintf(name, sizeof name, "%s-random", prefix);
    fill_random(n, 1000);
    sort_values(name, values, n, 0, 1);
    sort_values(name, values, n, 1, 0);
    sort_values(name, values, n, 1, 1);
}

/* Tuples (Key, Key): the sort compares them item by item (==, then <). */
static void sort_tuples(long n, long range) {
    PyObject *list = PyList_New(n);
    for (long i = 0; i < n; i++) {
        PyObject *a = key_new_value(rng_below(range), i);
        PyObject *b = key_new_value(rng_below(range), n + i);
        PyList_SET_ITEM(list, i, PyTuple_Pack(2, a, b));
        Py_DECREF(a);
        Py_DECREF(b);
    }
    run_sort("tuples", list, n, 0, 0);
    Py_DECREF(list);
}

/* Sorts a list of built-in objects built by Py_BuildValue-like code and prints it. */
static void sort_plain(const char *name, PyObject *list) {
    PyObject *result = PyList_Sort(list) < 0 ? NULL : Py_NewRef(Py_None);
    printf("%s:", name);
    print_outcome(result);
    PyObject *repr = PyObject_Repr(list);
    const char *text = repr ? PyUnicode_AsUTF8(repr) : "?";
    if (strlen(text) <= 200) {
        printf(" %s\n", text);
    } else {
        unsigned long long h = 1469598103934665603ull;
        for (const char *p = text; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
        printf(" repr#=%016llx\n", h);
    }
    Py_XDECREF(repr);
    Py_DECREF(list);
}

static void plain_lists(void) {
    double nan = Py_NAN;
    sort_plain("floats-nan", Py_BuildValue("[ddddd]", 2.0, 1.0, nan, 0.5, 3.0));
    sort_plain("mixed-float-int-tuple", Py_BuildValue("[di()]", 2.0, 1));
    sort_plain("mixed-int-str", Py_BuildValue("[iisi]", 3, 1, "x", 2));
    sort_plain("int-float", Py_BuildValue("[idid]", 3, 2.5, 1, 0.5));
    sort_plain("bigints", Py_BuildValue("[LLLi]", 1LL << 40, -(1LL << 40), 5LL, 0));
    sort_plain("str-latin", Py_BuildValue("[ssss]", "b", "a\xc3\xa9", "a", ""));
    sort_plain("str-wide", Py_BuildValue("[ssss]", "\xe2\x82\xac", "a", "\xc3\xa9", "b"));
    sort_plain("tuples-of-tuples", Py_BuildValue("[((i)i)((i)i)((i)i)]", 2, 1, 1, 2, 1, 1));
    sort_plain("empty-tuples", Py_BuildValue("[()(i)()]", 1));
    for (int round = 0; round < 40; round++) {
        long n = 5 + rng_below(200);
        PyObject *list = PyList_New(n);
        for (long i = 0; i < n; i++) {
            long r = rng_below(10);
            PyObject *item =
                r == 0 ? PyFloat_FromDouble(nan) : PyFloat_FromDouble((double)rng_below(50) / 4);
            PyList_SET_ITEM(list, i, item);
        }
        char name[32];
        snprintf(name, sizeof name, "floats-nan-%d", round);
        sort_plain(name, list);
    }
    for (int round = 0; round < 10; round++) {
        long n = 100 + rng_below(3000);
        PyObject *list = PyList_New(n);
        for (long i = 0; i < n; i++) {
            long r = rng_below(3);
            PyObject *item = r == 0   ? PyLong_FromLong(rng_below(100) - 50)
                             : r == 1 ? PyFloat_FromDouble((double)rng_below(100) / 3 - 16)
                                      : PyLong_FromLongLong((long long)rng_below(1000) << 40);
            PyList_SET_ITEM(list, i, item);
        }
        char name[32];
        snprintf(name, sizeof name, "numbers-%d", round);
        sort_plain(name, list);
    }
}

/* Sorts Keys with values[0..n) while the comparison misbehaves as `how` says at call `at`. */
static void sort_with_mode(const char *name, long n, enum Mode how, long at, int reverse) {
    PyObject *list = keys_of(values, n);
    mode = how;
    trigger_at = at;
    run_sort(name, list, n, 0, reverse);
    Py_DECREF(list);
}

static void misbehaving_comparisons(void) {
    char name[64];
    for (long n = 2; n <= 300; n = n * 2 + 1) {
        for (int seed = 0; seed < 3; seed++) {
            snprintf(name, sizeof name, "inconsistent-%d", seed);
            fill_random(n, 1000);
            PyObject *list = keys_of(values, n);
            rng_seed(1000 + (unsigned long long)seed);
            mode = kRandom;
            run_sort(name, list, n, 0, 0);
            Py_DECREF(list);
        }
    }
    for (long n = 3; n <= 2000; n = n * 3 + 1) {
        fill_random(n, 100000);
        /* How many comparisons the whole sort makes, then failures at points along the way. */
        PyObject *probe = keys_of(values, n);
        run_sort("count", probe, n, 0, 0);
        const long total = calls;
        Py_DECREF(probe);
        for (long k = 1; k <= total; k += total / 7 + 1) {
            snprintf(name, sizeof name, "raise-at-%ld", k);
            sort_with_mode(name, n, kRaiseAt, k, k % 2 == 0);
            snprintf(name, sizeof name, "append-at-%ld", k);
            sort_with_mode(name, n, kAppendAt, k, 0);
            snprintf(name, sizeof name, "notimplemented-at-%ld", k);
            sort_with_mode(name, n, kNotImplementedAt, k, 0);
        }
        sort_with_mode("int-results", n, kIntResult, -1, 0);
    }
}

/* A key function that fails on its 5th call: the list must come back unchanged. */
static long failing_key_calls;
static PyObject *failing_key(PyObject *self, PyObject *item) {
    (void)self;
    if (++failing_key_calls == 5) {
        PyErr_SetString(PyExc_KeyError, "no key");
        return NULL;
    }
    return Py_NewRef(item);
}
static PyMethodDef failing_key_def = {"failing_key", failing_key, METH_O, NULL};

static void key_function_failure(void) {
    fill_random(10, 100);
    PyObject *list = keys_of(values, 10);
    PyObject *keyfunc = PyCFunction_NewEx(&failing_key_def, NULL, NULL);
    PyObject *sort = PyObject_GetAttrString(list, "sort");
    PyObject *args = PyTuple_New(0);
    PyObject *kwargs = Py_BuildValue("{sO}", "key", keyfunc);
    log_reset();
    failing_key_calls = 0;
    printf("failing-key n=10:");
    print_outcome(PyObject_Call(sort, args, kwargs));
    printf(" calls=%ld keycalls=%ld", calls, failing_key_calls);
    print_order(list, 10);
    printf("\n");
    Py_DECREF(kwargs);
    Py_DECREF(args);
    Py_DECREF(sort);
    Py_DECREF(keyfunc);
    Py_DECREF(list);
}

int main(void) {
    Py_Initialize();
    if (PyType_Ready(&KeyType) < 0) return 1;
    rng_seed(42);
    for (long n = 0; n <= 70; n++) {
        fill_random(n, n < 10 ? 5 : 1000);
        sort_values("small", values, n, 0, 0);
        sort_values("small", values, n, 0, 1);
        sort_values("small", values, n, 1, 0);
    }
    all_shapes(100, "s100");
    all_shapes(1000, "s1000");
    all_shapes(kMaxN, "s20000");
    for (long n = 1; n <= 3000; n = n * 4 + 3) sort_tuples(n, n < 50 ? 3 : 50);
    plain_lists();
    misbehaving_comparisons();
    key_function_failure();
    printf("PyList_Sort(None): %d", PyList_Sort(Py_None));
    print_outcome(NULL);
    printf("\n");
    PyErr_Clear();
    if (Py_FinalizeEx() < 0) return 1;
    return 0;
}
