// See allocator_setup.hpp.
#include "runtime/allocator_setup.hpp"

#include <malloc.h>
#include <strings.h>

#include <cstdlib>
#include <cstring>

#include "minipy/Python.h"
#include "runtime/cpython_api.hpp"

namespace minipy::bench {

namespace {

// libpython's three domains as it started (pymalloc, pymalloc, malloc): saved before the
// first hooks go on, put back when they come off.
bool g_cpython_saved = false;
PyMemAllocatorEx g_cpython_original[3];

// Whether CPython's runtime was started, and with or without the hooks.
bool g_cpython_started = false;
bool g_cpython_started_with_hooks = false;

bool apply_cpython(const Setup &setup, std::string *why) {
    const CPythonApi *py = load_cpython(why);
    if (py == nullptr) return false;
    if (g_cpython_started) {
        if (setup.runtime && setup.hooks == g_cpython_started_with_hooks) return true;
        *why = "cpython: its runtime runs already; other CPython set-ups need a fresh process";
        return false;
    }
    if (!g_cpython_saved) {
        for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d)
            py->PyMem_GetAllocator(static_cast<PyMemAllocatorDomain>(d), &g_cpython_original[d]);
        g_cpython_saved = true;
    }
    if (setup.hooks) py->PyMem_SetupDebugHooks();
    if (setup.runtime) {
        // PYTHONMALLOC must be unset: CPython would install what it names over the hooks.
        unsetenv("PYTHONMALLOC");
        py->Py_InitializeEx(0);
        g_cpython_started = true;
        g_cpython_started_with_hooks = setup.hooks;
        if (py->PyGILState_Check() != 1) {
            *why = "cpython: Py_InitializeEx(0) left the GIL unheld";
            return false;
        }
    }
    const char *now = py->_PyMem_GetCurrentAllocatorName();
    const char *wanted = setup.hooks ? "pymalloc_debug" : "pymalloc";
    if (now == nullptr || std::strcmp(now, wanted) != 0) {
        *why = std::string("cpython: expected ") + wanted + ", libpython holds " +
               (now != nullptr ? now : "(custom)");
        return false;
    }
    return true;
}

void undo_cpython() {
    const CPythonApi *py = load_cpython(nullptr);
    if (py == nullptr || !g_cpython_saved || g_cpython_started) return;
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d)
        py->PyMem_SetAllocator(static_cast<PyMemAllocatorDomain>(d), &g_cpython_original[d]);
}

}  // namespace

const char *setup_name(Base base, bool hooks) {
    switch (base) {
    case Base::pymalloc: return hooks ? "pymalloc_debug" : "pymalloc";
    case Base::malloc: return hooks ? "malloc_debug" : "malloc";
    case Base::cpython: return hooks ? "cpython_debug" : "cpython";
    }
    return "?";
}

const char *base_name(Base base) {
    return setup_name(base, false);
}

bool parse_setup_name(const std::string &name, Base *base, bool *hooks) {
    for (Base b : {Base::pymalloc, Base::malloc, Base::cpython}) {
        for (bool h : {false, true}) {
            if (name == setup_name(b, h)) {
                *base = b;
                *hooks = h;
                return true;
            }
        }
    }
    return false;
}

bool setup_apply(const Setup &setup, std::string *why) {
    if (setup.base == Base::cpython) return apply_cpython(setup, why);
    const char *name = setup_name(setup.base, setup.hooks);
    if (setup.runtime) {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        config.allocator = name;
        config.malloc_stats = 0;
        const PyStatus status = Py_InitializeFromConfig(&config);
        PyConfig_Clear(&config);
        if (PyStatus_Exception(status)) {
            *why = std::string("Py_InitializeFromConfig: ") +
                   (status.err_msg != nullptr ? status.err_msg : "failed");
            return false;
        }
    } else {
        PyMemAllocatorName value;
        if (_PyMem_GetAllocatorName(name, &value) < 0 || _PyMem_SetupAllocators(value) < 0) {
            *why = std::string("_PyMem_SetupAllocators refused ") + name;
            return false;
        }
    }
    const char *now = _PyMem_GetCurrentAllocatorName();
    if (now == nullptr || std::strcmp(now, name) != 0) {
        *why = std::string("expected ") + name + ", the domains hold " +
               (now != nullptr ? now : "(custom)");
        return false;
    }
    return true;
}

void setup_undo(const Setup &setup) {
    if (setup.base == Base::cpython) {
        undo_cpython();
    } else if (setup.runtime) {
        Py_FinalizeEx();
    }
    minipy_pymalloc_release_free_arenas();
    malloc_trim(0);
}

DomainFns domain_fns(Base base, PyMemAllocatorDomain domain) {
    if (base == Base::cpython) {
        const CPythonApi *py = load_cpython(nullptr);
        if (py == nullptr) return {};
        switch (domain) {
        case PYMEM_DOMAIN_RAW: return {py->PyMem_RawMalloc, py->PyMem_RawFree};
        case PYMEM_DOMAIN_MEM: return {py->PyMem_Malloc, py->PyMem_Free};
        case PYMEM_DOMAIN_OBJ: return {py->PyObject_Malloc, py->PyObject_Free};
        }
        return {};
    }
    switch (domain) {
    case PYMEM_DOMAIN_RAW: return {&PyMem_RawMalloc, &PyMem_RawFree};
    case PYMEM_DOMAIN_MEM: return {&PyMem_Malloc, &PyMem_Free};
    case PYMEM_DOMAIN_OBJ: return {&PyObject_Malloc, &PyObject_Free};
    }
    return {};
}

const char *domain_name(PyMemAllocatorDomain domain) {
    switch (domain) {
    case PYMEM_DOMAIN_RAW: return "RAW";
    case PYMEM_DOMAIN_MEM: return "MEM";
    case PYMEM_DOMAIN_OBJ: return "OBJ";
    }
    return "?";
}

bool parse_domain(const std::string &name, PyMemAllocatorDomain *domain) {
    for (int d = PYMEM_DOMAIN_RAW; d <= PYMEM_DOMAIN_OBJ; ++d) {
        const auto candidate = static_cast<PyMemAllocatorDomain>(d);
        if (strcasecmp(name.c_str(), domain_name(candidate)) == 0) {
            *domain = candidate;
            return true;
        }
    }
    return false;
}

}  // namespace minipy::bench
