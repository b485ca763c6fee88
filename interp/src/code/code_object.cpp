// The code type (PyCode_Type): creation from the assembler's parts, the co_* attributes,
// locations, co_code (the word code deoptimized: base instructions, zeroed caches).
#include "code/code_object.hpp"

#include <cstdlib>
#include <cstring>

#include "eval/frame.hpp"
#include "objects/interp_object.hpp"

namespace minipy::code {

namespace {

bool all_str(PyObject *tuple) noexcept {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); ++i)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(tuple, i))) return false;
    return true;
}

void code_dealloc(PyObject *self) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(self);
    Py_XDECREF(co->co_consts);
    Py_XDECREF(co->co_names);
    Py_XDECREF(co->co_exceptiontable);
    Py_XDECREF(co->co_localsplusnames);
    Py_XDECREF(co->co_localspluskinds);
    Py_XDECREF(co->co_filename);
    Py_XDECREF(co->co_name);
    Py_XDECREF(co->co_qualname);
    Py_XDECREF(co->co_linetable);
    std::free(co->_co_linearray);  // the tracer's cache, from the C library (script_stack.cpp)
    PyObject_Free(self);
}

PyObject *code_repr(PyObject *self) noexcept {
    auto *co = reinterpret_cast<PyCodeObject *>(self);
    return PyUnicode_FromFormat("<code object %U at %p, file \"%U\", line %d>", co->co_name, self,
                                co->co_filename, co->co_firstlineno);
}

PyObject *get_object(PyObject *self, void *offset) noexcept {
    PyObject *value = *reinterpret_cast<PyObject **>(reinterpret_cast<char *>(self) +
                                                     reinterpret_cast<intptr_t>(offset));
    return Py_NewRef(value != nullptr ? value : Py_None);
}

PyObject *get_int(PyObject *self, void *offset) noexcept {
    return PyLong_FromLong(*reinterpret_cast<int *>(reinterpret_cast<char *>(self) +
                                                    reinterpret_cast<intptr_t>(offset)));
}

PyObject *get_code(PyObject *self, void *) noexcept {
    return PyCode_GetCode(reinterpret_cast<PyCodeObject *>(self));
}

PyObject *get_kind(PyObject *self, void *kind) noexcept {
    return code_names_of_kind(reinterpret_cast<PyCodeObject *>(self),
                              static_cast<int>(reinterpret_cast<intptr_t>(kind)));
}

#define CODE_OBJECT(field)                                            \
    {                                                                 \
#field, get_object, nullptr, nullptr,                         \
            reinterpret_cast < void *>(offsetof(PyCodeObject, field)) \
    }
