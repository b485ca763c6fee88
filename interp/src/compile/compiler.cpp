// The compiler's units and blocks: entering and leaving a scope, appending instructions,
// constants and names, variables by scope (nameop), the frame-block stack of break /
// continue / return, and compile errors. CPython 3.11's Python/compile.c is the model.
#include <cmath>
#include <cstdarg>
#include <cstring>

#include "compile/compiler.hpp"
#include "parse/syntax_error.hpp"

namespace minipy::compile {

namespace {

// The sorted names of `symbols` whose scope is `scope` or whose flags have `flag`, numbered
// from `offset` (CPython's dictbytype).
PyObject *names_by_scope(PyObject *symbols, int scope, long flag, Py_ssize_t offset) noexcept {
    PyObject *sorted = PyList_New(0);
    if (sorted == nullptr) return nullptr;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(symbols, &pos, &key, &value)) {
        const long flags = PyLong_AsLong(value);
        if (symtable::scope_of(flags) == scope || (flags & flag) != 0) {
            if (PyList_Append(sorted, key) < 0) {
                Py_DECREF(sorted);
                return nullptr;
            }
        }
    }
    if (PyList_Sort(sorted) < 0) {
        Py_DECREF(sorted);
        return nullptr;
    }
    PyObject *dict = PyDict_New();
    if (dict == nullptr) {
        Py_DECREF(sorted);
        return nullptr;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(sorted); ++i) {
        PyObject *index = PyLong_FromSsize_t(offset + i);
        if (index == nullptr || PyDict_SetItem(dict, PyList_GET_ITEM(sorted, i), index) < 0) {
            Py_XDECREF(index);
            Py_DECREF(sorted);
            Py_DECREF(dict);
            return nullptr;
        }
        Py_DECREF(index);
    }
    Py_DECREF(sorted);
    return dict;
}

PyObject *list_to_index_dict(PyObject *list) noexcept {
    PyObject *dict = PyDict_New();
    if (dict == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
        if (add_name(dict, PyList_GET_ITEM(list, i)) < 0) {
            Py_DECREF(dict);
            return nullptr;
        }
    }
    return dict;
}

void free_unit(Unit *u) noexcept {
    BasicBlock *b = u->blocks;
    while (b != nullptr) {
        BasicBlock *next = b->list_next;
        PyMem_Free(b->instrs);
        PyMem_Free(b);
        b = next;
    }
    Py_XDECREF(u->name);
    Py_XDECREF(u->qualname);
    Py_XDECREF(u->consts);
    Py_XDECREF(u->const_list);
    Py_XDECREF(u->names);
    Py_XDECREF(u->varnames);
    Py_XDECREF(u->cellvars);
    Py_XDECREF(u->freevars);
    Py_XDECREF(u->private_name);
    PyMem_Free(u);
}

// CPython's compiler_set_qualname.
int set_qualname(Compiler *c) noexcept {
    Unit *u = c->u;
    Unit *parent = u->parent;
    PyObject *base = nullptr;
    if (parent != nullptr && parent->parent != nullptr) {
        bool force_global = false;
        if (u->scope == ScopeType::function || u->scope == ScopeType::class_) {
            PyObject *mangled = symtable::mangle(parent->private_name, u->name);
            if (mangled == nullptr) return -1;
            const int scope = symtable::scope_of(symtable::symbol_flags(parent->ste, mangled));
            Py_DECREF(mangled);
            force_global = scope == symtable::GLOBAL_EXPLICIT;
        }
        if (!force_global) {
            if (parent->scope == ScopeType::function || parent->scope == ScopeType::lambda)
                base = PyUnicode_FromFormat("%U.<locals>", parent->qualname);
            else
                base = Py_NewRef(parent->qualname);
            if (base == nullptr) return -1;
        }
    }
    if (base != nullptr) {
        u->qualname = PyUnicode_FromFormat("%U.%U", base, u->name);
        Py_DECREF(base);
        if (u->qualname == nullptr) return -1;
    } else {
        u->qualname = Py_NewRef(u->name);
    }
    return 0;
}

// A dict key that tells apart constants that compare equal (1, 1.0, True; 0.0, -0.0;
// (1,), (1.0,)): CPython's _PyCode_ConstantKey.
PyObject *const_key(PyObject *op) noexcept {
    if (op == Py_None || op == Py_Ellipsis || PyLong_CheckExact(op) || PyUnicode_CheckExact(op))
        return Py_NewRef(op);
    if (PyBool_Check(op) || PyBytes_CheckExact(op))
        return PyTuple_Pack(2, reinterpret_cast<PyObject *>(Py_TYPE(op)), op);
    if (PyFloat_CheckExact(op)) {
        const double d = PyFloat_AS_DOUBLE(op);
        if (d == 0.0 && std::signbit(d))
            return PyTuple_Pack(3, reinterpret_cast<PyObject *>(Py_TYPE(op)), op, Py_None);
        return PyTuple_Pack(2, reinterpret_cast<PyObject *>(Py_TYPE(op)), op);
    }
    if (PyTuple_CheckExact(op)) {
        const Py_ssize_t n = PyTuple_GET_SIZE(op);
        PyObject *items = PyTuple_New(n);
        if (items == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < n; ++i) {
            PyObject *k = const_key(PyTuple_GET_ITEM(op, i));
            if (k == nullptr) {
                Py_DECREF(items);
                return nullptr;
            }
            PyTuple_SET_ITEM(items, i, k);
        }
        PyObject *key = PyTuple_Pack(2, items, op);
        Py_DECREF(items);
        return key;
    }
    if (PyFrozenSet_CheckExact(op)) {
        PyObject *id = PyLong_FromVoidPtr(op);
        if (id == nullptr) return nullptr;
        PyObject *key = PyTuple_Pack(2, id, op);
        Py_DECREF(id);
        return key;
    }
    // Code objects and anything else: never merged.
    PyObject *id = PyLong_FromVoidPtr(op);
    if (id == nullptr) return nullptr;
    PyObject *key = PyTuple_Pack(2, id, op);
    Py_DECREF(id);
    return key;
}

int grow_block(BasicBlock *b) noexcept {
    const int capacity = b->capacity == 0 ? 16 : b->capacity * 2;
    auto *instrs = static_cast<Instr *>(
        PyMem_Realloc(b->instrs, sizeof(Instr) * static_cast<std::size_t>(capacity)));
    if (instrs == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    b->instrs = instrs;
    b->capacity = capacity;
    return 0;
}

int add_instr(Compiler *c, int opcode, int oparg, BasicBlock *target,
              const Location &loc) noexcept {
    BasicBlock *b = c->u->current;
    if (b->used == b->capacity && grow_block(b) < 0) return -1;
    Instr &i = b->instrs[b->used++];
    i.opcode = opcode;
    i.oparg = oparg;
    i.target = target;
    i.except_handler = nullptr;
    i.loc = loc;
    return 0;
}

// The source line `lineno` of the compiled text, as a str with its newline, or NULL (no
// source, no such line); no exception either way.
PyObject *source_line(Compiler *c, int lineno) noexcept {
    if (c->source == nullptr || lineno < 1) return nullptr;
    const char *line = c->source;
    for (int i = 1; i < lineno && line != nullptr; ++i) {
        line = std::strchr(line, '\n');
        if (line != nullptr) ++line;
    }
    if (line == nullptr || *line == '\0') return nullptr;
    const char *newline = std::strchr(line, '\n');
    const Py_ssize_t size =
        newline != nullptr ? newline + 1 - line : static_cast<Py_ssize_t>(std::strlen(line));
    PyObject *text = PyUnicode_DecodeUTF8(line, size, "replace");
    if (text == nullptr) PyErr_Clear();
    return text;
}

}  // namespace

bool BasicBlock::no_fallthrough() noexcept {
    Instr *i = last();
    if (i == nullptr) return false;
    return is_scope_exit(i->opcode) || is_unconditional_jump(i->opcode);
}

bool has_target(int opcode) noexcept {
    if (is_pseudo(opcode)) return opcode != POP_BLOCK;
    return code::is_jump_opcode(opcode);
}

bool is_block_push(int opcode) noexcept {
    return opcode == SETUP_FINALLY || opcode == SETUP_CLEANUP || opcode == SETUP_WITH;
}

bool is_unconditional_jump(int opcode) noexcept {
    return opcode == JUMP || opcode == JUMP_NO_INTERRUPT || opcode == code::JUMP_FORWARD ||
           opcode == code::JUMP_BACKWARD || opcode == code::JUMP_BACKWARD_NO_INTERRUPT;
}

bool is_scope_exit(int opcode) noexcept {
    return opcode == code::RETURN_VALUE || opcode == code::RETURN_CONST ||
           opcode == code::RAISE_VARARGS || opcode == code::RERAISE;
}

BasicBlock *new_block(Compiler *c) noexcept {
    auto *b = static_cast<BasicBlock *>(PyMem_Calloc(1, sizeof(BasicBlock)));
    if (b == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    b->startdepth = -1;
    b->list_next = c->u->blocks;
    c->u->blocks = b;
    return b;
}

void use_next_block(Compiler *c, BasicBlock *block) noexcept {
    c->u->current->next = block;
    c->u->current = block;
}

void use_block(Compiler *c, BasicBlock *block) noexcept {
    use_next_block(c, block);
}

int enter_scope(Compiler *c, PyObject *name, ScopeType scope, const void *key,
                int lineno) noexcept {
    auto *u = static_cast<Unit *>(PyMem_Calloc(1, sizeof(Unit)));
    if (u == nullptr) {
        PyErr_NoMemory();
        return -1;
    }
    u->parent = c->u;
    u->scope = scope;
    u->name = Py_NewRef(name);
    u->firstlineno = lineno;
    u->ste = symtable::lookup(c->st, key);
    if (u->ste == nullptr) {
        free_unit(u);
        PyErr_SetString(PyExc_SystemError, "compiler: no symbol table for a scope");
        return -1;
    }
    u->consts = PyDict_New();
    u->const_list = PyList_New(0);
    u->names = PyDict_New();
    u->varnames = list_to_index_dict(u->ste->varnames);
    u->cellvars = names_by_scope(u->ste->symbols, symtable::CELL, 0, 0);
    if (u->consts == nullptr || u->const_list == nullptr || u->names == nullptr ||
        u->varnames == nullptr || u->cellvars == nullptr) {
        free_unit(u);
        return -1;
    }
    if (u->ste->needs_class_closure) {
        // An implicit __class__ cell for the methods that use super() or __class__.
        PyObject *zero = PyLong_FromLong(0);
        PyObject *class_name = PyUnicode_InternFromString("__class__");
        const int failed = zero == nullptr || class_name == nullptr ||
                           PyDict_SetItem(u->cellvars, class_name, zero) < 0;
        Py_XDECREF(zero);
        Py_XDECREF(class_name);
        if (failed) {
            free_unit(u);
            return -1;
        }
    }
    u->freevars = names_by_scope(u->ste->symbols, symtable::FREE, symtable::DEF_FREE_CLASS,
                                 PyDict_GET_SIZE(u->cellvars));
    if (u->freevars == nullptr) {
        free_unit(u);
        return -1;
    }
    if (c->u != nullptr) u->private_name = Py_XNewRef(c->u->private_name);
    c->u = u;
    c->nesting++;
    BasicBlock *entry = new_block(c);
    if (entry == nullptr) {
        exit_scope(c);
        return -1;
    }
    u->entry = u->current = entry;
    if (set_qualname(c) < 0) {
        exit_scope(c);
        return -1;
    }
    if (scope == ScopeType::module)
        u->loc = Location{};
    else
        u->loc = Location{lineno, lineno, -1, -1};
    return addop(c, code::RESUME, 0);
}

void exit_scope(Compiler *c) noexcept {
    Unit *u = c->u;
    c->u = u->parent;
    c->nesting--;
    free_unit(u);
}

int addop(Compiler *c, int opcode, int oparg) noexcept {
    return add_instr(c, opcode, oparg, nullptr, c->u->loc);
}

int addop_noline(Compiler *c, int opcode, int oparg) noexcept {
    return add_instr(c, opcode, oparg, nullptr, Location{});
}

int addop_jump(Compiler *c, int opcode, BasicBlock *target) noexcept {
    return add_instr(c, opcode, 0, target, c->u->loc);
}

int addop_jump_noline(Compiler *c, int opcode, BasicBlock *target) noexcept {
    return add_instr(c, opcode, 0, target, Location{});
}

namespace {

// The index of `value` in the code unit's constants, added if no equal constant (by
// const_key) is there.
int add_const_as_is(Compiler *c, PyObject *value) noexcept {
    PyObject *key = const_key(value);
    if (key == nullptr) return -1;
    PyObject *found = PyDict_GetItemWithError(c->u->consts, key);
    if (found != nullptr) {
        Py_DECREF(key);
        return static_cast<int>(PyLong_AsLong(found));
    }
    if (PyErr_Occurred()) {
        Py_DECREF(key);
        return -1;
    }
    const Py_ssize_t index = PyList_GET_SIZE(c->u->const_list);
    PyObject *number = PyLong_FromSsize_t(index);
    if (number == nullptr || PyDict_SetItem(c->u->consts, key, number) < 0 ||
        PyList_Append(c->u->const_list, value) < 0) {
        Py_XDECREF(number);
        Py_DECREF(key);
        return -1;
    }
    Py_DECREF(number);
    Py_DECREF(key);
    return static_cast<int>(index);
}

// A frozenset constant is stored as CPython's merge_consts_recursive leaves it: made again by
// adding its items in the order they iterate. A set display of constants (BUILD_SET 0,
// LOAD_CONST, SET_UPDATE) copies its table, so this decides the order such a set prints in:
// `{-5, 3, 'x'}` is {3, 'x', -5} in CPython 3.11, where adding -5, 3, 'x' gives {3, -5, 'x'}.
PyObject *rebuilt_frozenset(PyObject *frozen) noexcept {
    PyObject *items = PySequence_Tuple(frozen);
    if (items == nullptr) return nullptr;
    PyObject *rebuilt = PyFrozenSet_New(items);
    Py_DECREF(items);
    return rebuilt;
}

}  // namespace

int add_const(Compiler *c, PyObject *value) noexcept {
    if (PyFrozenSet_CheckExact(value) && PySet_GET_SIZE(value) > 0) {
        PyObject *rebuilt = rebuilt_frozenset(value);
        if (rebuilt == nullptr) return -1;
        const int index = add_const_as_is(c, rebuilt);
        Py_DECREF(rebuilt);
        return index;
    }
    return add_const_as_is(c, value);
}
int addop_load_const(Compiler *c, PyObject *value) noexcept {
    const int index = add_const(c, value);
    if (index < 0) return -1;
    return addop(c, code::LOAD_CONST, index);
}

int add_name(PyObject *dict, PyObject *name) noexcept {
    PyObject *found = PyDict_GetItemWithError(dict, name);
    if (found != nullptr) return static_cast<int>(PyLong_AsLong(found));
    if (PyErr_Occurred()) return -1;
    const Py_ssize_t index = PyDict_GET_SIZE(dict);
    PyObject *number = PyLong_FromSsize_t(index);
    if (number == nullptr) return -1;
    const int r = PyDict_SetItem(dict, name, number);
    Py_DECREF(number);
    return r < 0 ? -1 : static_cast<int>(index);
}

PyObject *mangle_name(Compiler *c, PyObject *name) noexcept {
    return symtable::mangle(c->u->private_name, name);
}

int addop_name(Compiler *c, int opcode, PyObject *name, PyObject *dict, bool mangle) noexcept {
    PyObject *mangled = mangle ? mangle_name(c, name) : Py_NewRef(name);
    if (mangled == nullptr) return -1;
    int index = add_name(dict, mangled);
    Py_DECREF(mangled);
    if (index < 0) return -1;
    if (opcode == code::LOAD_ATTR) index <<= 1;
    if (opcode == code::LOAD_GLOBAL) index <<= 1;
    return addop(c, opcode, index);
}

int push_fblock(Compiler *c, FBlockType type, BasicBlock *block, BasicBlock *exit,
                const void *datum) noexcept {
    Unit *u = c->u;
    if (u->nfblocks >= kMaxFBlocks)
        return compiler_error(c, u->loc, "too many statically nested blocks");
    u->fblocks[u->nfblocks++] = FBlock{type, block, exit, datum};
    return 0;
}

void pop_fblock(Compiler *c) noexcept {
    c->u->nfblocks--;
}

int nameop(Compiler *c, PyObject *name, ast::ExprContext ctx) noexcept {
    Unit *u = c->u;
    if (ctx != ast::ExprContext::Load && PyUnicode_CompareWithASCIIString(name, "__debug__") == 0)
        return compiler_error(c, u->loc, "cannot assign to __debug__");
    PyObject *mangled = mangle_name(c, name);
    if (mangled == nullptr) return -1;
    enum { kFast, kGlobal, kDeref, kName } optype = kName;
    PyObject *dict = u->names;
    const int scope = symtable::scope_of(symtable::symbol_flags(u->ste, mangled));
    const bool function_block = u->ste->type == symtable::BlockType::function;
    switch (scope) {
    case symtable::FREE:
        dict = u->freevars;
        optype = kDeref;
        break;
    case symtable::CELL:
        dict = u->cellvars;
        optype = kDeref;
        break;
    case symtable::LOCAL:
        if (function_block) optype = kFast;
        break;
    case symtable::GLOBAL_IMPLICIT:
        if (function_block) optype = kGlobal;
        break;
    case symtable::GLOBAL_EXPLICIT: optype = kGlobal; break;
    default: break;
    }
    int op = 0;
    switch (optype) {
    case kDeref:
        op = ctx == ast::ExprContext::Load
                 ? (u->ste->type == symtable::BlockType::class_ ? code::LOAD_CLASSDEREF
                                                                : code::LOAD_DEREF)
             : ctx == ast::ExprContext::Store ? code::STORE_DEREF
                                              : code::DELETE_DEREF;
        break;
    case kFast:
        op = ctx == ast::ExprContext::Load    ? code::LOAD_FAST
             : ctx == ast::ExprContext::Store ? code::STORE_FAST
                                              : code::DELETE_FAST;
        dict = u->varnames;
        break;
    case kGlobal:
        op = ctx == ast::ExprContext::Load    ? code::LOAD_GLOBAL
             : ctx == ast::ExprContext::Store ? code::STORE_GLOBAL
                                              : code::DELETE_GLOBAL;
        break;
    case kName:
        op = ctx == ast::ExprContext::Load    ? code::LOAD_NAME
             : ctx == ast::ExprContext::Store ? code::STORE_NAME
                                              : code::DELETE_NAME;
        break;
    }
    int index = add_name(dict, mangled);
    Py_DECREF(mangled);
    if (index < 0) return -1;
    if (op == code::LOAD_GLOBAL) index <<= 1;
    return addop(c, op, index);
}

int compiler_error(Compiler *c, const Location &loc, const char *format, ...) noexcept {
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    if (msg == nullptr) return -1;
    PyObject *text = source_line(c, loc.lineno);
    parse::raise_located_error(PyExc_SyntaxError, msg, c->filename, loc.lineno, loc.col_offset + 1,
                               text, loc.end_lineno, loc.end_col_offset + 1);
    Py_XDECREF(text);
    Py_DECREF(msg);
    return -1;
}

int compiler_warn(Compiler *, const Location &, const char *, ...) noexcept {
    // minipy has no warnings machinery yet: CPython's SyntaxWarnings are not issued.
    return 0;
}

}  // namespace minipy::compile
