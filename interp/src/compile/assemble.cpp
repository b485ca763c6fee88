// The assembler: a finished unit's graph to a code object. Prefix instructions (cells, free
// variables, the generator's start), handlers and stack depth (flowgraph.cpp), localsplus
// slots for cells and free variables, the layout (jump directions and EXTENDED_ARG, repeated
// until offsets settle), then the word code with zeroed caches, the location table and the
// exception table.
#include "code/code_object.hpp"
#include "code/exception_table.hpp"
#include "compile/flowgraph.hpp"

namespace minipy::compile {

using namespace minipy::code;

namespace {

int insert_front(BasicBlock *b, const Instr *prefix, int n) noexcept {
    while (b->used + n > b->capacity) {
        const int capacity = b->capacity == 0 ? 16 : b->capacity * 2;
        auto *grown = static_cast<Instr *>(
            PyMem_Realloc(b->instrs, sizeof(Instr) * static_cast<std::size_t>(capacity)));
        if (grown == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        b->instrs = grown;
        b->capacity = capacity;
    }
    for (int i = b->used - 1; i >= 0; --i) b->instrs[i + n] = b->instrs[i];
    for (int i = 0; i < n; ++i) b->instrs[i] = prefix[i];
    b->used += n;
    return 0;
}

Instr plain(int opcode, int oparg) noexcept {
    return Instr{opcode, oparg, nullptr, nullptr, Location{}};
}

int ext_units(int oparg) noexcept {
    if (oparg < 0x100) return 0;
    if (oparg < 0x10000) return 1;
    if (oparg < 0x1000000) return 2;
    return 3;
}

int instr_size(const Instr &in) noexcept {
    // Pseudo jumps (before layout picks their direction) have no caches.
    return ext_units(in.oparg) + 1 + (is_pseudo(in.opcode) ? 0 : cache_units(in.opcode));
}

bool is_deref_op(int opcode) noexcept {
    return opcode == LOAD_CLOSURE || opcode == LOAD_DEREF || opcode == LOAD_CLASSDEREF ||
           opcode == STORE_DEREF || opcode == DELETE_DEREF;
}

// The concrete jump for a pseudo or directional jump, given its direction.
int concrete_jump(int opcode, bool forward) noexcept {
    switch (opcode) {
    case JUMP:
    case JUMP_FORWARD:
    case JUMP_BACKWARD: return forward ? JUMP_FORWARD : JUMP_BACKWARD;
    case JUMP_NO_INTERRUPT:
    case JUMP_BACKWARD_NO_INTERRUPT: return forward ? JUMP_FORWARD : JUMP_BACKWARD_NO_INTERRUPT;
    case POP_JUMP_IF_FALSE:
    case POP_JUMP_FORWARD_IF_FALSE:
    case POP_JUMP_BACKWARD_IF_FALSE:
        return forward ? POP_JUMP_FORWARD_IF_FALSE : POP_JUMP_BACKWARD_IF_FALSE;
    case POP_JUMP_IF_TRUE:
    case POP_JUMP_FORWARD_IF_TRUE:
    case POP_JUMP_BACKWARD_IF_TRUE:
        return forward ? POP_JUMP_FORWARD_IF_TRUE : POP_JUMP_BACKWARD_IF_TRUE;
    case POP_JUMP_IF_NONE:
    case POP_JUMP_FORWARD_IF_NONE:
    case POP_JUMP_BACKWARD_IF_NONE:
        return forward ? POP_JUMP_FORWARD_IF_NONE : POP_JUMP_BACKWARD_IF_NONE;
    case POP_JUMP_IF_NOT_NONE:
    case POP_JUMP_FORWARD_IF_NOT_NONE:
    case POP_JUMP_BACKWARD_IF_NOT_NONE:
        return forward ? POP_JUMP_FORWARD_IF_NOT_NONE : POP_JUMP_BACKWARD_IF_NOT_NONE;
    default: return opcode;  // FOR_ITER, SEND, JUMP_IF_*_OR_POP: forward only
    }
}

// Offsets for every block and jump opargs, until sizes stop changing.
int layout(BasicBlock *entry, int *total) noexcept {
    for (int pass = 0; pass < 16; ++pass) {
        int offset = 0;
        for (BasicBlock *b = entry; b != nullptr; b = b->next) {
            b->offset = offset;
            for (int i = 0; i < b->used; ++i) offset += instr_size(b->instrs[i]);
        }
        bool changed = false;
        for (BasicBlock *b = entry; b != nullptr; b = b->next) {
            int pos = b->offset;
            for (int i = 0; i < b->used; ++i) {
                Instr &in = b->instrs[i];
                const int size = instr_size(in);
                if (in.target != nullptr && !is_block_push(in.opcode)) {
                    const int end = pos + size;
                    const bool forward = in.target->offset >= end;
                    const int opcode = concrete_jump(in.opcode, forward);
                    const int oparg = forward ? in.target->offset - end : end - in.target->offset;
                    if (!forward && (kOpcodeInfo[opcode].flags & JBWD) == 0) {
                        PyErr_SetString(PyExc_SystemError,
                                        "compiler: backward jump with a forward-only instruction");
                        return -1;
                    }
                    if (opcode != in.opcode || oparg != in.oparg) {
                        in.opcode = opcode;
                        in.oparg = oparg;
                        if (instr_size(in) != size) changed = true;
                    }
                }
                pos += size;
            }
        }
        if (!changed) {
            *total = offset;
            return 0;
        }
    }
    PyErr_SetString(PyExc_SystemError, "compiler: jump layout does not settle");
    return -1;
}

// The keys of a name -> index dict in index order; indices start at `first` (free variables
// are numbered after the cells).
PyObject *names_tuple(PyObject *dict, Py_ssize_t first = 0) noexcept {
    PyObject *tuple = PyTuple_New(PyDict_GET_SIZE(dict));
    if (tuple == nullptr) return nullptr;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        const Py_ssize_t index = PyLong_AsSsize_t(value) - first;
        PyTuple_SET_ITEM(tuple, index, Py_NewRef(key));
    }
    return tuple;
}

struct Slots {
    PyObject *names = nullptr;  // tuple
    PyObject *kinds = nullptr;  // bytes
    int *deref = nullptr;       // compiler's cell/free index -> localsplus slot
    int ncells = 0;
    int nfree = 0;
    ~Slots() {
        Py_XDECREF(names);
        Py_XDECREF(kinds);
        PyMem_Free(deref);
    }
};

// Locals first (parameters first), then cells that are not parameters, then free variables;
// a parameter that is also a cell keeps its parameter slot (CPython 3.11's layout).
int make_slots(Unit *u, Slots *s) noexcept {
    PyObject *varnames = names_tuple(u->varnames);
    PyObject *cellnames = names_tuple(u->cellvars);
    PyObject *freenames =
        cellnames != nullptr ? names_tuple(u->freevars, PyTuple_GET_SIZE(cellnames)) : nullptr;
    const int nlocals = varnames != nullptr ? static_cast<int>(PyTuple_GET_SIZE(varnames)) : 0;
    s->ncells = cellnames != nullptr ? static_cast<int>(PyTuple_GET_SIZE(cellnames)) : 0;
    s->nfree = freenames != nullptr ? static_cast<int>(PyTuple_GET_SIZE(freenames)) : 0;
    int result = -1;
    int nslots = nlocals;
    unsigned char *kinds = nullptr;
    if (varnames == nullptr || cellnames == nullptr || freenames == nullptr) goto done;
    s->deref = static_cast<int *>(
        PyMem_Malloc(sizeof(int) * static_cast<std::size_t>(s->ncells + s->nfree + 1)));
    kinds = static_cast<unsigned char *>(PyMem_Malloc(static_cast<std::size_t>(nlocals) +
                                                      static_cast<std::size_t>(s->ncells) +
                                                      static_cast<std::size_t>(s->nfree) + 1));
    s->names = PyTuple_New(nlocals + s->ncells + s->nfree);
    if (s->deref == nullptr || kinds == nullptr || s->names == nullptr) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (int i = 0; i < nlocals; ++i) {
        PyTuple_SET_ITEM(s->names, i, Py_NewRef(PyTuple_GET_ITEM(varnames, i)));
        kinds[i] = CO_FAST_LOCAL;
    }
    for (int i = 0; i < s->ncells; ++i) {
        PyObject *name = PyTuple_GET_ITEM(cellnames, i);
        PyObject *param = PyDict_GetItemWithError(u->varnames, name);
        if (param != nullptr) {
            const int slot = static_cast<int>(PyLong_AsLong(param));
            s->deref[i] = slot;
            kinds[slot] |= CO_FAST_CELL;
        } else {
            s->deref[i] = nslots;
            PyTuple_SET_ITEM(s->names, nslots, Py_NewRef(name));
            kinds[nslots++] = CO_FAST_CELL;
        }
    }
    for (int i = 0; i < s->nfree; ++i) {
        s->deref[s->ncells + i] = nslots;
        PyTuple_SET_ITEM(s->names, nslots, Py_NewRef(PyTuple_GET_ITEM(freenames, i)));
        kinds[nslots++] = CO_FAST_FREE;
    }
    if (nslots < PyTuple_GET_SIZE(s->names) && _PyTuple_Resize(&s->names, nslots) < 0) goto done;
    s->kinds = PyBytes_FromStringAndSize(reinterpret_cast<const char *>(kinds), nslots);
    if (s->kinds != nullptr) result = 0;
done:
    PyMem_Free(kinds);
    Py_XDECREF(varnames);
    Py_XDECREF(cellnames);
    Py_XDECREF(freenames);
    return result;
}

int add_prefix(Unit *u, const Slots &s, int code_flags) noexcept {
    Instr prefix[64];
    Instr *heap = nullptr;
    const int n = s.ncells + (s.nfree > 0 ? 1 : 0) + ((code_flags & CO_GENERATOR) ? 2 : 0);
    if (n == 0) return 0;
    Instr *items = prefix;
    if (n > 64) {
        heap = static_cast<Instr *>(PyMem_Malloc(sizeof(Instr) * static_cast<std::size_t>(n)));
        if (heap == nullptr) {
            PyErr_NoMemory();
            return -1;
        }
        items = heap;
    }
    int k = 0;
    if (s.nfree > 0) items[k++] = plain(COPY_FREE_VARS, s.nfree);
    for (int i = 0; i < s.ncells; ++i) items[k++] = plain(MAKE_CELL, s.deref[i]);
    if (code_flags & CO_GENERATOR) {
        items[k++] = plain(RETURN_GENERATOR, 0);
        items[k++] = plain(POP_TOP, 0);
    }
    const int r = insert_front(u->entry, items, n);
    PyMem_Free(heap);
    return r;
}

int write_units(BasicBlock *entry, CodeUnit *out, LineTableWriter &lines) noexcept {
    int pos = 0;
    for (BasicBlock *b = entry; b != nullptr; b = b->next) {
        for (int i = 0; i < b->used; ++i) {
            const Instr &in = b->instrs[i];
            const int ext = ext_units(in.oparg);
            for (int k = ext; k > 0; --k) out[pos++] = make_unit(EXTENDED_ARG, in.oparg >> (8 * k));
            out[pos++] = make_unit(in.opcode, in.oparg);
            for (int k = 0; k < cache_units(in.opcode); ++k) out[pos++] = 0;
            if (lines.add(in.loc, instr_size(in)) < 0) return -1;
        }
    }
    return 0;
}

PyObject *exception_table(BasicBlock *entry) noexcept {
    ExceptionTableWriter writer;
    BasicBlock *current = nullptr;
    int start = 0;
    int pos = 0;
    auto flush = [&](int end) -> int {
        if (current == nullptr || end <= start) return 0;
        const int depth = current->startdepth - 1 - (current->preserve_lasti ? 1 : 0);
        return writer.add(
            ExceptionHandler{start, end, current->offset, depth, current->preserve_lasti});
    };
    for (BasicBlock *b = entry; b != nullptr; b = b->next) {
        for (int i = 0; i < b->used; ++i) {
            const Instr &in = b->instrs[i];
            if (in.except_handler != current) {
                if (flush(pos) < 0) return nullptr;
                current = in.except_handler;
                start = pos;
            }
            pos += instr_size(in);
        }
    }
    if (flush(pos) < 0) return nullptr;
    return writer.finish();
}

int code_flags_of(Unit *u) noexcept {
    int flags = 0;
    if (u->ste->type == symtable::BlockType::function) {
        flags |= CO_NEWLOCALS | CO_OPTIMIZED;
        if (u->ste->nested) flags |= CO_NESTED;
        if (u->ste->generator) flags |= CO_GENERATOR;
        if (u->ste->varargs) flags |= CO_VARARGS;
        if (u->ste->varkeywords) flags |= CO_VARKEYWORDS;
    }
    return flags;
}

}  // namespace

PyObject *assemble(Compiler *c, Unit *u, int code_flags) noexcept {
    Slots slots;
    if (make_slots(u, &slots) < 0 || add_prefix(u, slots, code_flags) < 0) return nullptr;
    if (label_exception_targets(u->entry) < 0) return nullptr;
    int maxdepth = 0;
    if (compute_stack_depth(u->entry, &maxdepth) < 0) return nullptr;
    // Unreachable blocks go; pseudo instructions become nothing; names become slots.
    for (BasicBlock *b = u->entry; b != nullptr; b = b->next) {
        if (b->startdepth < 0) {
            b->used = 0;
            continue;
        }
        int kept = 0;
        int lineno = -1;
        for (int i = 0; i < b->used; ++i) {
            Instr in = b->instrs[i];
            // An artificial instruction (a loop's jump back) takes the line of the one before
            // it in its block, without columns (CPython's propagate_line_numbers, within a
            // block): an interrupt raised there names that line.
            if (in.loc.lineno < 0)
                in.loc.lineno = lineno;
            else
                lineno = in.loc.lineno;
            if (in.opcode == NOP || is_block_push(in.opcode) || in.opcode == POP_BLOCK) continue;
            if (is_deref_op(in.opcode)) in.oparg = slots.deref[in.oparg];
            b->instrs[kept++] = in;
        }
        b->used = kept;
    }
    int total = 0;
    if (layout(u->entry, &total) < 0) return nullptr;
    auto *units = static_cast<CodeUnit *>(
        PyMem_Malloc(sizeof(CodeUnit) * static_cast<std::size_t>(total + 1)));
    if (units == nullptr) return PyErr_NoMemory();
    LineTableWriter lines(u->firstlineno);
    PyObject *linetable = nullptr, *excepttable = nullptr, *consts = nullptr, *names = nullptr;
    PyCodeObject *co = nullptr;
    if (write_units(u->entry, units, lines) == 0 && (linetable = lines.finish()) != nullptr &&
        (excepttable = exception_table(u->entry)) != nullptr &&
        (consts = PyList_AsTuple(u->const_list)) != nullptr &&
        (names = names_tuple(u->names)) != nullptr) {
        CodeParts parts{};
        parts.filename = c->filename;
        parts.name = u->name;
        parts.qualname = u->qualname;
        parts.flags = code_flags;
        parts.argcount = u->argcount;
        parts.posonlyargcount = u->posonlyargcount;
        parts.kwonlyargcount = u->kwonlyargcount;
        parts.stacksize = maxdepth;
        parts.firstlineno = u->firstlineno;
        parts.consts = consts;
        parts.names = names;
        parts.localsplusnames = slots.names;
        parts.localspluskinds = slots.kinds;
        parts.linetable = linetable;
        parts.exceptiontable = excepttable;
        parts.code = units;
        parts.ncode = total;
        co = code_new(parts);
    }
    PyMem_Free(units);
    Py_XDECREF(linetable);
    Py_XDECREF(excepttable);
    Py_XDECREF(consts);
    Py_XDECREF(names);
    return reinterpret_cast<PyObject *>(co);
}

PyObject *assemble_unit(Compiler *c, bool add_none_return) noexcept {
    Unit *u = c->u;
    if (add_none_return) {
        BasicBlock *b = u->current;
        if (b->used == 0 || !b->no_fallthrough()) {
            if (addop_load_const(c, Py_None) < 0 || addop(c, RETURN_VALUE) < 0) return nullptr;
        }
    }
    return assemble(c, u, code_flags_of(u));
}

}  // namespace minipy::compile
