/* lua_host_main.c: minipy_lua, the standalone `lua` command with every Lua allocation served
 * by a minipy domain.
 *
 *   minipy_lua [--domain raw|mem|obj] [--stats[=FILE]] [lua's options] [script [args]]
 *
 * The host's own options come first and are taken out before Lua's are read (lua_cli.c), so
 * `arg` is what the standalone `lua` would build. PYTHONMALLOC chooses what the domains hold
 * (minipy_alloc_init_from_env), MINIPY_PYMALLOC_GEOMETRY pymalloc's geometry. --stats writes,
 * after lua_close, Lua's figures and pymalloc's report to FILE (stderr without one).
 *
 * The host starts minipy's runtime before Lua, so Lua and Python share one runtime and one
 * allocator: the `minipy` table runs Python code in it (minipy.run), and pymalloc's report
 * (--stats, minipy.stats()) covers both languages' blocks. The main thread holds the GIL from
 * start-up to shutdown: Lua calls its allocator only from the thread running it, this one, so
 * the debug hooks' GIL check holds for every Lua allocation.
 *
 * One budget for both languages: the runtime starts with its accounting hook (the leak check
 * on), which counts Python's blocks in the runtime's memory budget (minipy_memory_budget), and
 * Lua's allocator counts Lua's bytes in the same record and takes its blocks from the allocator
 * under the hook (minipy_get_unaccounted_allocator): the hook's 16-byte header and registry
 * entry would otherwise change every Lua block, the allocation profile this host exists to
 * show. minipy.limit sets the budget's limit; both sides refuse what would pass it. */
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua_alloc.h"
#include "lua_cli.h"
#include "minipy/Python.h"
#include "minipy/memusage.h"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"

static const char kHostUsage[] =
    "minipy's options, before Lua's:\n"
    "  --domain raw|mem|obj  the minipy domain serving Lua's allocations (default obj)\n"
    "  --stats[=FILE]        after the run, write the allocator's figures to FILE or stderr\n";

typedef struct {
    LuaHostDomain domain;
    int stats;
    const char *stats_file; /* NULL: stderr */
} HostOptions;

/* Takes the host's options off the front of argv. Returns the index of the first argument
 * left for Lua, or -1 after printing an error. */
static int parse_host_options(int argc, char **argv, HostOptions *options) {
    const char *program = argc > 0 && argv[0][0] != '\0' ? argv[0] : "minipy_lua";
    int i = 1;
    while (i < argc) {
        const char *option = argv[i];
        const char *domain = NULL;
        if (strcmp(option, "--domain") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "%s: '--domain' needs argument\n%s", program, kHostUsage);
                return -1;
            }
            domain = argv[i + 1];
            i += 2;
        } else if (strncmp(option, "--domain=", 9) == 0) {
            domain = option + 9;
            i++;
        } else if (strcmp(option, "--stats") == 0) {
            options->stats = 1;
            i++;
        } else if (strncmp(option, "--stats=", 8) == 0 && option[8] != '\0') {
            options->stats = 1;
            options->stats_file = option + 8;
            i++;
        } else {
            break;
        }
        if (domain != NULL && lua_host_domain_from_name(domain, &options->domain) != 0) {
            fprintf(stderr, "%s: unknown domain '%s' (expected raw, mem or obj)\n", program,
                    domain);
            return -1;
        }
    }
    return i;
}

/* --stats, in two steps around the runtime's shutdown: Lua's figures and the shared budget's
 * while the runtime still runs, pymalloc's report once it is gone (the runtime's accounting
 * hook then no longer sits in front of the object domain, which _PyObject_DebugMallocStats
 * requires to be pymalloc's). */
static FILE *open_stats(const HostOptions *options) {
    if (options->stats_file == NULL) return stderr;
    FILE *out = fopen(options->stats_file, "w");
    if (out == NULL) perror(options->stats_file);
    return out;
}

