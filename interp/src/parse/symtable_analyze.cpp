// The symbol table's second pass and its public functions (CPython 3.11's symtable_analyze,
// analyze_block, analyze_name, analyze_cells, update_symbols, _Py_Mangle).
//
// analyze_block(ste, bound, free, global) decides each name of one block, then recurses:
//   bound  - names bound in enclosing function blocks (NULL at module level): a name used
//            here and bound there is FREE here;
//   global - names declared global in enclosing blocks;
//   free   - output: the names free in this block or its children, which the enclosing
//            block turns into cells when it binds them.
// A class's own bindings are invisible to its methods, so a class passes down what it was
// given (plus __class__), not its locals. The sets are Python sets, as in CPython, which
// keeps the iteration orders (and so which error is reported first) CPython's.
#include <cstdint>
#include <cstring>
#include <new>

#include "parse/symtable_internal.hpp"
#include "parse/syntax_error.hpp"

namespace minipy::symtable {

namespace {

int set_union(PyObject *into, PyObject *from) noexcept {
    return _PySet_Update(into, from) < 0 ? 0 : 1;
}

int set_scope(PyObject *scopes, PyObject *name, Scope scope) noexcept {
    PyObject *v = PyLong_FromLong(scope);
    if (v == nullptr) return 0;
    const int r = PyDict_SetItem(scopes, name, v);
    Py_DECREF(v);
    return r == 0;
}

// The error for a global/nonlocal problem points at the statement that declared the name.
int error_at_directive(SymbolTable *st, Entry *ste, PyObject *name, const char *format) noexcept {
    for (Py_ssize_t i = 0; ste->directives != nullptr && i < PyList_GET_SIZE(ste->directives);
         ++i) {
        PyObject *data = PyList_GET_ITEM(ste->directives, i);
        if (PyUnicode_Compare(PyTuple_GET_ITEM(data, 0), name) == 0)
            return raise_at(st, static_cast<int>(PyLong_AsLong(PyTuple_GET_ITEM(data, 1))),
                            static_cast<int>(PyLong_AsLong(PyTuple_GET_ITEM(data, 2))),
                            static_cast<int>(PyLong_AsLong(PyTuple_GET_ITEM(data, 3))),
                            static_cast<int>(PyLong_AsLong(PyTuple_GET_ITEM(data, 4))), format,
                            name);
    }
    PyErr_SetString(PyExc_RuntimeError, "BUG: internal directive bookkeeping broken");
    return 0;
}

int analyze_name(SymbolTable *st, Entry *ste, PyObject *scopes, PyObject *name, long flags,
                 PyObject *bound, PyObject *local, PyObject *free, PyObject *global) noexcept {
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return error_at_directive(st, ste, name, "name '%U' is nonlocal and global");
        if (!set_scope(scopes, name, GLOBAL_EXPLICIT) || PySet_Add(global, name) < 0) return 0;
        if (bound != nullptr && PySet_Discard(bound, name) < 0) return 0;
        return 1;
    }
    if (flags & DEF_NONLOCAL) {
        if (bound == nullptr)
            return error_at_directive(st, ste, name,
                                      "nonlocal declaration not allowed at module level");
        const int contains = PySet_Contains(bound, name);
        if (contains < 0) return 0;
        if (!contains)
            return error_at_directive(st, ste, name, "no binding for nonlocal '%U' found");
        if (!set_scope(scopes, name, FREE)) return 0;
        ste->free = true;
        return PySet_Add(free, name) >= 0;
    }
    if (flags & DEF_BOUND) {
        if (!set_scope(scopes, name, LOCAL) || PySet_Add(local, name) < 0) return 0;
        return PySet_Discard(global, name) >= 0;
    }
    // Bound in an enclosing function: free here (a non-NULL bound means we are nested).
    if (bound != nullptr) {
        const int contains = PySet_Contains(bound, name);
        if (contains < 0) return 0;
        if (contains) {
            if (!set_scope(scopes, name, FREE)) return 0;
            ste->free = true;
            return PySet_Add(free, name) >= 0;
        }
    }
    if (global != nullptr) {
        const int contains = PySet_Contains(global, name);
        if (contains < 0) return 0;
        if (contains) return set_scope(scopes, name, GLOBAL_IMPLICIT);
    }
    if (ste->nested) ste->free = true;
    return set_scope(scopes, name, GLOBAL_IMPLICIT);
}

// A function's local that a nested block uses freely becomes a cell.
int analyze_cells(PyObject *scopes, PyObject *free) noexcept {
    PyObject *name, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(scopes, &pos, &name, &v)) {
        if (PyLong_AsLong(v) != LOCAL) continue;
        const int contains = PySet_Contains(free, name);
        if (contains < 0) return 0;
        if (!contains) continue;
        if (!set_scope(scopes, name, CELL) || PySet_Discard(free, name) < 0) return 0;
    }
    return 1;
}

