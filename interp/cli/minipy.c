/* The `minipy` command: python3's command line (cli_options.c) over the embedding API, in C
 * against the public headers as any host would be. What it runs, as python3 decides it:
 *   -c CODE                   the code, sys.argv = ['-c', args...]
 *   FILE                      the file, sys.argv = [FILE, args...]
 *   -, or nothing             standard input: the interactive prompt when it is a terminal
 *                             (or with -i), else the whole input as a program ('<stdin>')
 * then, with -i, the prompt. Exit status: 0; 1 after an uncaught exception; SystemExit's
 * code; 2 for a usage error or a file that cannot be opened; an uncaught KeyboardInterrupt
 * ends the process by SIGINT (status 130 in a shell), as python3 does. MINIPY_LEAK_CHECK=1
 * turns on the runtime's leak check (the tests use it). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_options.h"
#include "cli_readline.h"
#include "minipy/Python.h"
#include "minipy/allocstats.h"
#include "minipy/import.h"
#include "minipy/intrcheck.h"
#include "minipy/pythonrun.h"

static cli_options g_options;
static const char *g_allocator_name = NULL; /* for the allocstats report */
static char g_history_file[4096];

/* What -X showrefcount and -X allocstats print at exit, after Py_FinalizeEx: also when
 * SystemExit ends the process from inside the runtime (through atexit). */
static void print_exit_reports(void) {
    static int printed = 0;
    if (printed) return;
    printed = 1;
    cli_readline_stop();
    fflush(stdout);
    if (g_options.show_refcount) {
#ifdef Py_REF_DEBUG
        fprintf(stderr, "[%zd refs, %zd blocks]\n", _Py_GetRefTotal(), _Py_GetAllocatedBlocks());
#else
        /* A build without the reference total (release): the blocks only. */
        fprintf(stderr, "[%zd blocks]\n", _Py_GetAllocatedBlocks());
#endif
    }
    if (g_options.allocstats) minipy_allocstats_print(stderr, g_allocator_name);
    fflush(stderr);
}

/* python3's exit after an uncaught KeyboardInterrupt: by the signal itself. */
static int exit_by_sigint(void) {
    print_exit_reports();
    minipy_restore_sigint_handler();
    signal(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    return 128 + SIGINT; /* only if the signal did not end the process */
}

static void start_runtime(void) {
    if (g_options.hash_seed_given &&
        minipy_set_hash_seed(g_options.hash_seed_given == 1, g_options.hash_seed) < 0) {
        fprintf(stderr, "minipy: PYTHONHASHSEED: no random bytes from the system\n");
        exit(1);
    }
    PyConfig config;
    if (g_options.ignore_environment)
        PyConfig_InitIsolatedConfig(&config);
    else
        PyConfig_InitPythonConfig(&config);
    const char *leak_check = getenv("MINIPY_LEAK_CHECK");
    if (leak_check != NULL && leak_check[0] != '\0' && strcmp(leak_check, "0") != 0)
        config.leak_check = 1;
    const char *env_allocator = g_options.ignore_environment ? NULL : getenv("PYTHONMALLOC");
    if (env_allocator != NULL && env_allocator[0] == '\0') env_allocator = NULL;
    if (g_options.allocator != NULL)
        config.allocator = g_options.allocator;
    else if (g_options.dev_mode && env_allocator == NULL)
        config.allocator = "debug"; /* -X dev: the debug hooks unless an allocator is named */
    const PyStatus status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) Py_ExitStatusException(status);
    g_allocator_name = _PyMem_GetCurrentAllocatorName();

    minipy_set_optimization_level(g_options.optimize);
    minipy_set_inspect(g_options.inspect);
    const minipy_flags flags = {
        .debug = g_options.debug != 0,
        .inspect = g_options.inspect != 0,
        .interactive = g_options.interactive != 0,
        .dont_write_bytecode = g_options.dont_write_bytecode != 0,
        .no_user_site = g_options.no_user_site != 0,
        .no_site = g_options.no_site != 0,
        .ignore_environment = g_options.ignore_environment != 0,
        .quiet = g_options.quiet != 0,
        .hash_randomization = !(g_options.hash_seed_given == 1 && g_options.hash_seed == 0),
        .isolated = g_options.isolated != 0,
        .dev_mode = g_options.dev_mode != 0,
        .safe_path = g_options.safe_path != 0,
    };
    minipy_set_flags(&flags);
    if (g_options.tracemalloc > 0 && minipy_tracemalloc_start(g_options.tracemalloc) != 0) {
        PyStatus failed = PyStatus_Error("can't initialize tracemalloc");
        failed.func = "init_interp_main";
        fprintf(stderr, "%s\n",
                g_options.tracemalloc > MINIPY_TRACEMALLOC_MAX_NFRAME
                    ? "ValueError: " MINIPY_TRACEMALLOC_NFRAME_ERROR
                    : "MemoryError");
        Py_ExitStatusException(failed);
    }
    if (g_options.allocstats && minipy_allocstats_start() < 0) {
        fprintf(stderr, "minipy: -X allocstats: no memory for the counting tables\n");
        exit(1);
    }
    atexit(print_exit_reports);
    minipy_install_sigint_handler();
}