static void write_budget_stats(FILE *out, const LuaHostAllocator *allocator) {
    const char *name = allocator->allocator_name;
    fprintf(out, "minipy_lua: allocator %s, domain %s\n", name != NULL ? name : "custom",
            lua_host_domain_name(allocator->domain));
    fprintf(out,
            "minipy_lua: %zu allocator calls, peak %zu bytes of Lua payload, %zu requests "
            "refused, %zu blocks / %zu bytes left after lua_close\n",
            allocator->calls, allocator->peak, allocator->refused, allocator->blocks,
            allocator->in_use);
    minipy_memory_usage usage;
    if (minipy_get_memory_usage(&usage) == 0) {
        fprintf(out,
                "minipy_lua: one budget for Lua and Python: limit %zu; peaks: Lua %zu bytes, "
                "Python %zu bytes in %zu blocks; requests refused: Lua %zu, Python %zu; after "
                "lua_close: Lua %zu bytes, Python %zu bytes\n",
                *allocator->budget_limit, allocator->peak, usage.total.peak_bytes,
                usage.total.peak_blocks, allocator->refused, usage.refused, allocator->in_use,
                usage.total.current_bytes);
    }
}

static void write_allocator_report(FILE *out) {
    if (!_PyObject_DebugMallocStats(out)) {
        fprintf(out, "(pymalloc does not serve the object domain: no pymalloc report)\n");
    }
}

/* Lua's bytes count in the runtime's budget, and Lua's blocks come from under the runtime's
 * accounting hook (the raw domain has none). */
static void share_runtime_budget(LuaHostAllocator *allocator) {
    static const PyMemAllocatorDomain kDomainIds[] = {PYMEM_DOMAIN_RAW, PYMEM_DOMAIN_MEM,
                                                      PYMEM_DOMAIN_OBJ};
    minipy_memory_budget *budget = minipy_get_memory_budget();
    PyMemAllocatorEx serving;
    if (budget == NULL ||
        minipy_get_unaccounted_allocator(kDomainIds[allocator->domain], &serving) != 0) {
        fprintf(stderr, "minipy_lua: the runtime's memory budget is not available\n");
        exit(EXIT_FAILURE);
    }
    lua_host_allocator_share_budget(allocator, &serving, &budget->used, &budget->limit);
}

/* os.exit() ends the process through exit(), past the end of main: the runtime is finalized
 * then too (after lua_close for os.exit(code, true); with Lua's blocks still allocated
 * otherwise, as lua.c leaves them). */
static void finalize_runtime_at_exit(void) {
    if (Py_IsInitialized()) Py_FinalizeEx();
}

int main(int argc, char **argv) {
    HostOptions options = {kLuaHostDomainObj, 0, NULL};
    int first = parse_host_options(argc, argv, &options);
    if (first < 0) return EXIT_FAILURE;
    /* Lua sees argv[0] followed by what is left. */
    argv[first - 1] = argv[0];
    argc -= first - 1;
    argv += first - 1;

    /* The domains first, as PYTHONMALLOC says (a bad value is a fatal error with CPython's
     * message, exit status 1), so that Lua's record names them before the runtime's accounting
     * hook covers MEM and OBJ; then the runtime, which finds them set as it would set them. */
    minipy_alloc_init_from_env();
    LuaHostAllocator allocator;
    lua_host_allocator_init(&allocator, options.domain);
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.leak_check = 1; /* the accounting hook, which keeps the shared budget */
    PyStatus started = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(started)) Py_ExitStatusException(started);
    atexit(finalize_runtime_at_exit);
    share_runtime_budget(&allocator);
    lua_State *L = lua_newstate(lua_host_alloc, &allocator);
    if (L == NULL) {
        fprintf(stderr, "%s: cannot create state: not enough memory\n",
                argc > 0 && argv[0][0] != '\0' ? argv[0] : "lua");
        return EXIT_FAILURE;
    }
    lua_cli_install_handlers(L);
    int status = lua_cli_main(L, argc, argv, kHostUsage);
    lua_close(L);
    if (lua_host_allocator_check_closed(&allocator) != 0) status = EXIT_FAILURE;
    FILE *stats = options.stats ? open_stats(&options) : NULL;
    if (stats != NULL) write_budget_stats(stats, &allocator);
    if (Py_FinalizeEx() < 0) status = EXIT_FAILURE;
    if (stats != NULL) {
        write_allocator_report(stats);
        if (stats != stderr) fclose(stats);
    }
    minipy_alloc_finalize();
    return status;
}
