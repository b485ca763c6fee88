/* minipy/runtime_hooks.h: what the interpreter tells the runtime at start-up.
 *
 * The runtime knows nothing of source code, bytecode or frames (DESIGN.md section 1), yet a
 * few operations of the object model need an answer that only the running frame has. The
 * interpreter registers one small function for each; until it does, the operations fail with
 * CPython's own error for that situation (or do without, where CPython would too). Each
 * setter replaces the previous function (NULL removes it); register them once, before
 * running code. None of them is called with the GIL released.
 *
 *   minipy_set_classcell_hook   type.__new__ finds `__classcell__` in the class namespace:
 *                               store the new class in that cell (PyCell_Set). Returns 0,
 *                               or -1 when `cell` is not a cell object (the runtime then
 *                               raises "__classcell__ must be a nonlocal cell, not <class
 *                               'int'>"). Without a hook no object is a cell.
 *   minipy_set_super_hook       super() with no arguments: fill *type with the `__class__`
 *                               cell's class and *obj with the frame's first argument (new
 *                               references), or raise RuntimeError as CPython's super_init
 *                               does ("super(): no arguments", "super(): __class__ cell not
 *                               found", ...) and return -1. Without a hook: RuntimeError
 *                               "super(): no arguments".
 *   minipy_set_globals_hook     the running frame's globals, borrowed, or NULL outside any
 *                               frame: type(name, bases, dict) takes `__module__` from its
 *                               `__name__`, as CPython does.
 *   minipy_set_import_hook      `import name` for the runtime's own needs (object.__reduce_ex__
 *                               needs copyreg): a new reference to the module, or NULL with an
 *                               exception. Without a hook: ModuleNotFoundError "No module named
 *                               'copyreg'".
 *   minipy_register_function_type   the interpreter's `function` type: type.__new__ wraps a
 *                               plain function found as `__new__` in staticmethod, and one
 *                               found as `__init_subclass__` or `__class_getitem__` in
 *                               classmethod, as CPython does. The type must set
 *                               Py_TPFLAGS_METHOD_DESCRIPTOR so that special-method calls
 *                               skip making a bound method.
 *
 * Zero-argument super without a super object: minipy_super_lookup(type, obj, name) is what
 * super(type, obj).name returns, for an eval loop that wants to skip making the super object
 * (CPython 3.12's LOAD_SUPER_ATTR). */
#ifndef MINIPY_RUNTIME_HOOKS_H
#define MINIPY_RUNTIME_HOOKS_H

#include "minipy/object.h"

MINIPY_EXTERN_C_BEGIN

typedef int (*minipy_classcell_setter)(PyObject *cell, PyObject *type);
typedef int (*minipy_super_frame_lookup)(PyTypeObject **type, PyObject **obj);
typedef PyObject *(*minipy_globals_getter)(void);
typedef PyObject *(*minipy_module_importer)(const char *name);

PyAPI_FUNC(void) minipy_set_classcell_hook(minipy_classcell_setter hook) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_set_super_hook(minipy_super_frame_lookup hook) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_set_globals_hook(minipy_globals_getter hook) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_set_import_hook(minipy_module_importer hook) MINIPY_NOEXCEPT;
PyAPI_FUNC(void) minipy_register_function_type(PyTypeObject *type) MINIPY_NOEXCEPT;

/* super(type, obj).name: a new reference, or NULL with AttributeError ("'super' object has
 * no attribute 'name'") or the error of the attribute's __get__. */
PyAPI_FUNC(PyObject *)
    minipy_super_lookup(PyTypeObject *type, PyObject *obj, PyObject *name) MINIPY_NOEXCEPT;

MINIPY_EXTERN_C_END

#endif /* MINIPY_RUNTIME_HOOKS_H */
