// See object_churn_workloads.hpp.
#include "runtime/object_churn_workloads.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace minipy::bench {

namespace {

// The replacement order: whole random permutations of the slots, back to back, about this
// many entries in all (generated once, before any timing).
constexpr std::size_t kOrderTarget = 1 << 16;

struct KindInfo {
    ObjectKind kind;
    const char *name;
    int objects;
};
constexpr KindInfo kKinds[] = {
    {ObjectKind::int_, "int", 1},      {ObjectKind::float_, "float", 1},
    {ObjectKind::tuple2, "tuple2", 1}, {ObjectKind::tuple3, "tuple3", 1},
    {ObjectKind::dict3, "dict3", 1},   {ObjectKind::mixed, "mixed", 4},
};

const KindInfo &info(ObjectKind kind) {
    for (const KindInfo &k : kKinds)
        if (k.kind == kind) return k;
    return kKinds[0];
}

// A benchmark has no use for a half-made workload: report and stop.
[[noreturn, gnu::noinline, gnu::cold]] void allocation_failed() {
    std::fprintf(stderr, "object churn: an object could not be made\n");
    if (PyErr_Occurred() != nullptr) PyErr_Print();
    std::abort();
}

long int_value(std::size_t i) {
    return 1000 + static_cast<long>(i & 0xffff);
}
double float_value(std::size_t i) {
    return static_cast<double>(i & 0xffff) * 0.5;
}

PyObject *tuple_of(PyObject *a, PyObject *b, PyObject *c) {
    PyObject *t = PyTuple_New(c != nullptr ? 3 : 2);
    if (t == nullptr) return nullptr;
    PyTuple_SET_ITEM(t, 0, Py_NewRef(a));
    PyTuple_SET_ITEM(t, 1, Py_NewRef(b));
    if (c != nullptr) PyTuple_SET_ITEM(t, 2, Py_NewRef(c));
    return t;
}

PyObject *dict_of(PyObject *const keys[3], PyObject *a, PyObject *b, PyObject *c) {
    PyObject *d = PyDict_New();
    if (d == nullptr) return nullptr;
    if (PyDict_SetItem(d, keys[0], a) < 0 || PyDict_SetItem(d, keys[1], b) < 0 ||
        PyDict_SetItem(d, keys[2], c) < 0) {
        Py_DECREF(d);
        return nullptr;
    }
    return d;
}

// int, float, (int, float), {k0: the tuple, k1: the int, k2: the float}: the dict holds them all.
PyObject *mixed_of(PyObject *const keys[3], std::size_t i) {
    PyObject *n = PyLong_FromLong(int_value(i));
    PyObject *f = PyFloat_FromDouble(float_value(i));
    PyObject *t = n != nullptr && f != nullptr ? tuple_of(n, f, nullptr) : nullptr;
    PyObject *d = t != nullptr ? dict_of(keys, t, n, f) : nullptr;
    Py_XDECREF(t);
    Py_XDECREF(f);
    Py_XDECREF(n);
    return d;
}

}  // namespace

const char *object_kind_name(ObjectKind kind) {
    return info(kind).name;
}