// Writes the scopes into the symbols, and records the free names of children that this
// block passes through (FREE here too) or binds in a class (DEF_FREE_CLASS).
int update_symbols(PyObject *symbols, PyObject *scopes, PyObject *bound, PyObject *free,
                   bool is_class) noexcept {
    PyObject *name, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(symbols, &pos, &name, &v)) {
        long flags = PyLong_AsLong(v);
        PyObject *scope = PyDict_GetItemWithError(scopes, name);
        if (scope == nullptr) return 0;
        flags |= PyLong_AsLong(scope) << SCOPE_OFFSET;
        PyObject *updated = PyLong_FromLong(flags);
        if (updated == nullptr) return 0;
        const int r = PyDict_SetItem(symbols, name, updated);
        Py_DECREF(updated);
        if (r < 0) return 0;
    }
    Py_ssize_t set_pos = 0;
    Py_hash_t hash;
    while (_PySet_NextEntry(free, &set_pos, &name, &hash)) {
        if (PyObject *existing = PyDict_GetItemWithError(symbols, name)) {
            // A method's free variable named like a binding of its class.
            const long flags = PyLong_AsLong(existing);
            if (is_class && (flags & (DEF_BOUND | DEF_GLOBAL))) {
                PyObject *updated = PyLong_FromLong(flags | DEF_FREE_CLASS);
                if (updated == nullptr) return 0;
                const int r = PyDict_SetItem(symbols, name, updated);
                Py_DECREF(updated);
                if (r < 0) return 0;
            }
            continue;  // a cell, or already free here
        }
        if (PyErr_Occurred()) return 0;
        if (bound != nullptr) {
            const int contains = PySet_Contains(bound, name);
            if (contains < 0) return 0;
            if (!contains) continue;  // a global
        }
        PyObject *free_value = PyLong_FromLong(static_cast<long>(FREE) << SCOPE_OFFSET);
        if (free_value == nullptr) return 0;
        const int r = PyDict_SetItem(symbols, name, free_value);
        Py_DECREF(free_value);
        if (r < 0) return 0;
    }
    return 1;
}

int analyze_block(SymbolTable *st, Entry *ste, PyObject *bound, PyObject *free,
                  PyObject *global) noexcept;

// A child sees copies of the sets, so its bindings do not leak back.
int analyze_child_block(SymbolTable *st, Entry *entry, PyObject *bound, PyObject *free,
                        PyObject *global, PyObject *child_free) noexcept {
    PyObject *temp_bound = PySet_New(bound);
    PyObject *temp_free = temp_bound != nullptr ? PySet_New(free) : nullptr;
    PyObject *temp_global = temp_free != nullptr ? PySet_New(global) : nullptr;
    int ok = temp_global != nullptr &&
             analyze_block(st, entry, temp_bound, temp_free, temp_global) &&
             set_union(child_free, temp_free);
    Py_XDECREF(temp_bound);
    Py_XDECREF(temp_free);
    Py_XDECREF(temp_global);
    return ok;
}

