// The eval loop (ceval.cpp) and the helpers its instructions call out of line
// (ceval_support.cpp, call_args.cpp). CPython 3.11's Python/ceval.c is the model for the
// semantics; the instruction set is opcodes.def's.
#ifndef MINIPY_INTERP_EVAL_CEVAL_HPP
#define MINIPY_INTERP_EVAL_CEVAL_HPP

#include "eval/frame.hpp"
#include "minipy/functionobject.h"

namespace minipy::eval {

// Runs `frame` (already pushed, is_entry set) and the Python frames it calls, until it
// returns: the result (new reference), or NULL with an exception. The frame is popped either
// way.
// With throwflag the exception already set is raised at the frame's current instruction
// (generator.throw()). A generator's frame is left in place (the generator owns it): a
// yield returns the yielded value with the generator marked suspended.
PyObject *eval_frame(ThreadFrames *tf, InterpFrame *frame, bool throwflag = false) noexcept;

// Ends a frame that finished: a thread frame is cleared and popped, a generator's frame
// cleared in place.
void leave_frame(ThreadFrames *tf, InterpFrame *frame) noexcept;

// Runs a module, class body or exec()'d code object with `globals` and `locals` (a mapping,
// or NULL for a function-like code object): new reference or NULL.
PyObject *eval_code(PyCodeObject *code, PyObject *globals, PyObject *locals) noexcept;

// Runs a class body: `func` (the body's function, with the enclosing scope's closure) with
// no arguments and `locals` as its namespace (_PyEval_Vector with locals). New reference (the
// body returns its `__class__` cell or None), or NULL.
PyObject *eval_class_body(PyFunctionObject *func, PyObject *locals) noexcept;

// Pushes a frame for `func` and binds the arguments (borrowed: the frame takes new
// references): positional args[0:nargs], then the values of the keyword names `kwnames`
// (a tuple or NULL) at args[nargs:]. NULL with TypeError (CPython's messages) or
// MemoryError, the frame popped again.
InterpFrame *push_function_frame(ThreadFrames *tf, PyFunctionObject *func, PyObject *const *args,
                                 Py_ssize_t nargs, PyObject *kwnames) noexcept;

// The frame exec and eval run a code object in (CPython's _PyEval_Vector with no arguments):
// `func` called without arguments, with `locals` as its locals mapping, so a code object
// that takes parameters raises the call's TypeError and *args / **kwargs start empty.
InterpFrame *push_code_frame(ThreadFrames *tf, PyFunctionObject *func, PyObject *locals) noexcept;
// Pops and clears a frame that was pushed by push_function_frame and never ran.
void discard_frame(ThreadFrames *tf, InterpFrame *frame) noexcept;

// --- ceval_support.cpp: instruction helpers (each returns -1 / NULL with an exception) -------

// BINARY_OP's operation for an oparg (NB_*).
PyObject *binary_op(int oparg, PyObject *lhs, PyObject *rhs) noexcept;
// `raise exc from cause` (either may be NULL): always -1, with the exception set; 0 means a
// bare `raise` re-raised the handled exception (also set).
int do_raise(ThreadFrames *tf, PyObject *exc, PyObject *cause) noexcept;
// CHECK_EXC_MATCH's validation of the except clause's type.
int check_except_type_valid(PyObject *right) noexcept;
// UNPACK_SEQUENCE / UNPACK_EX into sp[0..]: the items in reverse order. argcnt items before a
// starred list, argcntafter after it (-1: no star). 0 or -1.
int unpack_iterable(PyObject *v, int argcnt, int argcntafter, PyObject **sp) noexcept;
// FORMAT_VALUE: conversion (FVC_*) then format(value, spec).
PyObject *format_value(PyObject *value, int conversion, PyObject *spec) noexcept;
// NameError "name 'x' is not defined" / UnboundLocalError / free variable errors.
void name_error(PyObject *name) noexcept;
void unbound_local_error(PyObject *name) noexcept;
void unbound_deref_error(PyCodeObject *co, int slot) noexcept;
// LOAD_GLOBAL's lookup: globals then builtins; NULL with NameError (new reference).
// The builtins' item `name` (a new reference): an exact dict's item, or, where __builtins__
// named another object (a dict subclass too), that object's item by subscription (CPython
// 3.11's slow path). NULL without
// an exception when it is not there (a KeyError is cleared); NULL with one on error.
PyObject *builtins_item(PyObject *builtins, PyObject *name) noexcept;
PyObject *load_global(PyObject *globals, PyObject *builtins, PyObject *name) noexcept;
// LOAD_NAME's: locals mapping, globals, builtins (new reference).
PyObject *load_name(InterpFrame *frame, PyObject *name) noexcept;
// `name` in a class body's namespace (a dict or any mapping): 1 with *value (new reference),
// 0 when missing (a KeyError is swallowed), -1 on another error. LOAD_CLASSDEREF's first look.
int class_namespace_lookup(PyObject *locals, PyObject *name, PyObject **value) noexcept;
// SETUP_ANNOTATIONS: `__annotations__ = {}` in the namespace unless it has one. 0 or -1.
int setup_annotations(PyObject *locals) noexcept;
// CALL_FUNCTION_EX's call: *args as a tuple, **kwargs as a dict (either converted).
PyObject *call_function_ex(PyObject *func, PyObject *args, PyObject *kwargs) noexcept;
// DICT_MERGE's error for a duplicate keyword / non-mapping.
int dict_merge_for_call(PyObject *func, PyObject *dict, PyObject *update) noexcept;
int list_extend_for_call(PyObject *list, PyObject *iterable) noexcept;
// BEFORE_WITH: pushes nothing; sets *exit (bound __exit__) and returns __enter__()'s result.
PyObject *before_with(PyObject *mgr, PyObject **exit) noexcept;
// MAKE_FUNCTION.
PyObject *make_function(InterpFrame *frame, PyObject *code, PyObject *defaults,
                        PyObject *kwdefaults, PyObject *closure) noexcept;
// IMPORT_NAME / IMPORT_FROM / IMPORT_STAR.
PyObject *import_name(InterpFrame *frame, PyObject *name, PyObject *fromlist,
                      PyObject *level) noexcept;
PyObject *import_from(PyObject *module, PyObject *name) noexcept;
int import_star(InterpFrame *frame, PyObject *module) noexcept;
// PRINT_EXPR: sys.displayhook(value).
int print_expr(PyObject *value) noexcept;
// Adds a traceback entry for `frame` to the raised exception. 0 or -1.
int traceback_here(InterpFrame *frame) noexcept;
// The calling conventions of a C function for a vector of arguments (CALL's fast path).
PyObject *call_object(PyObject *callable, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames) noexcept;

}  // namespace minipy::eval

#endif  // MINIPY_INTERP_EVAL_CEVAL_HPP
