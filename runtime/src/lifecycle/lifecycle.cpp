// Start-up and shutdown (pylifecycle.h) and the config / status helpers (initconfig.h).
//
// Start-up order matters because the allocator is live from the first instruction:
//   1. validate the whole config first, so a bad field changes nothing;
//   2. switch allocators before the runtime allocates anything of its own (the host may
//      have allocated already: asking for what is installed is a no-op in alloc);
//   3. create the main thread state (raw domain), make it hold the GIL;
//   4. only then tell alloc how to check the GIL, so no call is ever judged against a GIL
//      that does not exist yet;
//   5. put the memory-accounting hook (limit, leak check) in front of MEM and OBJ, then
//      ready the object layer part by part (part_lifecycle.hpp).
// Shutdown collects the garbage, undoes 5, 4, 3 and prints pymalloc's statistics last.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lifecycle/part_lifecycle.hpp"
#include "memory/memory_accounting.hpp"
#include "minipy/initconfig.h"
#include "minipy/object.h"
#include "minipy/pylifecycle.h"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "minipy/pystate.h"
#include "minipy/tracemalloc.h"
#include "objects/freelist_settings.hpp"
#include "state/runtime_state.hpp"

using namespace minipy::runtime;

// --- PyStatus ------------------------------------------------------------------------------

extern "C" PyStatus PyStatus_Ok(void) noexcept {
    return PyStatus{};
}

extern "C" PyStatus PyStatus_Error(const char *err_msg) noexcept {
    PyStatus status{};
    status._type = PyStatus::_PyStatus_TYPE_ERROR;
    status.err_msg = err_msg;
    return status;
}

extern "C" PyStatus PyStatus_NoMemory(void) noexcept {
    return PyStatus_Error("memory allocation failed");
}

extern "C" PyStatus PyStatus_Exit(int exitcode) noexcept {
    PyStatus status{};
    status._type = PyStatus::_PyStatus_TYPE_EXIT;
    status.exitcode = exitcode;
    return status;
}

extern "C" int PyStatus_IsError(PyStatus status) noexcept {
    return status._type == PyStatus::_PyStatus_TYPE_ERROR;
}

extern "C" int PyStatus_IsExit(PyStatus status) noexcept {
    return status._type == PyStatus::_PyStatus_TYPE_EXIT;
}

extern "C" int PyStatus_Exception(PyStatus status) noexcept {
    return status._type != PyStatus::_PyStatus_TYPE_OK;
}

// --- PyConfig ------------------------------------------------------------------------------

namespace {

constexpr double kDefaultSwitchInterval = 0.005;  // seconds, CPython's default

void init_unset(PyConfig *config, int use_environment) noexcept {
    config->use_environment = use_environment;
    config->allocator = nullptr;
    config->malloc_stats = -1;
    config->switch_interval = 0.0;
    config->use_freelists = -1;
    config->memory_limit = 0;
    config->leak_check = -1;
    config->pymalloc_geometry = nullptr;
    config->parse_argv = use_environment;  // CPython: 1 in the Python config, 0 isolated
    config->argv = minipy_byte_string_list{};
}

PyStatus init_error(const char *message) noexcept {
    PyStatus status = PyStatus_Error(message);
    status.func = "Py_InitializeFromConfig";
    return status;
}

const char *non_empty_env(const char *name) noexcept {
    const char *value = std::getenv(name);
    return value != nullptr && value[0] != '\0' ? value : nullptr;
}

// The start-up settings once environment and defaults are applied.
struct Settings {
    bool set_allocator = false;
    PyMemAllocatorName allocator = PYMEM_ALLOCATOR_NOT_SET;
    bool malloc_stats = false;
    unsigned long switch_interval_us = 5000;
    bool use_freelists = true;
    std::size_t memory_limit = 0;
    bool leak_check = false;
    const char *pymalloc_geometry = nullptr;  // with its source, when one was asked for
    const char *pymalloc_geometry_source = nullptr;
};

// Start-up is single-threaded, and the message must outlive the call: a static buffer.
char g_allocator_message[192];

PyStatus unknown_allocator(const char *source, const char *value) noexcept {
    std::snprintf(g_allocator_message, sizeof g_allocator_message,
                  "%s: unknown allocator '%.40s' (expected default, debug, pymalloc, "
                  "pymalloc_debug, malloc or malloc_debug)",
                  source, value);
    return init_error(g_allocator_message);
}

PyStatus resolve(const PyConfig &config, Settings &out) noexcept {
    const char *allocator = config.allocator;
    const char *source = "config.allocator";
    if (allocator == nullptr && config.use_environment) {
        allocator = non_empty_env("PYTHONMALLOC");
        source = "PYTHONMALLOC";
    }
    if (allocator != nullptr && allocator[0] != '\0') {
        if (_PyMem_GetAllocatorName(allocator, &out.allocator) < 0)
            return unknown_allocator(source, allocator);
        out.set_allocator = true;
    }

    if (config.malloc_stats >= 0)
        out.malloc_stats = config.malloc_stats != 0;
    else  // like CPython, any non-empty value turns them on, "0" included
        out.malloc_stats = config.use_environment && non_empty_env("PYTHONMALLOCSTATS") != nullptr;

    double interval =
        config.switch_interval == 0.0 ? kDefaultSwitchInterval : config.switch_interval;
    // sys.setswitchinterval's rule: positive; and it must fit the microsecond counter.
    if (!(interval > 0.0) || !std::isfinite(interval) || interval > 1e9)
        return init_error("config.switch_interval must be a positive number of seconds");
    out.switch_interval_us = static_cast<unsigned long>(std::llround(interval * 1e6));
    if (out.switch_interval_us == 0) out.switch_interval_us = 1;

    out.use_freelists = config.use_freelists != 0;  // unset (-1) means on
    out.memory_limit = config.memory_limit;
    out.leak_check = config.leak_check > 0;

    out.pymalloc_geometry = config.pymalloc_geometry;
    out.pymalloc_geometry_source = "config.pymalloc_geometry";
    if (out.pymalloc_geometry == nullptr && config.use_environment) {
        out.pymalloc_geometry = non_empty_env("MINIPY_PYMALLOC_GEOMETRY");
        out.pymalloc_geometry_source = "MINIPY_PYMALLOC_GEOMETRY";
    }
    return PyStatus_Ok();
}

// Installs the geometry asked for, if any; pymalloc refuses a change while it holds blocks.
PyStatus configure_pymalloc(const Settings &settings) noexcept {
    if (settings.pymalloc_geometry == nullptr) return PyStatus_Ok();
    const int result = minipy_pymalloc_configure(settings.pymalloc_geometry);
    if (result == 0) return PyStatus_Ok();
    std::snprintf(g_allocator_message, sizeof g_allocator_message,
                  result == -1 ? "%s: unknown geometry '%.40s' (expected default, small or large)"
                               : "%s: cannot change to geometry '%.40s': pymalloc already "
                                 "holds blocks",
                  settings.pymalloc_geometry_source, settings.pymalloc_geometry);
    return init_error(g_allocator_message);
}

}  // namespace