#define CODE_INT(field) \
    { #field, get_int, nullptr, nullptr, reinterpret_cast < void *>(offsetof(PyCodeObject, field)) }

PyGetSetDef code_getset[] = {
    CODE_OBJECT(co_consts),
    CODE_OBJECT(co_names),
    CODE_OBJECT(co_filename),
    CODE_OBJECT(co_name),
    CODE_OBJECT(co_qualname),
    CODE_OBJECT(co_linetable),
    CODE_OBJECT(co_exceptiontable),
    CODE_INT(co_flags),
    CODE_INT(co_argcount),
    CODE_INT(co_posonlyargcount),
    CODE_INT(co_kwonlyargcount),
    CODE_INT(co_stacksize),
    CODE_INT(co_firstlineno),
    CODE_INT(co_nlocals),
    {"co_code", get_code, nullptr, nullptr, nullptr},
    {"co_varnames", get_kind, nullptr, nullptr, reinterpret_cast<void *>(CO_FAST_LOCAL)},
    {"co_cellvars", get_kind, nullptr, nullptr, reinterpret_cast<void *>(CO_FAST_CELL)},
    {"co_freevars", get_kind, nullptr, nullptr, reinterpret_cast<void *>(CO_FAST_FREE)},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

#undef CODE_OBJECT
#undef CODE_INT

}  // namespace

PyCodeObject *code_new(const CodeParts &p) noexcept {
    if (!PyTuple_Check(p.consts) || !PyTuple_Check(p.names) || !all_str(p.names) ||
        !PyTuple_Check(p.localsplusnames) || !all_str(p.localsplusnames) ||
        !PyBytes_Check(p.localspluskinds) ||
        PyBytes_GET_SIZE(p.localspluskinds) != PyTuple_GET_SIZE(p.localsplusnames) ||
        !PyBytes_Check(p.linetable) || !PyBytes_Check(p.exceptiontable) ||
        !PyUnicode_Check(p.filename) || !PyUnicode_Check(p.name) || !PyUnicode_Check(p.qualname) ||
        p.ncode <= 0 || p.argcount < p.posonlyargcount || p.stacksize < 0) {
        PyErr_SetString(PyExc_SystemError, "code_new: inconsistent code object parts");
        return nullptr;
    }
    const Py_ssize_t nlocalsplus = PyTuple_GET_SIZE(p.localsplusnames);
    const auto *kinds =
        reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(p.localspluskinds));
    int nlocals = 0, ncells = 0, nplaincells = 0, nfree = 0;
    for (Py_ssize_t i = 0; i < nlocalsplus; ++i) {
        const int kind = kinds[i];
        if (kind & CO_FAST_LOCAL) {
            ++nlocals;
            if (kind & CO_FAST_CELL) ++ncells;
        } else if (kind & CO_FAST_CELL) {
            ++ncells;
            ++nplaincells;
        } else if (kind & CO_FAST_FREE) {
            ++nfree;
        }
    }
    const Py_ssize_t bytes = static_cast<Py_ssize_t>(p.ncode) * 2;
    auto *co = reinterpret_cast<PyCodeObject *>(PyObject_Malloc(
        offsetof(PyCodeObject, co_code_adaptive) + static_cast<std::size_t>(bytes)));
    if (co == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    PyObject_InitVar(reinterpret_cast<PyVarObject *>(co), &PyCode_Type, p.ncode);
    co->co_consts = Py_NewRef(p.consts);
    co->co_names = Py_NewRef(p.names);
    co->co_exceptiontable = Py_NewRef(p.exceptiontable);
    co->co_flags = p.flags;
    co->co_argcount = p.argcount;
    co->co_posonlyargcount = p.posonlyargcount;
    co->co_kwonlyargcount = p.kwonlyargcount;
    co->co_stacksize = p.stacksize;
    co->co_firstlineno = p.firstlineno;
    co->co_nlocalsplus = static_cast<int>(nlocalsplus);
    co->co_nlocals = nlocals;
    co->co_nplaincellvars = nplaincells;
    co->co_ncellvars = ncells;
    co->co_nfreevars = nfree;
    co->co_framesize = eval::kFrameHeaderWords + static_cast<int>(nlocalsplus) + p.stacksize;
    co->co_localsplusnames = Py_NewRef(p.localsplusnames);
    co->co_localspluskinds = Py_NewRef(p.localspluskinds);
    co->co_filename = Py_NewRef(p.filename);
    co->co_name = Py_NewRef(p.name);
    co->co_qualname = Py_NewRef(p.qualname);
    co->co_linetable = Py_NewRef(p.linetable);
    co->co_weakreflist = nullptr;
    co->co_extra = nullptr;
    co->_co_trace_filename = nullptr;
    co->_co_linearray = nullptr;
    std::memcpy(co->co_code_adaptive, p.code, static_cast<std::size_t>(bytes));
    return co;
}

void code_mark_hidden(PyCodeObject *co) noexcept {
    co->co_flags |= kCoHiddenFrames;
    PyObject *consts = co->co_consts;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts); ++i) {
        PyObject *item = PyTuple_GET_ITEM(consts, i);
        if (PyCode_Check(item)) code_mark_hidden(reinterpret_cast<PyCodeObject *>(item));
    }
}

Location code_location(PyCodeObject *co, int index) noexcept {
    Location loc;
    if (!location_at(co->co_linetable, co->co_firstlineno, index, &loc)) return Location{};
    return loc;
}

