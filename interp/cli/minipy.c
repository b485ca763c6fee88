/* The `minipy` command, minimal form: `minipy script.py [args]` and `minipy -c CODE [args]`,
 * with python3's exit statuses (0, 1 after an uncaught exception, SystemExit's code, 2 for a
 * usage error or a script that cannot be opened). Written in C against the public headers, as
 * any host would be. The full command line (options, -i, the REPL) comes later. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

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
    Py_Initialize();
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
        status = PyRun_SimpleFileEx(fp, script, 1) == 0 ? 0 : 1;
        fp = NULL;
    }
    if (fp != NULL) fclose(fp);
    fflush(stdout);
    if (Py_FinalizeEx() < 0 && status == 0) status = 120;
    return status;
}