/* sys._xoptions as python3 fills it: {'dev': True, 'tracemalloc': '5', ...}. 0 or -1 with an
 * exception. */
static int set_xoptions(void) {
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *xoptions = sys != NULL ? PyObject_GetAttrString(sys, "_xoptions") : NULL;
    Py_XDECREF(sys);
    if (xoptions == NULL) return -1;
    int r = 0;
    for (int i = 0; i < g_options.nxoptions && r == 0; ++i) {
        const char *option = g_options.xoptions[i];
        const char *equals = strchr(option, '=');
        PyObject *key = equals != NULL ? PyUnicode_FromStringAndSize(option, equals - option)
                                       : PyUnicode_FromString(option);
        PyObject *value = equals != NULL ? PyUnicode_FromString(equals + 1) : Py_NewRef(Py_True);
        r = key != NULL && value != NULL ? PyObject_SetItem(xoptions, key, value) : -1;
        Py_XDECREF(key);
        Py_XDECREF(value);
    }
    Py_DECREF(xoptions);
    return r;
}

/* sys.argv; 0 or -1 after printing the error. */
static int set_argv(int argc, char **argv) {
    static char *empty_argv[] = {(char *)""};
    int r;
    if (g_options.command != NULL) {
        argv[g_options.args_index] = (char *)"-c";
        r = minipy_set_argv(argc - g_options.args_index, argv + g_options.args_index);
    } else if (g_options.no_program) {
        r = minipy_set_argv(1, empty_argv);
    } else {
        r = minipy_set_argv(argc - g_options.args_index, argv + g_options.args_index);
    }
    if (r == 0) r = set_xoptions();
    if (r < 0) PyErr_Print();
    return r;
}

/* The script's name as CPython 3.11 reports it (__file__, tracebacks, errors): absolute. */
static const char *absolute_path(const char *script, char *buffer, size_t size) {
    if (script[0] == '/' || getcwd(buffer, size) == NULL ||
        strlen(buffer) + strlen(script) + 2 > size)
        return script;
    strcat(buffer, "/");
    strcat(buffer, script);
    return buffer;
}

static void print_banner(void) {
    fprintf(stderr, "minipy %s (the language of Python 3.11) [%s] on linux\n", MINIPY_VERSION,
            MINIPY_COMPILER);
    fprintf(stderr, "Type Ctrl-D to leave; minipy -h lists the options.\n");
}

/* The prompt on standard input: line editing when it is a terminal. */
static int interactive_loop(void) {
    minipy_set_inspect(0); /* SystemExit typed at the prompt ends the process */
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
        const char *home = getenv("HOME");
        const int keep_history = !g_options.isolated && home != NULL && home[0] != '\0' &&
                                 strlen(home) + 32 < sizeof g_history_file;
        if (keep_history)
            snprintf(g_history_file, sizeof g_history_file, "%s/.minipy_history", home);
        cli_readline_start(keep_history ? g_history_file : NULL);
    }
    return PyRun_InteractiveLoop(stdin, "<stdin>") == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    int status = 0;
    if (cli_parse(argc, argv, &g_options, &status) == kCliExit) return status;
    if (g_options.unbuffered) {
        setvbuf(stdout, NULL, _IONBF, 0);
        setvbuf(stderr, NULL, _IONBF, 0);
    }
    start_runtime();
    const int stdin_is_script =
        g_options.command == NULL && (g_options.no_program || strcmp(g_options.script, "-") == 0);
    /* As python3: -i makes the prompt appear without a terminal; PYTHONINSPECT does not. */
    const int stdin_interactive = g_options.interactive || isatty(STDIN_FILENO);
    const int prompt_on_stdin = stdin_is_script && stdin_interactive;
    if (set_argv(argc, argv) < 0) {
        status = 1;
    } else if (g_options.command != NULL) {
        status = PyRun_SimpleString(g_options.command) == 0 ? 0 : 1;
    } else if (prompt_on_stdin) {
        if (!g_options.quiet) print_banner();
        status = interactive_loop();
    } else if (stdin_is_script) {
        status = PyRun_SimpleFile(stdin, "<stdin>") == 0 ? 0 : 1;
    } else {
        char path[4096];
        const char *name = absolute_path(g_options.script, path, sizeof path);
        FILE *fp = fopen(g_options.script, "rb");
        if (fp == NULL) {
            const int error = errno;
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", g_options.program, name,
                    error, strerror(error));
            status = 2;
        } else {
            status = PyRun_SimpleFileEx(fp, name, 1) == 0 ? 0 : 1;
        }
    }
    /* -i after a program: the prompt, whatever the program did (python3's exit status is
     * then the prompt's). */
    if (g_options.inspect && stdin_interactive && !stdin_is_script && status != 2)
        status = interactive_loop();
    fflush(stdout);
    if (Py_FinalizeEx() < 0 && status == 0) status = 120;
    cli_options_clear(&g_options);
    if (minipy_unhandled_keyboard_interrupt()) return exit_by_sigint();
    print_exit_reports();
    return status;
}
