/* The `minipy` command line (cli_options.h): python3's getopt rules and messages. The
 * options python3 has and minipy lacks are refused by name rather than ignored, except
 * those that would change nothing here (-B, -s, -S, -d, -t) and unknown -X options, which python3
 * ignores too. */
#include "cli_options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minipy/Python.h"

/* python3's SHORT_OPTS, in which minipy recognises every letter (to refuse some by name). */
static const char kShortOptions[] = "bBc:dEhiIJm:OPqRsStuvVW:xX:?";

static const char kUsageLine[] = "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static const char kHelpOptions[] =
    "Options (and corresponding environment variables):\n"
    "-B     : accepted for python3's sake: minipy writes no .pyc files\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONMALLOC)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-i     : inspect interactively after running script; forces a prompt even\n"
    "         if stdin does not appear to be a terminal; also PYTHONINSPECT=x\n"
    "-I     : isolate minipy from the user's environment (implies -E)\n"
    "-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x\n"
    "-OO    : do -O changes and also discard docstrings\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-s, -S : accepted for python3's sake: minipy has no site module (-t too)\n"
    "-u     : force the stdout and stderr streams to be unbuffered;\n"
    "         this option has no effect on stdin; also PYTHONUNBUFFERED=x\n"
    "-V     : print the minipy version number and exit (also --version)\n"
    "         when given twice, print more information about the build\n"
    "-X opt : set implementation-specific option (see --help-xoptions)\n"
    "--help-env      : print help about the environment variables and exit\n"
    "--help-xoptions : print help about the -X options and exit\n"
    "--help-all      : print complete help information and exit\n"
    "Refused (python3 has them, minipy does not yet): -b -m -P -R -v -W -x\n"
    "Arguments:\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n";

static const char kHelpXOptions[] =
    "The following implementation-specific options are available:\n"
    "\n"
    "-X dev: the memory allocators' debug hooks (PYTHONMALLOC=debug), unless\n"
    "    PYTHONMALLOC or -X malloc names an allocator\n"
    "-X showrefcount: at exit, print the number of live references and of\n"
    "    allocated memory blocks on stderr: [N refs, M blocks]\n"
    "-X tracemalloc: start tracing memory blocks with 1 frame per traceback;\n"
    "    -X tracemalloc=NFRAME keeps NFRAME frames (0: do not trace)\n"
    "-X malloc=NAME: the memory allocators, as PYTHONMALLOC=NAME (minipy's)\n"
    "-X allocstats: at exit, one screen on stderr: calls, bytes and peak per\n"
    "    memory domain, pymalloc's size classes, arenas made and given back\n"
    "    (minipy's)\n"
    "Other -X options are ignored, as python3 ignores the ones it does not know.\n";

static const char kHelpEnvironment[] =
    "Environment variables that change behavior:\n"
    "PYTHONINSPECT   : if this variable is set to a non-empty string, it is equivalent\n"
    "                  to specifying -i\n"
    "PYTHONOPTIMIZE  : if this variable is set to a non-empty string, it is equivalent\n"
    "                  to specifying -O (an integer: that many -O)\n"
    "PYTHONUNBUFFERED: if this variable is set to a non-empty string, it is equivalent\n"
    "                  to specifying -u\n"
    "PYTHONHASHSEED  : if this variable is set to 'random', a random value is used\n"
    "                  to seed the hashes of str and bytes objects. It can also be set\n"
    "                  to an integer in the range [0,4294967295] to get hash values\n"
    "                  with a predictable seed (unset, minipy uses seed 0)\n"
    "PYTHONMALLOC    : the memory allocators: default, debug, pymalloc,\n"
    "                  pymalloc_debug, malloc or malloc_debug\n"
    "PYTHONMALLOCSTATS: if set to a non-empty string, print pymalloc's statistics\n"
    "                  on stderr at each new arena and at exit\n"
    "PYTHONTRACEMALLOC: if set to a positive integer N, trace memory blocks with N\n"
    "                  frames per traceback (as -X tracemalloc=N)\n"
    "PYTHONDEVMODE   : if set to a non-empty string, it is equivalent to -X dev\n"
    "PYTHONDONTWRITEBYTECODE, PYTHONNOUSERSITE, PYTHONSAFEPATH: as -B, -s and -P\n"
    "                  (minipy writes no bytecode and has no site; sys.flags shows them)\n"
    "MINIPY_LEAK_CHECK: if set and not 0, count every block and report those left\n"
    "                  at exit (minipy's; -E does not affect it)\n";

static int usage_error(const char *program) {
    fprintf(stderr, kUsageLine, program);
    fprintf(stderr, "Try `minipy -h' for more information.\n");
    return 2;
}

/* Exits with a start-up error as python3 reports one: "Fatal Python error: FUNC: MESSAGE",
 * the runtime state, status 1. */
static void fatal_config_error(const char *func, const char *message) {
    PyStatus status = PyStatus_Error(message);
    status.func = func;
    Py_ExitStatusException(status);
}