PyObject *code_names_of_kind(PyCodeObject *co, int kind) noexcept {
    const auto *kinds =
        reinterpret_cast<const unsigned char *>(PyBytes_AS_STRING(co->co_localspluskinds));
    Py_ssize_t n = 0;
    for (int i = 0; i < co->co_nlocalsplus; ++i)
        if (kinds[i] & kind) ++n;
    PyObject *names = PyTuple_New(n);
    if (names == nullptr) return nullptr;
    n = 0;
    for (int i = 0; i < co->co_nlocalsplus; ++i)
        if (kinds[i] & kind)
            PyTuple_SET_ITEM(names, n++, Py_NewRef(PyTuple_GET_ITEM(co->co_localsplusnames, i)));
    return names;
}

}  // namespace minipy::code

using namespace minipy::code;

extern "C" {

PyTypeObject PyCode_Type = {
    MINIPY_INTERP_TYPE_HEAD,
    .tp_name = "code",
    .tp_basicsize = offsetof(PyCodeObject, co_code_adaptive),
    .tp_itemsize = sizeof(CodeUnit),
    .tp_dealloc = code_dealloc,
    .tp_repr = code_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_getset = code_getset,
};

int PyCode_Addr2Line(PyCodeObject *co, int addr) noexcept {
    if (addr < 0) return co->co_firstlineno;
    return code_location(co, addr / 2).lineno;
}

int PyCode_Addr2Location(PyCodeObject *co, int addr, int *start_line, int *start_column,
                         int *end_line, int *end_column) noexcept {
    if (addr < 0 || addr / 2 >= Py_SIZE(co)) {
        *start_line = *end_line = co->co_firstlineno;
        *start_column = *end_column = -1;
        return addr < 0 ? 1 : 0;
    }
    const Location loc = code_location(co, addr / 2);
    *start_line = loc.lineno;
    *end_line = loc.end_lineno;
    *start_column = loc.col_offset;
    *end_column = loc.end_col_offset;
    return 1;
}

PyObject *PyCode_GetCode(PyCodeObject *co) noexcept {
    const Py_ssize_t n = Py_SIZE(co);
    PyObject *bytes = PyBytes_FromStringAndSize(nullptr, n * 2);
    if (bytes == nullptr) return nullptr;
    auto *out = reinterpret_cast<unsigned char *>(PyBytes_AS_STRING(bytes));
    const CodeUnit *units = code_units(co);
    for (Py_ssize_t i = 0; i < n;) {
        const int opcode = base_opcode(unit_opcode(units[i]));
        out[2 * i] = static_cast<unsigned char>(opcode);
        out[2 * i + 1] = static_cast<unsigned char>(unit_oparg(units[i]));
        ++i;
        for (int c = 0; c < cache_units(opcode) && i < n; ++c, ++i) out[2 * i] = out[2 * i + 1] = 0;
    }
    return bytes;
}

PyCodeObject *PyCode_NewEmpty(const char *filename, const char *funcname,
                              int firstlineno) noexcept {
    PyObject *file = PyUnicode_FromString(filename);
    PyObject *name = PyUnicode_FromString(funcname);
    PyObject *empty = PyTuple_New(0);
    PyObject *consts = PyTuple_Pack(1, Py_None);
    PyObject *no_bytes = PyBytes_FromStringAndSize("", 0);
    PyCodeObject *co = nullptr;
    if (file != nullptr && name != nullptr && empty != nullptr && consts != nullptr &&
        no_bytes != nullptr) {
        const CodeUnit code[] = {make_unit(RESUME, 0), make_unit(RETURN_CONST, 0)};
        LineTableWriter lines(firstlineno);
        PyObject *linetable = nullptr;
        if (lines.add(Location{firstlineno, firstlineno, -1, -1}, 2) == 0)
            linetable = lines.finish();
        if (linetable != nullptr) {
            CodeParts parts{file,     name,      name,        0,      0,     0,
                            0,        0,         firstlineno, consts, empty, empty,
                            no_bytes, linetable, no_bytes,    code,   2};
            co = code_new(parts);
            Py_DECREF(linetable);
        }
    }
    Py_XDECREF(file);
    Py_XDECREF(name);
    Py_XDECREF(empty);
    Py_XDECREF(consts);
    Py_XDECREF(no_bytes);
    return co;
}

}  // extern "C"
