/* minipy/initconfig.h: how the runtime is configured and how start-up reports failure.
 *
 * C-compatible. Follows CPython's PyStatus / PyConfig (Include/cpython/initconfig.h) for
 * the parts minipy has: a host fills a PyConfig, calls Py_InitializeFromConfig() and checks
 * the returned PyStatus. Fields left "unset" are taken from the environment when
 * use_environment is on, else from the build's defaults. */
#ifndef MINIPY_INITCONFIG_H
#define MINIPY_INITCONFIG_H

#include "minipy/pyport.h"

MINIPY_EXTERN_C_BEGIN

/* The outcome of a start-up step: ok, an error (err_msg, and the function that failed when
 * known) or a request to exit the process with exitcode. */
typedef struct {
    enum { _PyStatus_TYPE_OK = 0, _PyStatus_TYPE_ERROR = 1, _PyStatus_TYPE_EXIT = 2 } _type;
    const char *func;
    const char *err_msg;
    int exitcode;
} PyStatus;

PyAPI_FUNC(PyStatus) PyStatus_Ok(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyStatus) PyStatus_Error(const char *err_msg) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyStatus) PyStatus_NoMemory(void) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyStatus) PyStatus_Exit(int exitcode) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyStatus_IsError(PyStatus status) MINIPY_NOEXCEPT;
PyAPI_FUNC(int) PyStatus_IsExit(PyStatus status) MINIPY_NOEXCEPT;
/* Error or exit: start-up must not go on. */
PyAPI_FUNC(int) PyStatus_Exception(PyStatus status) MINIPY_NOEXCEPT;
/* Exits for an exit status; for an error prints "Fatal Python error: [func: ]err_msg" and
 * the runtime state to stderr and exits with status 1, as CPython does. */
MINIPY_NORETURN PyAPI_FUNC(void) Py_ExitStatusException(PyStatus status) MINIPY_NOEXCEPT;

/* A list of C strings the config owns (CPython's PyWideStringList, in bytes). */
typedef struct {
    Py_ssize_t length;
    char **items;
} minipy_byte_string_list;

/* Start-up settings. Initialise with one of the PyConfig_Init* functions, then set fields.
 *
 *   field            unset value   environment           build default
 *   allocator        NULL          PYTHONMALLOC          keep what the domains hold
 *   malloc_stats     -1            PYTHONMALLOCSTATS     0
 *   switch_interval  0.0           -                     0.005 (seconds, as sys.getswitchinterval)
 *   use_freelists    -1            -                     1
 *   memory_limit     0             -                     0 (no limit)
 *   leak_check       -1            -                     0
 *   pymalloc_geometry NULL         MINIPY_PYMALLOC_GEOMETRY  keep pymalloc's (the build's)
 *   parse_argv       1 (Python config), 0 (isolated)
 *   argv             empty         -                     sys.argv is ['']
 *
 * allocator takes PYTHONMALLOC's names: "default", "debug", "pymalloc", "pymalloc_debug",
 * "malloc", "malloc_debug". pymalloc_geometry takes minipy_pymalloc_configure()'s names:
 * "default", "small" (4 KiB pools in 256 KiB arenas) or "large" (16 KiB pools in 1 MiB
 * arenas, CPython 3.10+'s); it can change only while pymalloc holds no block.
 *
 * argv (set with PyConfig_SetBytesArgv) becomes sys.argv when the interpreter starts, as in
 * CPython: with parse_argv 0 as it is; with parse_argv 1 it is read as python's command line,
 * argv[0] being the program, so sys.argv is argv[1:] ([''] when that is empty). minipy knows
 * none of python's options: with parse_argv 1 an argv[1] starting with '-' (other than "-"
 * itself, stdin's name) makes start-up fail with an error. Unlike CPython's, the strings are
 * kept as bytes (CPython decodes them to wchar_t); sys.argv decodes them as UTF-8 with
 * surrogateescape, CPython's file-system encoding on Linux. Later issues add fields at the
 * end. */
typedef struct {
    int use_environment;    /* 1: read PYTHON* variables for unset fields */
    const char *allocator;  /* not copied: must outlive Py_InitializeFromConfig() */
    int malloc_stats;       /* print pymalloc's statistics on new arenas and at shutdown */
    double switch_interval; /* seconds a GIL waiter lets the holder run before asking */
    int use_freelists;      /* keep freed floats, tuples, lists, dicts for reuse (CPython does) */
    size_t memory_limit;    /* bytes the MEM and OBJ domains may hold together; 0 = no limit.
                               Above it an allocation returns NULL: the caller sees MemoryError */
    int leak_check;         /* count MEM and OBJ blocks, and report those left at shutdown */
    const char *pymalloc_geometry; /* not copied; pymalloc's pool and arena sizes */
    int parse_argv;                /* argv is python's command line (see above) */
    minipy_byte_string_list argv;  /* owned: PyConfig_SetBytesArgv copies, PyConfig_Clear frees */
} PyConfig;

/* use_environment = 1, everything else unset. */
PyAPI_FUNC(void) PyConfig_InitPythonConfig(PyConfig *config) MINIPY_NOEXCEPT;
/* use_environment = 0, everything else unset: the process environment is ignored. */
PyAPI_FUNC(void) PyConfig_InitIsolatedConfig(PyConfig *config) MINIPY_NOEXCEPT;
/* Releases what the config owns (argv). */
PyAPI_FUNC(void) PyConfig_Clear(PyConfig *config) MINIPY_NOEXCEPT;
/* config->argv = a copy of argv[0..argc): ok, or an error (no memory, argc < 0, a NULL
 * string). */
PyAPI_FUNC(PyStatus)
    PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char *const *argv) MINIPY_NOEXCEPT;
/* What sys.argv is to be, as start-up kept it from the config (parse_argv applied): the
 * count in *argc and the strings, owned by the runtime until Py_FinalizeEx. 0 strings when
 * the config gave none (sys.argv stays ['']). */
PyAPI_FUNC(char *const *) minipy_config_argv(Py_ssize_t *argc) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_INITCONFIG_H */