bool parse_object_kind(const std::string &name, ObjectKind *kind) {
    for (const KindInfo &k : kKinds) {
        if (name == k.name) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

int objects_per_step(ObjectKind kind) {
    return info(kind).objects;
}

const char *shape_name(ChurnShape shape) {
    return shape == ChurnShape::pair ? "pair" : "window";
}

bool parse_shape(const std::string &name, ChurnShape *shape) {
    for (ChurnShape s : kChurnShapes) {
        if (name == shape_name(s)) {
            *shape = s;
            return true;
        }
    }
    return false;
}

const char *config_allocator(const ChurnConfig &config) {
    return config.pymalloc ? "pymalloc" : "malloc";
}

std::string config_name(const ChurnConfig &config) {
    return std::string(config_allocator(config)) + (config.freelists ? "/on" : "/off");
}

bool parse_config(const std::string &allocator, const std::string &freelists, ChurnConfig *config) {
    if ((allocator != "pymalloc" && allocator != "malloc") ||
        (freelists != "on" && freelists != "off"))
        return false;
    config->pymalloc = allocator == "pymalloc";
    config->freelists = freelists == "on";
    return true;
}

#ifdef MINIPY_CHURN_ON_CPYTHON
// Exported by libpython; declared only in its internal headers.
extern "C" const char *_PyMem_GetCurrentAllocatorName(void);
#endif

bool start_churn_runtime(const ChurnConfig &churn, std::string *why) {
#ifdef MINIPY_CHURN_ON_CPYTHON
    if (!churn.freelists) {
        *why = "CPython 3.11 cannot turn its free lists off: only 'on' is measured";
        return false;
    }
    PyPreConfig preconfig;
    PyPreConfig_InitIsolatedConfig(&preconfig);
    preconfig.allocator = churn.pymalloc ? PYMEM_ALLOCATOR_PYMALLOC : PYMEM_ALLOCATOR_MALLOC;
    PyStatus status = Py_PreInitialize(&preconfig);
    if (PyStatus_Exception(status)) {
        *why = std::string("Py_PreInitialize: ") +
               (status.err_msg != nullptr ? status.err_msg : "failed");
        return false;
    }
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    // A fixed str hash key, as minipy's: the dict probes, and so the counts, repeat exactly.
    config.use_hash_seed = 1;
    config.hash_seed = 0;
    status = Py_InitializeFromConfig(&config);
#else
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.allocator = config_allocator(churn);
    config.malloc_stats = 0;
    config.use_freelists = churn.freelists ? 1 : 0;
    const PyStatus status = Py_InitializeFromConfig(&config);
#endif
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        *why = std::string("Py_InitializeFromConfig: ") +
               (status.err_msg != nullptr ? status.err_msg : "failed");
        return false;
    }
    const char *now = _PyMem_GetCurrentAllocatorName();
    if (now == nullptr || std::strcmp(now, config_allocator(churn)) != 0) {
        *why = std::string("expected ") + config_allocator(churn) + ", the domains hold " +
               (now != nullptr ? now : "(custom)");
        Py_FinalizeEx();
        return false;
    }
    return true;
}

ObjectChurn::ObjectChurn(ObjectKind kind, ChurnShape shape)
    : kind_(kind), slots_(shape == ChurnShape::pair ? 1 : kWindowSlots) {
    shared_int_ = PyLong_FromLong(123456);
    shared_float_ = PyFloat_FromDouble(2.5);
    const char *const names[3] = {"alpha", "beta", "gamma"};
    for (int k = 0; k < 3; ++k) keys_[k] = PyUnicode_InternFromString(names[k]);
    if (shared_int_ == nullptr || shared_float_ == nullptr || keys_[2] == nullptr)
        allocation_failed();
    // Permutations shuffled by xorshift64 from a fixed seed: every configuration replays the
    // same order, and any run of slots_.size() steps from the start of a permutation replaces
    // every slot once.
    const std::size_t n = slots_.size();
    const std::size_t permutations = kOrderTarget / n > 0 ? kOrderTarget / n : 1;
    order_.resize(n * permutations);
    std::uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (std::size_t p = 0; p < permutations; ++p) {
        std::uint32_t *perm = order_.data() + p * n;
        for (std::size_t k = 0; k < n; ++k) perm[k] = static_cast<std::uint32_t>(k);
        for (std::size_t k = n; k > 1; --k) {  // Fisher-Yates
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            std::swap(perm[k - 1], perm[x % k]);
        }
    }
    // Fill: the first permutation puts an object of the kind in every slot.
    for (std::size_t i = 0; i < n; ++i) slots_[i] = Py_NewRef(Py_None);
    run(0, n);
}

ObjectChurn::~ObjectChurn() {
    for (PyObject *object : slots_) Py_DECREF(object);
    Py_XDECREF(shared_int_);
    Py_XDECREF(shared_float_);
    for (PyObject *key : keys_) Py_XDECREF(key);
}

template <class Make>
void ObjectChurn::replace(std::size_t first, std::size_t count, Make make) {
    PyObject **const slots = slots_.data();
    const std::uint32_t *const order = order_.data();
    const std::size_t length = order_.size();
    std::size_t at = first % length;
    for (std::size_t i = first; i < first + count; ++i) {
        PyObject *fresh = make(i);
        if (fresh == nullptr) [[unlikely]]
            allocation_failed();
        PyObject *&slot = slots[order[at]];
        if (++at == length) at = 0;
        PyObject *old = slot;
        slot = fresh;
        Py_DECREF(old);
    }
}

void ObjectChurn::run(std::size_t first, std::size_t count) {
    PyObject *const a = shared_int_;
    PyObject *const b = shared_float_;
    PyObject *const *const keys = keys_;
    switch (kind_) {
    case ObjectKind::int_:
        replace(first, count, [](std::size_t i) { return PyLong_FromLong(int_value(i)); });
        break;
    case ObjectKind::float_:
        replace(first, count, [](std::size_t i) { return PyFloat_FromDouble(float_value(i)); });
        break;
    case ObjectKind::tuple2:
        replace(first, count, [a, b](std::size_t) { return tuple_of(a, b, nullptr); });
        break;
    case ObjectKind::tuple3:
        replace(first, count, [a, b](std::size_t) { return tuple_of(a, b, Py_None); });
        break;
    case ObjectKind::dict3:
        replace(first, count, [a, b, keys](std::size_t) { return dict_of(keys, a, b, Py_None); });
        break;
    case ObjectKind::mixed:
        replace(first, count, [keys](std::size_t i) { return mixed_of(keys, i); });
        break;
    }
}

}  // namespace minipy::bench
