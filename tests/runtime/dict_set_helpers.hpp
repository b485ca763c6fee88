// What the dict and set suites share: the tab-separated data files written by
// data/dict_set_gen.py, key literals, and a key type with a chosen hash whose __eq__ can run
// code (to change a table in the middle of a lookup, or to raise).
#ifndef MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP
#define MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "minipy/Python.h"
#include "runtime/sequence_helpers.hpp"

namespace minipy::test {

// The allocator the suites start the runtime with: PYTHONMALLOC when set (the asan preset
// runs the tests again with PYTHONMALLOC=malloc, so that the sanitizer sees every block),
// else pymalloc.
inline const char *suite_allocator() {
    const char *env = std::getenv("PYTHONMALLOC");
    return env != nullptr && env[0] != '\0' ? env : "pymalloc";
}

// The lines of a data file split at tabs; comment lines left out.
inline std::vector<std::vector<std::string>> read_tab_data(const char *name) {
    std::ifstream in(std::string(MINIPY_TEST_DATA_DIR) + "/" + name);
    BOOST_REQUIRE_MESSAGE(in, "cannot open data file " << name);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        size_t start = 0;
        for (;;) {
            const size_t tab = line.find('\t', start);
            fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        rows.push_back(fields);
    }
    return rows;
}

// A key literal of the data files: 'text' for a str, else what parse_literal reads.
inline PyObject *parse_key(const std::string &token) {
    if (!token.empty() && token[0] == '\'')
        return PyUnicode_FromStringAndSize(token.c_str() + 1, static_cast<Py_ssize_t>(token.size()) - 2);
    return parse_literal(token);
}

inline std::vector<std::string> split_spaces(const std::string &text) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < text.size()) {
        size_t space = text.find(' ', start);
        if (space == std::string::npos) space = text.size();
        if (space > start) parts.push_back(text.substr(start, space - start));
        start = space + 1;
    }
    return parts;
}

// o.__sizeof__() as a number (-1 on error).
inline long long sizeof_of(PyObject *o) {
    Ref size(PyObject_CallMethod(o, "__sizeof__", nullptr));
    if (!size) return -1;
    return PyLong_AsLongLong(size);
}

// A key type for lookups that misbehave: each key has the hash it was given, and comparing
// two of them calls `on_compare` (if set) and then says whether their ids are equal, or
// raises when `raise_on_compare`.
struct HookKey {
    PyObject_HEAD
    Py_hash_t hash;
    long id;
};

struct HookKeyState {
    std::function<void()> on_compare;
    bool raise_on_compare = false;
    int comparisons = 0;
};

inline HookKeyState &hook_key_state() {
    static HookKeyState state;
    return state;
}

inline Py_hash_t hookkey_hash(PyObject *self) { return reinterpret_cast<HookKey *>(self)->hash; }

inline PyObject *hookkey_richcompare(PyObject *a, PyObject *b, int op) {
    HookKeyState &state = hook_key_state();
    if (op != Py_EQ || Py_TYPE(a) != Py_TYPE(b)) Py_RETURN_NOTIMPLEMENTED;
    state.comparisons++;
    if (state.on_compare) {
        auto hook = std::move(state.on_compare);  // once
        state.on_compare = nullptr;
        hook();
    }
    if (state.raise_on_compare) {
        PyErr_SetString(PyExc_ValueError, "comparison failed");
        return nullptr;
    }
    return PyBool_FromLong(reinterpret_cast<HookKey *>(a)->id == reinterpret_cast<HookKey *>(b)->id);
}

inline PyObject *hookkey_repr(PyObject *self) {
    return PyUnicode_FromFormat("HookKey(%ld)", reinterpret_cast<HookKey *>(self)->id);
}

inline void hookkey_dealloc(PyObject *self) { PyObject_Free(self); }

inline PyTypeObject &hook_key_type() {
    static PyTypeObject type = [] {
        PyTypeObject t{};
        t.ob_base.ob_base.ob_refcnt = 1;
        t.ob_base.ob_base.ob_type = &PyType_Type;
        t.tp_name = "HookKey";
        t.tp_basicsize = sizeof(HookKey);
        t.tp_dealloc = hookkey_dealloc;
        t.tp_repr = hookkey_repr;
        t.tp_hash = hookkey_hash;
        t.tp_richcompare = hookkey_richcompare;
        t.tp_flags = Py_TPFLAGS_DEFAULT;
        return t;
    }();
    return type;
}

inline PyObject *hook_key(Py_hash_t hash, long id) {
    PyTypeObject &type = hook_key_type();
    if (!(type.tp_flags & Py_TPFLAGS_READY)) BOOST_REQUIRE(PyType_Ready(&type) == 0);
    HookKey *key = PyObject_New(HookKey, &type);
    BOOST_REQUIRE(key != nullptr);
    key->hash = hash;
    key->id = id;
    return reinterpret_cast<PyObject *>(key);
}