/* CPython's _Py_str_to_int: the whole text is a decimal int. */
static int text_to_int(const char *text, int *out) {
    char *end = NULL;
    errno = 0;
    const long value = strtol(text, &end, 10);
    if (*end != '\0' || errno == ERANGE || value < INT_MIN || value > INT_MAX) return -1;
    *out = (int)value;
    return 0;
}

static const char *environment(const cli_options *options, const char *name) {
    if (options->ignore_environment) return NULL;
    const char *value = getenv(name);
    return value != NULL && value[0] != '\0' ? value : NULL;
}

/* CPython's _Py_get_env_flag: a non-empty variable is a level (an int, or 1 for other text),
 * and the larger of it and the command line's wins. */
static void environment_flag(const cli_options *options, const char *name, int *flag) {
    const char *value = environment(options, name);
    if (value == NULL) return;
    int level;
    if (text_to_int(value, &level) < 0 || level < 0) level = 1;
    if (*flag < level) *flag = level;
}

static void apply_environment(cli_options *options) {
    environment_flag(options, "PYTHONINSPECT", &options->inspect);
    environment_flag(options, "PYTHONOPTIMIZE", &options->optimize);
    environment_flag(options, "PYTHONUNBUFFERED", &options->unbuffered);
    environment_flag(options, "PYTHONDONTWRITEBYTECODE", &options->dont_write_bytecode);
    environment_flag(options, "PYTHONNOUSERSITE", &options->no_user_site);
    environment_flag(options, "PYTHONDEVMODE", &options->dev_mode);
    environment_flag(options, "PYTHONSAFEPATH", &options->safe_path);
    /* PYTHONHASHSEED: checked as python3 checks it. Unset, minipy hashes with seed 0. */
    const char *seed = environment(options, "PYTHONHASHSEED");
    if (seed != NULL && strcmp(seed, "random") == 0) {
        options->hash_seed_given = 2;
    } else if (seed != NULL) {
        char *end = NULL;
        errno = 0;
        const unsigned long value = strtoul(seed, &end, 10);
        if (*end != '\0' || value > 4294967295UL || (errno == ERANGE && value == ULONG_MAX))
            fatal_config_error("config_init_hash_seed",
                               "PYTHONHASHSEED must be \"random\" or an integer in range "
                               "[0; 4294967295]");
        options->hash_seed_given = 1;
        options->hash_seed = value;
    }
    const char *frames = environment(options, "PYTHONTRACEMALLOC");
    if (frames != NULL) {
        int nframe;
        if (text_to_int(frames, &nframe) < 0 || nframe < 0)
            fatal_config_error("config_init_tracemalloc",
                               "PYTHONTRACEMALLOC: invalid number of frames");
        options->tracemalloc = nframe;
    }
}

/* One -X option; applied after the environment, so that they win over it. */
static void apply_xoption(cli_options *options, const char *option) {
    if (strcmp(option, "dev") == 0) {
        options->dev_mode = 1;
    } else if (strcmp(option, "showrefcount") == 0) {
        options->show_refcount = 1;
    } else if (strcmp(option, "allocstats") == 0) {
        options->allocstats = 1;
    } else if (strcmp(option, "tracemalloc") == 0) {
        options->tracemalloc = 1;
    } else if (strncmp(option, "tracemalloc=", 12) == 0) {
        int nframe;
        if (text_to_int(option + 12, &nframe) < 0 || nframe < 0)
            fatal_config_error("config_init_tracemalloc",
                               "-X tracemalloc=NFRAME: invalid number of frames");
        options->tracemalloc = nframe;
    } else if (strncmp(option, "malloc=", 7) == 0) {
        options->allocator = option + 7;
    }
}

/* The options python3 has and minipy does not. */
static int refuse_option(const char *program, char option) {
    fprintf(stderr, "%s: option -%c is not supported by minipy\n", program, option);
    return usage_error(program);
}

void cli_options_clear(cli_options *options) {
    free((void *)options->xoptions);
    options->xoptions = NULL;
    options->nxoptions = 0;
}

