// Code objects (minipy/code.h): making one from the assembler's parts, and the queries the
// eval loop, tracebacks and the disassembler make.
#ifndef MINIPY_INTERP_CODE_CODE_OBJECT_HPP
#define MINIPY_INTERP_CODE_CODE_OBJECT_HPP

#include "code/line_table.hpp"
#include "code/opcode.hpp"
#include "minipy/code.h"

namespace minipy::code {

// What the assembler hands over. References are borrowed; code_new takes its own.
struct CodeParts {
    PyObject *filename;
    PyObject *name;
    PyObject *qualname;
    int flags;
    int argcount;
    int posonlyargcount;
    int kwonlyargcount;
    int stacksize;
    int firstlineno;
    PyObject *consts;           // tuple
    PyObject *names;            // tuple of str
    PyObject *localsplusnames;  // tuple of str
    PyObject *localspluskinds;  // bytes, CO_FAST_* per name
    PyObject *linetable;        // bytes
    PyObject *exceptiontable;   // bytes
    const CodeUnit *code;
    Py_ssize_t ncode;
};

// minipy's own co_flags bit (CPython leaves it unused): the code of a frozen module that
// stands in for one of CPython's C modules (io for _io). A C call leaves no frame behind, so
// such code adds no traceback entries (traceback_here) and no frames to tracemalloc's
// tracebacks (run/script_stack.cpp): errors and traces read as CPython's.
constexpr int kCoHiddenFrames = 0x40000000;

// Sets kCoHiddenFrames on `co` and on every code object among its constants, recursively.
void code_mark_hidden(PyCodeObject *co) noexcept;

// A new code object, or NULL with an exception (MemoryError, or SystemError for parts that
// do not fit together).
PyCodeObject *code_new(const CodeParts &parts) noexcept;

inline CodeUnit *code_units(PyCodeObject *co) noexcept {
    return reinterpret_cast<CodeUnit *>(co->co_code_adaptive);
}

// The location of code unit `index`; lineno -1 when the table says none.
Location code_location(PyCodeObject *co, int index) noexcept;

// The names of one kind of localsplus slot, as co_varnames / co_cellvars / co_freevars give
// them (new reference).
PyObject *code_names_of_kind(PyCodeObject *co, int kind) noexcept;

}  // namespace minipy::code

#endif  // MINIPY_INTERP_CODE_CODE_OBJECT_HPP