// A fresh hook state for a test.
struct HookKeyReset {
    HookKeyReset() { hook_key_state() = HookKeyState{}; }
    ~HookKeyReset() { hook_key_state() = HookKeyState{}; }
};


// --- Allocation failures ------------------------------------------------------------------------

// Fails allocation request N of MEM and OBJ together (counted from arm()).
class FailNth {
  public:
    FailNth() {
        for (int i = 0; i < 2; ++i) {
            PyMem_GetAllocator(kDomains[i], &wrapped_[i]);
            slots_[i] = {this, i};
            PyMemAllocatorEx hook = {&slots_[i], hook_malloc, hook_calloc, hook_realloc, hook_free};
            PyMem_SetAllocator(kDomains[i], &hook);
        }
    }
    ~FailNth() {
        for (int i = 1; i >= 0; --i) PyMem_SetAllocator(kDomains[i], &wrapped_[i]);
    }
    FailNth(const FailNth &) = delete;
    FailNth &operator=(const FailNth &) = delete;

    void arm(long nth) {
        requests_ = 0;
        fired_ = false;
        nth_ = nth;
    }
    void disarm() { nth_ = 0; }
    bool fired() const { return fired_; }

  private:
    static constexpr PyMemAllocatorDomain kDomains[2] = {PYMEM_DOMAIN_MEM, PYMEM_DOMAIN_OBJ};
    struct Slot {
        FailNth *owner;
        int index;
    };
    bool refuse() {
        if (nth_ == 0 || ++requests_ != nth_) return false;
        fired_ = true;
        return true;
    }
    static void *hook_malloc(void *ctx, size_t size) noexcept {
        auto &s = *static_cast<Slot *>(ctx);
        if (s.owner->refuse()) return nullptr;
        return s.owner->wrapped_[s.index].malloc(s.owner->wrapped_[s.index].ctx, size);
    }
    static void *hook_calloc(void *ctx, size_t n, size_t size) noexcept {
        auto &s = *static_cast<Slot *>(ctx);
        if (s.owner->refuse()) return nullptr;
        return s.owner->wrapped_[s.index].calloc(s.owner->wrapped_[s.index].ctx, n, size);
    }
    static void *hook_realloc(void *ctx, void *ptr, size_t size) noexcept {
        auto &s = *static_cast<Slot *>(ctx);
        if (s.owner->refuse()) return nullptr;
        return s.owner->wrapped_[s.index].realloc(s.owner->wrapped_[s.index].ctx, ptr, size);
    }
    static void hook_free(void *ctx, void *ptr) noexcept {
        auto &s = *static_cast<Slot *>(ctx);
        s.owner->wrapped_[s.index].free(s.owner->wrapped_[s.index].ctx, ptr);
    }

    PyMemAllocatorEx wrapped_[2] = {};
    Slot slots_[2] = {};
    long nth_ = 0;
    long requests_ = 0;
    bool fired_ = false;
};

// Runs `block` (true = completed, false = gave up with an exception set) with allocation N
// failing, for N = 1, 2, ... until it completes without a failure. Each failed run must have
// given up with exactly MemoryError, and once the exception is cleared and garbage collected,
// MEM and OBJ must hold as many blocks as before. Run it with the free lists off.
inline void sweep_allocation_failures(const std::function<bool()> &block) {
    auto live = [] {
        minipy_memory_usage usage;
        BOOST_REQUIRE(minipy_get_memory_usage(&usage) == 0);
        return std::make_pair(usage.mem.current_blocks, usage.obj.current_blocks);
    };
    // A clean run first: whatever is cached afterwards stays.
    const bool clean = block();
    BOOST_REQUIRE_MESSAGE(clean, "the block fails without injection: " << take_error());
    PyGC_Collect();
    const auto baseline = live();
    FailNth injector;
    int failures = 0;
    long n = 1;
    for (; failures < 5 && n < 100000; ++n) {
        injector.arm(n);
        const bool completed = block();
        injector.disarm();
        if (!injector.fired()) {
            BOOST_TEST(completed);
            BOOST_TEST(!PyErr_Occurred());
            break;
        }
        bool ok = true;
        if (completed) {
            BOOST_ERROR("N = " << n << ": the failure was swallowed");
            ok = false;
        } else if (PyErr_Occurred() != PyExc_MemoryError) {
            BOOST_ERROR("N = " << n << ": the exception is " << take_error() << ", not MemoryError");
            ok = false;
        }
        PyErr_Clear();
        PyGC_Collect();
        if (live() != baseline) {
            BOOST_ERROR("N = " << n << ": blocks left behind");
            ok = false;
        }
        if (!ok) ++failures;
    }
    BOOST_TEST_MESSAGE("allocation failures swept: " << n - 1);
    BOOST_TEST(n > 10);
}

}  // namespace minipy::test

#endif  // MINIPY_TESTS_RUNTIME_DICT_SET_HELPERS_HPP