int analyze_block(SymbolTable *st, Entry *ste, PyObject *bound, PyObject *free,
                  PyObject *global) noexcept {
    PyObject *local = PySet_New(nullptr);
    PyObject *scopes = PyDict_New();
    PyObject *newglobal = PySet_New(nullptr);
    PyObject *newfree = PySet_New(nullptr);
    PyObject *newbound = PySet_New(nullptr);
    PyObject *allfree = nullptr;
    int ok = 0;
    if (local == nullptr || scopes == nullptr || newglobal == nullptr || newfree == nullptr ||
        newbound == nullptr)
        goto done;
    // A class's bindings are not visible in its methods: pass down what came from above.
    if (ste->type == BlockType::Class) {
        if (!set_union(newglobal, global)) goto done;
        if (bound != nullptr && !set_union(newbound, bound)) goto done;
    }
    {
        PyObject *name, *v;
        Py_ssize_t pos = 0;
        while (PyDict_Next(ste->symbols, &pos, &name, &v))
            if (!analyze_name(st, ste, scopes, name, PyLong_AsLong(v), bound, local, free, global))
                goto done;
    }
    if (ste->type != BlockType::Class) {
        if (ste->type == BlockType::Function && !set_union(newbound, local)) goto done;
        if (bound != nullptr && !set_union(newbound, bound)) goto done;
        if (!set_union(newglobal, global)) goto done;
    } else {
        PyObject *class_name = PyUnicode_InternFromString("__class__");
        const int r = class_name != nullptr ? PySet_Add(newbound, class_name) : -1;
        Py_XDECREF(class_name);
        if (r < 0) goto done;
    }
    allfree = PySet_New(nullptr);
    if (allfree == nullptr) goto done;
    for (Py_ssize_t i = 0; i < ste->nchildren; ++i) {
        Entry *child = ste->children[i];
        if (!analyze_child_block(st, child, newbound, newfree, newglobal, allfree)) goto done;
        if (child->free || child->child_free) ste->child_free = true;
    }
    if (!set_union(newfree, allfree)) goto done;
    if (ste->type == BlockType::Function && !analyze_cells(scopes, newfree)) goto done;
    if (ste->type == BlockType::Class) {
        PyObject *class_name = PyUnicode_InternFromString("__class__");
        const int r = class_name != nullptr ? PySet_Discard(newfree, class_name) : -1;
        Py_XDECREF(class_name);
        if (r < 0) goto done;
        if (r == 1) ste->needs_class_closure = true;
    }
    if (!update_symbols(ste->symbols, scopes, bound, newfree, ste->type == BlockType::Class))
        goto done;
    ok = set_union(free, newfree);
done:
    Py_XDECREF(local);
    Py_XDECREF(scopes);
    Py_XDECREF(newglobal);
    Py_XDECREF(newfree);
    Py_XDECREF(newbound);
    Py_XDECREF(allfree);
    return ok;
}

std::size_t hash_pointer(const void *key) noexcept {
    auto h = reinterpret_cast<std::uintptr_t>(key);
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
}

}  // namespace

int analyze(SymbolTable *st) noexcept {
    PyObject *free = PySet_New(nullptr);
    PyObject *global = free != nullptr ? PySet_New(nullptr) : nullptr;
    const int ok = global != nullptr && analyze_block(st, st->top, nullptr, free, global);
    Py_XDECREF(free);
    Py_XDECREF(global);
    return ok;
}

int raise_at(SymbolTable *st, int lineno, int col_offset, int end_lineno, int end_col_offset,
             const char *format, PyObject *name) noexcept {
    PyObject *msg =
        name != nullptr ? PyUnicode_FromFormat(format, name) : PyUnicode_FromString(format);
    if (msg == nullptr) return 0;
    PyObject *text = nullptr;
    if (st->source != nullptr) {
        // The line as a file would give it back (CPython reads it from the file).
        const char *line = st->source;
        for (int i = 1; i < lineno && line != nullptr; ++i) {
            line = std::strchr(line, '\n');
            if (line != nullptr) ++line;
        }
        if (line != nullptr && *line != '\0') {
            const char *newline = std::strchr(line, '\n');
            const Py_ssize_t size = newline != nullptr ? newline + 1 - line : std::strlen(line);
            text = PyUnicode_DecodeUTF8(line, size, "replace");
            if (text == nullptr) PyErr_Clear();
        }
    }
    parse::raise_located_error(PyExc_SyntaxError, msg, st->filename, lineno, col_offset + 1, text,
                               end_lineno, end_col_offset + 1);
    Py_XDECREF(text);
    Py_DECREF(msg);
    return 0;
}

int map_insert(SymbolTable *st, const void *key, Entry *entry) noexcept {
    if ((st->map_size + 1) * 2 > st->map_capacity) {
        const std::size_t capacity = st->map_capacity == 0 ? 16 : st->map_capacity * 2;
        auto **keys = static_cast<const void **>(PyMem_Calloc(capacity, sizeof(void *)));
        auto **values = static_cast<Entry **>(PyMem_Calloc(capacity, sizeof(Entry *)));
        if (keys == nullptr || values == nullptr) {
            PyMem_Free(keys);
            PyMem_Free(values);
            PyErr_NoMemory();
            return -1;
        }
        for (std::size_t i = 0; i < st->map_capacity; ++i) {
            if (st->keys[i] == nullptr) continue;
            std::size_t j = hash_pointer(st->keys[i]) & (capacity - 1);
            while (keys[j] != nullptr) j = (j + 1) & (capacity - 1);
            keys[j] = st->keys[i];
            values[j] = st->values[i];
        }
        PyMem_Free(st->keys);
        PyMem_Free(st->values);
        st->keys = keys;
        st->values = values;
        st->map_capacity = capacity;
    }
    std::size_t j = hash_pointer(key) & (st->map_capacity - 1);
    while (st->keys[j] != nullptr && st->keys[j] != key) j = (j + 1) & (st->map_capacity - 1);
    if (st->keys[j] == nullptr) ++st->map_size;
    st->keys[j] = key;
    st->values[j] = entry;
    return 0;
}