extern "C" void PyConfig_InitPythonConfig(PyConfig *config) noexcept {
    init_unset(config, 1);
}

extern "C" void PyConfig_InitIsolatedConfig(PyConfig *config) noexcept {
    init_unset(config, 0);
}

extern "C" void PyConfig_Clear(PyConfig *config) noexcept {
    if (config != nullptr) config_argv_clear(config);
}

// --- Start-up and shutdown -----------------------------------------------------------------

namespace minipy::runtime {
constinit ObjectSettings g_object_settings;
}

namespace {

struct ObjectPart {
    int (*init)() noexcept;
    void (*fini)() noexcept;
};

// Readied in this order, finalized in the reverse one. Exceptions come right after the base
// types so every later part can raise; tuple comes before them all since exceptions' args
// and every repr of a container use it.
constexpr ObjectPart kObjectParts[] = {
    {object_init, object_fini},
    {tuple_init, tuple_fini},
    {unicode_init, unicode_fini},
    {exceptions_init, exceptions_fini},
    {long_init, long_fini},
    {float_init, float_fini},
    {bytes_init, bytes_fini},
    {list_init, list_fini},
    {range_slice_init, range_slice_fini},
    {dict_init, dict_fini},
    {set_init, set_fini},
    // Last up, first down: its shutdown step gives the static types their original state back
    // (their dicts hold objects of every part) before the parts release their caches.
    {types_init, types_fini},
};
constexpr std::size_t kObjectPartCount = sizeof kObjectParts / sizeof kObjectParts[0];

void finalize_object_parts(std::size_t ready) noexcept {
    while (ready > 0) kObjectParts[--ready].fini();
    gc_fini();
}

// 0, or -1 after undoing the parts that were readied.
int initialize_object_parts() noexcept {
    gc_init();
    for (std::size_t i = 0; i < kObjectPartCount; ++i) {
        if (kObjectParts[i].init() < 0) {
            // A part may leave an exception behind: drop it before the parts go.
            if (t_current != nullptr) Py_CLEAR(t_current->curexc);
            finalize_object_parts(i);
            return -1;
        }
    }
    return 0;
}

}  // namespace

