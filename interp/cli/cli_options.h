/* The `minipy` command line: python3's options, parsed as python3 parses them (CPython's
 * getopt: combined flags such as -qi, an option's argument in the same word or the next,
 * -c and -m ending the options, `--`, `-` for standard input), with python3's messages and
 * exit statuses, and the PYTHON* environment variables the command honours. */
#ifndef MINIPY_CLI_OPTIONS_H
#define MINIPY_CLI_OPTIONS_H

typedef struct {
    const char *program;     /* argv[0], as python3 names itself in its messages */
    const char *command;     /* -c CODE */
    const char *script;      /* a file, "-" for standard input, NULL for neither */
    int args_index;          /* sys.argv is argv[args_index..]; with -c its first is "-c" */
    int no_program;          /* neither -c nor a script: sys.argv = [''] */
    int help;                /* -h, -?, --help */
    int version;             /* -V / --version, counted */
    int inspect;             /* -i or PYTHONINSPECT: the prompt after the program */
    int interactive;         /* -i: the prompt even when stdin is not a terminal */
    int quiet;               /* -q */
    int debug;               /* -d (sys.flags.debug only: minipy has no parser debugging) */
    int dont_write_bytecode; /* -B or PYTHONDONTWRITEBYTECODE (minipy writes none anyway) */
    int no_user_site;        /* -s, -I or PYTHONNOUSERSITE (minipy has no site) */
    int no_site;             /* -S */
    int safe_path;           /* -I or PYTHONSAFEPATH (sys.flags only) */
    int unbuffered;          /* -u or PYTHONUNBUFFERED */
    int ignore_environment;  /* -E, -I */
    int isolated;            /* -I */
    int optimize;            /* -O count, or PYTHONOPTIMIZE */
    int hash_seed_given;     /* PYTHONHASHSEED set: 1 with a number (hash_seed), 2 "random" */
    unsigned long hash_seed;
    /* -X options */
    int dev_mode;          /* -X dev or PYTHONDEVMODE: the debug hooks unless an allocator
                            * was named */
    int show_refcount;     /* -X showrefcount */
    int tracemalloc;       /* -X tracemalloc[=N] or PYTHONTRACEMALLOC: frames, 0 = off */
    int allocstats;        /* -X allocstats (minipy's) */
    const char *allocator; /* -X malloc=NAME, else PYTHONMALLOC (read by the runtime) */
    const char **xoptions; /* every -X option as given, in order (sys._xoptions); malloc'd */
    int nxoptions;
} cli_options;

/* What parsing decided: go on and run, or exit now with `exit_status` (a usage error printed
 * (2), -h or -V printed (0), or a bad value in the environment or -X (1)). */
typedef enum { kCliRun, kCliExit } cli_outcome;

cli_outcome cli_parse(int argc, char **argv, cli_options *options, int *exit_status);
/* Frees what cli_parse allocated. */
void cli_options_clear(cli_options *options);

#endif /* MINIPY_CLI_OPTIONS_H */
