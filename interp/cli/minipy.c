/* The `minipy` command, minimal form: `minipy script.py [args]` and `minipy -c CODE [args]`,
 * with python3's exit statuses (0, 1 after an uncaught exception, SystemExit's code, 2 for a
 * usage error or a script that cannot be opened). Written in C against the public headers, as
 * any host would be. MINIPY_LEAK_CHECK=1 in the environment turns on the runtime's leak check. The
 * full command line (options, -i, the REPL) comes later. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "minipy/Python.h"
#include "minipy/pythonrun.h"

static int usage(const char *program) {
    fprintf(stderr, "usage: %s [-c cmd | file] [arg] ...\n", program);
    return 2;
}

int main(int argc, char **argv) {
    if (argc < 2) return usage(argv[0]);
    const char *command = NULL;
    const char *script = NULL;
    int first_arg = 1;
    if (strcmp(argv[1], "-c") == 0) {
        if (argc < 3) {
            fprintf(stderr, "Argument expected for the -c option\n");
            return usage(argv[0]);
        }
        command = argv[2];
        first_arg = 2;
    } else if (argv[1][0] == '-' && argv[1][1] != '\0') {
        fprintf(stderr, "Unknown option: %s\n", argv[1]);
        return usage(argv[0]);
    } else {
        script = argv[1];
    }
    FILE *fp = NULL;
    if (script != NULL) {
        fp = fopen(script, "rb");
        if (fp == NULL) {
            const int error = errno;
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], script, error,
                    strerror(error));
            return 2;
        }
    }
    /* MINIPY_LEAK_CHECK=1 (minipy's own): count every block and report those left at exit
     * (the script tests run with it). */
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    const char *leak_check = getenv("MINIPY_LEAK_CHECK");
    if (leak_check != NULL && leak_check[0] != '\0' && strcmp(leak_check, "0") != 0)
        config.leak_check = 1;
    PyStatus started = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(started)) Py_ExitStatusException(started);
    int status = 0;
    /* sys.argv: the script (or "-c") and what follows. */
    char *const *args = argv + first_arg;
    int nargs = argc - first_arg;
    if (command != NULL) {
        argv[first_arg] = (char *)"-c";
    }
    if (minipy_set_argv(nargs, args) < 0) {
        PyErr_Print();
        status = 1;
    } else if (command != NULL) {
        status = PyRun_SimpleString(command) == 0 ? 0 : 1;
    } else {
        /* The script's name as CPython 3.11 reports it (__file__, tracebacks): absolute. */
        char path[4096];
        const char *name = script;
        if (script[0] != '/' && getcwd(path, sizeof path) != NULL &&
            strlen(path) + strlen(script) + 2 <= sizeof path) {
            strcat(path, "/");
            strcat(path, script);
            name = path;
        }
        status = PyRun_SimpleFileEx(fp, name, 1) == 0 ? 0 : 1;
        fp = NULL;
    }
    if (fp != NULL) fclose(fp);
    fflush(stdout);
    if (Py_FinalizeEx() < 0 && status == 0) status = 120;
    return status;
}