extern "C" PyStatus Py_InitializeFromConfig(const PyConfig *config) noexcept {
    if (config == nullptr) return init_error("config is NULL");
    const Phase phase = g_runtime.phase.load(std::memory_order_acquire);
    if (phase == Phase::initialized) return PyStatus_Ok();
    if (phase != Phase::not_initialized)
        return init_error("called while the runtime is starting or shutting down");

    Settings settings;
    PyStatus status = resolve(*config, settings);
    if (PyStatus_Exception(status)) return status;
    status = configure_pymalloc(settings);
    if (PyStatus_Exception(status)) return status;
    status = config_argv_keep(*config);
    if (PyStatus_Exception(status)) return status;

    g_runtime.phase.store(Phase::initializing, std::memory_order_release);
    if (settings.set_allocator) _PyMem_SetupAllocators(settings.allocator);
    minipy_alloc_set_malloc_stats(settings.malloc_stats);
    g_runtime.gil.set_interval(settings.switch_interval_us);

    const std::uint64_t generation = g_runtime.generation.fetch_add(1) + 1;
    _ts *main_thread = new_thread_state(&g_runtime.main_interp);
    if (main_thread == nullptr) {
        config_argv_release();
        g_runtime.phase.store(Phase::not_initialized, std::memory_order_release);
        return PyStatus_NoMemory();
    }
    g_runtime.gil.reset(main_thread, generation);
    t_current = main_thread;

    minipy_alloc_set_fatal_context(print_fatal_context);
    minipy_alloc_set_gil_check(PyGILState_Check);

    g_object_settings.use_freelists = settings.use_freelists;
    g_runtime.main_interp.recursion_limit = kDefaultRecursionLimit;
    accounting_start(settings.memory_limit, settings.leak_check);
    if (initialize_object_parts() < 0) {
        accounting_stop();
        minipy_alloc_set_gil_check(nullptr);
        g_runtime.gil.reset(nullptr, g_runtime.generation.fetch_add(1) + 1);
        delete_all_thread_states();
        minipy_alloc_set_fatal_context(nullptr);
        config_argv_release();
        g_runtime.phase.store(Phase::not_initialized, std::memory_order_release);
        return PyStatus_NoMemory();
    }
    g_runtime.phase.store(Phase::initialized, std::memory_order_release);
    return PyStatus_Ok();
}

extern "C" void Py_InitializeEx(int) noexcept {
    if (g_runtime.phase.load(std::memory_order_acquire) == Phase::initialized) return;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);
}

extern "C" void Py_Initialize(void) noexcept {
    Py_InitializeEx(1);
}

namespace {
std::atomic<minipy_finalize_hook> g_finalize_hook{nullptr};
std::atomic<minipy_finalize_hook> g_late_finalize_hook{nullptr};
}  // namespace

extern "C" void minipy_set_finalize_hook(minipy_finalize_hook hook) noexcept {
    g_finalize_hook.store(hook, std::memory_order_release);
}

extern "C" void minipy_set_late_finalize_hook(minipy_finalize_hook hook) noexcept {
    g_late_finalize_hook.store(hook, std::memory_order_release);
}

extern "C" int Py_FinalizeEx(void) noexcept {
    if (g_runtime.phase.load(std::memory_order_acquire) != Phase::initialized) return 0;
    _ts *const tstate = t_current;
    if (tstate == nullptr)
        Py_FatalError("the calling thread must hold the GIL (its thread state must be current)");
    if (minipy_finalize_hook hook = g_finalize_hook.load(std::memory_order_acquire)) hook();
    g_runtime.finalizing_tstate.store(tstate, std::memory_order_relaxed);
    g_runtime.phase.store(Phase::finalizing, std::memory_order_release);

    // Objects go while the GIL is still held: exceptions left in thread states, then the
    // garbage, then every part's caches and free lists, then the accounting hook, which
    // reports what is left.
    for (_ts *t = g_runtime.main_interp.threads_head; t != nullptr; t = t->next)
        Py_CLEAR(t->curexc);
    gc_collect_at_shutdown();
    // No collection after this hook: one could run a finalizer with what running code needs
    // gone. What is left unreachable then stays, as CPython leaves it.
    if (minipy_finalize_hook hook = g_late_finalize_hook.load(std::memory_order_acquire)) hook();
    finalize_object_parts(kObjectPartCount);
    // Tracing ends before the accounting hook goes: the tracer wraps the hook when it was
    // started after start-up, and the hook can only take itself out from the top.
    minipy_tracemalloc_stop();
    accounting_stop();

    // From here on no thread holds the GIL: stop judging calls by it first.
    minipy_alloc_set_gil_check(nullptr);
    const std::uint64_t ended = g_runtime.generation.fetch_add(1) + 1;
    g_runtime.gil.reset(nullptr, ended);
    delete_all_thread_states();
    minipy_alloc_set_fatal_context(nullptr);
    config_argv_release();

    g_runtime.finalizing_tstate.store(nullptr, std::memory_order_relaxed);
    g_runtime.phase.store(Phase::not_initialized, std::memory_order_release);
    minipy_alloc_finalize();
    return 0;
}

extern "C" void Py_Finalize(void) noexcept {
    Py_FinalizeEx();
}

extern "C" int Py_IsInitialized(void) noexcept {
    return g_runtime.phase.load(std::memory_order_acquire) == Phase::initialized;
}