Entry *lookup(const SymbolTable *table, const void *key) noexcept {
    if (table->map_capacity == 0) return nullptr;
    std::size_t j = hash_pointer(key) & (table->map_capacity - 1);
    while (table->keys[j] != nullptr) {
        if (table->keys[j] == key) return table->values[j];
        j = (j + 1) & (table->map_capacity - 1);
    }
    return nullptr;
}

Entry *top(const SymbolTable *table) noexcept {
    return table->top;
}

long symbol_flags(const Entry *entry, PyObject *name) noexcept {
    PyObject *v = PyDict_GetItemWithError(entry->symbols, name);
    if (v == nullptr) return 0;
    return PyLong_AsLong(v);
}

PyObject *mangle(PyObject *private_name, PyObject *name) noexcept {
    const Py_ssize_t nlen = PyUnicode_GetLength(name);
    if (private_name == nullptr || !PyUnicode_Check(private_name) || nlen < 2 ||
        PyUnicode_ReadChar(name, 0) != '_' || PyUnicode_ReadChar(name, 1) != '_')
        return Py_NewRef(name);
    // Not __dunder__ names, nor dotted import names.
    if ((PyUnicode_ReadChar(name, nlen - 1) == '_' && PyUnicode_ReadChar(name, nlen - 2) == '_') ||
        PyUnicode_FindChar(name, '.', 0, nlen, 1) != -1)
        return Py_NewRef(name);
    const Py_ssize_t plen = PyUnicode_GetLength(private_name);
    Py_ssize_t ipriv = 0;
    while (ipriv < plen && PyUnicode_ReadChar(private_name, ipriv) == '_') ++ipriv;
    if (ipriv == plen) return Py_NewRef(name);  // a class named only with underscores
    PyObject *stripped = PyUnicode_Substring(private_name, ipriv, plen);
    if (stripped == nullptr) return nullptr;
    PyObject *result = PyUnicode_FromFormat("_%U%U", stripped, name);
    Py_DECREF(stripped);
    return result;
}

SymbolTable *build_symtable(const ast::Mod *mod, PyObject *filename,
                            const BuildOptions &options) noexcept {
    void *memory = PyMem_Calloc(1, sizeof(SymbolTable));
    if (memory == nullptr) {
        PyErr_NoMemory();
        return nullptr;
    }
    auto *st = new (memory) SymbolTable();
    st->arena = parse::Arena::create();
    st->filename = filename;
    st->source = options.source;
    st->future_annotations = options.future_annotations;
    // CPython counts three levels per Python frame (COMPILER_STACK_FRAME_SCALE); the front
    // end runs from C, at depth 0.
    st->recursion_limit = Py_GetRecursionLimit() * 3;
    if (st->arena == nullptr) {
        free_symtable(st);
        return nullptr;
    }
    Builder builder(st);
    PyObject *top_name = PyUnicode_InternFromString("top");
    int ok =
        top_name != nullptr && builder.enter_block(top_name, BlockType::Module, mod, 0, 0, 0, 0);
    Py_XDECREF(top_name);
    if (ok) {
        st->top = st->cur;
        switch (mod->kind) {
        case ast::ModKind::Module:
            for (const ast::Stmt *s : ast::each(mod->v.Module.body))
                if (!(ok = builder.visit_stmt(s))) break;
            break;
        case ast::ModKind::Interactive:
            for (const ast::Stmt *s : ast::each(mod->v.Interactive.body))
                if (!(ok = builder.visit_stmt(s))) break;
            break;
        case ast::ModKind::Expression: ok = builder.visit_expr(mod->v.Expression.body); break;
        case ast::ModKind::FunctionType:
            PyErr_SetString(PyExc_RuntimeError, "this compiler does not handle FunctionTypes");
            ok = 0;
            break;
        }
    }
    if (ok) ok = builder.exit_block() && analyze(st);
    if (!ok) {
        free_symtable(st);
        return nullptr;
    }
    return st;
}

void free_symtable(SymbolTable *table) noexcept {
    for (Py_ssize_t i = 0; i < table->all_size; ++i) {
        Entry *e = table->all[i];
        Py_XDECREF(e->name);
        Py_XDECREF(e->symbols);
        Py_XDECREF(e->varnames);
        Py_XDECREF(e->directives);
    }
    PyMem_Free(table->all);
    PyMem_Free(table->stack);
    PyMem_Free(table->keys);
    PyMem_Free(table->values);
    if (table->arena != nullptr) parse::Arena::destroy(table->arena);
    table->~SymbolTable();
    PyMem_Free(table);
}

}  // namespace minipy::symtable