cli_outcome cli_parse(int argc, char **argv, cli_options *options, int *exit_status) {
    memset(options, 0, sizeof *options);
    options->program = argc > 0 ? argv[0] : "minipy";
    const char *program = options->program;
    /* -X options are applied after the environment: remember where they are. */
    const char **xoptions = calloc((size_t)(argc > 0 ? argc : 1), sizeof *xoptions);
    int nxoptions = 0;
    int help = 0; /* 1 -h, 2 --help-env, 3 --help-xoptions, 4 --help-all: printed at once */
    int refused = 0;
    int index = 1;
    const char *cluster = ""; /* the rest of a word of short options */
    *exit_status = 0;
    for (;;) {
        if (*cluster == '\0') {
            if (index >= argc) break;
            const char *word = argv[index];
            if (word[0] != '-' || word[1] == '\0') break; /* the script, or "-" */
            if (strcmp(word, "--") == 0) {
                ++index;
                break;
            }
            ++index;
            if (word[1] == '-') { /* a long option */
                const char *name = word + 2;
                if (strcmp(name, "version") == 0) {
                    ++options->version;
                } else if (strcmp(name, "help") == 0) {
                    help = 1;
                    goto options_end;
                } else if (strcmp(name, "help-env") == 0) {
                    help = 2;
                    goto options_end;
                } else if (strcmp(name, "help-xoptions") == 0) {
                    help = 3;
                    goto options_end;
                } else if (strcmp(name, "help-all") == 0) {
                    help = 4;
                    goto options_end;
                } else {
                    fprintf(stderr, "unknown option %s\n", word);
                    *exit_status = usage_error(program);
                    goto done;
                }
                continue;
            }
            cluster = word + 1;
        }
        const char option = *cluster++;
        if (option == 'J') {
            fprintf(stderr, "-J is reserved for Jython\n");
            *exit_status = usage_error(program);
            goto done;
        }
        const char *known = strchr(kShortOptions, option);
        if (known == NULL || option == ':') {
            fprintf(stderr, "Unknown option: -%c\n", option);
            *exit_status = usage_error(program);
            goto done;
        }
        const char *argument = NULL;
        if (known[1] == ':') {
            if (*cluster != '\0') {
                argument = cluster;
                cluster = "";
            } else if (index < argc) {
                argument = argv[index++];
            } else {
                fprintf(stderr, "Argument expected for the -%c option\n", option);
                *exit_status = usage_error(program);
                goto done;
            }
        }
        switch (option) {
        case 'c':
            options->command = argument;
            options->args_index = index - 1; /* sys.argv[0] becomes "-c" */
            goto options_end;
        case 'm':
            /* Parsed as python3 parses it, then refused (no module search yet). */
            refused = 'm';
            goto options_end;
        case 'h':
        case '?': help = 1; goto options_end; /* at once, as python3: later errors unseen */
        case 'V': ++options->version; break;
        case 'i':
            options->inspect = 1;
            options->interactive = 1;
            break;
        case 'q': options->quiet = 1; break;
        case 'u': options->unbuffered = 1; break;
        case 'E': options->ignore_environment = 1; break;
        case 'I': /* -E, -s and (3.11) -P at once */
            options->isolated = 1;
            options->ignore_environment = 1;
            options->no_user_site = 1;
            options->safe_path = 1;
            break;
        case 'O': ++options->optimize; break;
        /* Nothing they would change exists in minipy; sys.flags reports them (-t: python3's
         * no-op). */
        case 'B': options->dont_write_bytecode = 1; break;
        case 'd': options->debug = 1; break;
        case 's': options->no_user_site = 1; break;
        case 'S': options->no_site = 1; break;
        case 't': break;
        case 'X': xoptions[nxoptions++] = argument; break;
        default:
            if (refused == 0) refused = (unsigned char)option; /* b P R v W x: refused later */
            break;
        }
    }
options_end:
    if (help != 0) {
        if (help == 1 || help == 4) {
            printf(kUsageLine, program);
            fputs(kHelpOptions, stdout);
        }
        if (help == 3 || help == 4) {
            if (help == 4) putchar('\n');
            fputs(kHelpXOptions, stdout);
        }
        if (help == 2 || help == 4) {
            if (help == 4) putchar('\n');
            fputs(kHelpEnvironment, stdout);
        }
        goto done;
    }
    if (options->version != 0) {
        if (options->version >= 2)
            printf("minipy %s (the language of Python 3.11) [%s]\n", MINIPY_VERSION,
                   MINIPY_COMPILER);
        else
            printf("minipy %s\n", MINIPY_VERSION);
        goto done;
    }
    if (refused == 'm') {
        fprintf(stderr, "%s: -m is not supported by minipy yet: run the module's file instead\n",
                program);
        *exit_status = 2;
        goto done;
    }
    if (refused != 0) {
        *exit_status = refuse_option(program, (char)refused);
        goto done;
    }
    if (options->command == NULL) {
        if (index < argc) {
            options->script = argv[index];
            options->args_index = index;
        } else {
            options->no_program = 1;
        }
    }
    apply_environment(options);
    /* -X tracemalloc given more than once: only the first counts, as CPython reads it (a later
     * one is not even checked). */
    int tracemalloc_seen = 0;
    for (int i = 0; i < nxoptions; ++i) {
        const char *x = xoptions[i];
        if ((strcmp(x, "tracemalloc") == 0 || strncmp(x, "tracemalloc=", 12) == 0) &&
            tracemalloc_seen++ > 0)
            continue;
        apply_xoption(options, x);
    }
    options->xoptions = xoptions;
    options->nxoptions = nxoptions;
    return kCliRun;
done:
    free((void *)xoptions);
    return kCliExit;
}
