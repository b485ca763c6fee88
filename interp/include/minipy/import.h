/* minipy/import.h: importing modules (CPython 3.11's Include/import.h, without importlib).
 *
 * C-compatible. `import x` looks in sys.modules first; then in the table of built-in
 * modules (sys, builtins, gc, time, __future__, and what a host appended with
 * PyImport_AppendInittab before start-up); then for `x/__init__.py` (a package) or `x.py` in
 * each directory of sys.path (a submodule: of its package's __path__), else a directory `x`
 * (a namespace package). A source module is compiled and run in a fresh
 * module that is in sys.modules while it runs (so a circular import sees it, partially
 * initialized) and is taken out again if running it fails.
 *
 *     static PyObject *PyInit_spam(void) { return PyModule_Create(&spam_def); }
 *     PyImport_AppendInittab("spam", PyInit_spam);   // before Py_Initialize
 *     Py_Initialize();
 *     PyObject *spam = PyImport_ImportModule("spam"); // also `import spam` in Python
 *
 * Every function needs a running runtime and the GIL (except PyImport_AppendInittab, which is
 * called before start-up); the first call starts the interpreter. Errors are CPython's:
 * ModuleNotFoundError "No module named 'x'", ImportError "cannot import name 'y' from 'x'
 * (/path/x.py)", "attempted relative import with no known parent package", ... */
#ifndef MINIPY_IMPORT_H
#define MINIPY_IMPORT_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

/* A built-in module: its name and the function that creates it (a new reference, or NULL
 * with an exception). The function runs once per interpreter, the first time the module is
 * imported. */
struct _inittab {
    const char *name;
    PyObject *(*initfunc)(void);
};

/* Adds a built-in module to the table. Call it before the interpreter starts (before the
 * first Py_CompileString / PyRun_* / PyImport_* call); 0, or -1 when the table is full (64
 * modules a host may add) or the interpreter already started. A name the table already holds
 * is shadowed by the host's. */
PyAPI_FUNC(int)
    PyImport_AppendInittab(const char *name, PyObject *(*initfunc)(void)) MINIPY_NOEXCEPT;

/* sys.modules (borrowed). */
PyAPI_FUNC(PyObject *) PyImport_GetModuleDict(void) MINIPY_NOEXCEPT;
/* sys.modules[name] (new reference), or NULL: without an exception when it is not there. */
PyAPI_FUNC(PyObject *) PyImport_GetModule(PyObject *name) MINIPY_NOEXCEPT;
/* sys.modules[name], made empty and added there when missing (borrowed reference). */
PyAPI_FUNC(PyObject *) PyImport_AddModuleObject(PyObject *name) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyImport_AddModule(const char *name) MINIPY_NOEXCEPT;

/* `import name` returning the named module itself (for "a.b": a.b, not a). New reference. */
PyAPI_FUNC(PyObject *) PyImport_ImportModule(const char *name) MINIPY_NOEXCEPT;
/* The same through the running code's __import__ (an override of builtins.__import__ is
 * honoured), as CPython's PyImport_Import. */
PyAPI_FUNC(PyObject *) PyImport_Import(PyObject *name) MINIPY_NOEXCEPT;
/* builtins.__import__(name, globals, locals, fromlist, level) without an override: what the
 * import statement does. `globals` (a dict or NULL) supplies the package for level > 0. */
PyAPI_FUNC(PyObject *)
    PyImport_ImportModuleLevelObject(PyObject *name, PyObject *globals, PyObject *locals,
                                     PyObject *fromlist, int level) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *)
    PyImport_ImportModuleLevel(const char *name, PyObject *globals, PyObject *locals,
                               PyObject *fromlist, int level) MINIPY_NOEXCEPT;

/* Runs code object `co` as the body of module `name` (made or reused through
 * PyImport_AddModuleObject), with __builtins__ and, when `pathname` is not NULL, __file__
 * set; the module (new reference), or NULL with the exception and the module removed from
 * sys.modules. */
PyAPI_FUNC(PyObject *)
    PyImport_ExecCodeModuleObject(PyObject *name, PyObject *co, PyObject *pathname,
                                  PyObject *cpathname) MINIPY_NOEXCEPT;
PyAPI_FUNC(PyObject *) PyImport_ExecCodeModule(const char *name, PyObject *co) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_IMPORT_H */
