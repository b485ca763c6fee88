/* minipy_lua.c: the `minipy` table Lua scripts see in the host.
 *
 *   minipy.allocator()  the allocator the domains hold, as PYTHONMALLOC names it ("pymalloc",
 *                       "pymalloc_debug", "malloc", "malloc_debug"; "custom" otherwise), and
 *                       the domain Lua's blocks come from ("raw", "mem", "obj")
 *   minipy.stats()      a table: Lua's own figures (lua_bytes, lua_peak, lua_blocks, lua_limit,
 *                       lua_calls, lua_refused), the shared budget's (budget_limit, the same
 *                       as lua_limit, budget_used, python_bytes, python_blocks,
 *                       python_refused), every figure of pymalloc's report
 *                       (minipy_pymalloc_get_stats), blocks (_Py_GetAllocatedBlocks) and, in
 *                       `classes`, one entry per size class with blocks in use
 *                       (pymalloc's figures cover Python's blocks too: one allocator, one
 *                       report)
 *   minipy.limit(n)     caps the budget Lua and Python share at n bytes (nil or 0: no cap);
 *                       returns the old cap. Past it Lua's allocations fail (Lua collects,
 *                       retries once, then raises "not enough memory", which pcall catches;
 *                       the state stays usable) and so do Python's (MemoryError).
 *   minipy.run(code)    runs minipy (Python) code in the shared runtime, in `__main__`'s
 *                       namespace, so names persist from one call to the next. Code that is
 *                       an expression returns its value; statements return nothing. Values
 *                       come back as Lua values: None nil, bool boolean, int integer (float
 *                       when it does not fit), float number, str and bytes string, list and
 *                       tuple a sequence, dict a table; anything else as its str(). A Python
 *                       exception becomes a Lua error whose message is the last line of its
 *                       traceback ("ZeroDivisionError: division by zero").
 *
 * The table needs the state to allocate through lua_host_alloc (it reads its record with
 * lua_getallocf) and the runtime to be running with the GIL held by the thread running Lua
 * (lua_host_main.c). */
#include "minipy_lua.h"

#include <lauxlib.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "lua_alloc.h"
#include "minipy/Python.h"
#include "minipy/memusage.h"
#include "minipy/pymalloc.h"
#include "minipy/pymem.h"
#include "minipy/pythonrun.h"

static LuaHostAllocator *host_allocator(lua_State *L) {
    void *ud = NULL;
    if (lua_getallocf(L, &ud) != lua_host_alloc) {
        luaL_error(L, "minipy: this Lua state does not allocate through minipy");
    }
    return (LuaHostAllocator *)ud;
}

static int minipy_allocator(lua_State *L) {
    const LuaHostAllocator *allocator = host_allocator(L);
    const char *name = allocator->allocator_name;
    lua_pushstring(L, name != NULL ? name : "custom");
    lua_pushstring(L, lua_host_domain_name(allocator->domain));
    return 2;
}

static void set_size_field(lua_State *L, const char *key, size_t value) {
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

/* The size_t figures of pymalloc's report, by the names CPython's report gives them. */
typedef struct {
    const char *name;
    size_t offset;
} ReportField;

#define MINIPY_REPORT_FIELD(field) \
    { #field, offsetof(minipy_pymalloc_stats, field) }
static const ReportField kReportFields[] = {
    MINIPY_REPORT_FIELD(arenas_allocated_total),
    MINIPY_REPORT_FIELD(arenas_reclaimed),
    MINIPY_REPORT_FIELD(arenas_highwater),
    MINIPY_REPORT_FIELD(arenas_allocated_current),
    MINIPY_REPORT_FIELD(arena_bytes),
    MINIPY_REPORT_FIELD(allocated_bytes),
    MINIPY_REPORT_FIELD(available_bytes),
    MINIPY_REPORT_FIELD(unused_pools),
    MINIPY_REPORT_FIELD(pool_header_bytes),
    MINIPY_REPORT_FIELD(quantization_bytes),
    MINIPY_REPORT_FIELD(arena_alignment_bytes),
    MINIPY_REPORT_FIELD(total),
};
#undef MINIPY_REPORT_FIELD

static int minipy_stats(lua_State *L) {
    const LuaHostAllocator *allocator = host_allocator(L);
    /* Read everything before creating the table: building it allocates and moves the
     * figures. */
    size_t in_use = allocator->in_use, peak = allocator->peak, blocks = allocator->blocks;
    size_t calls = allocator->calls, refused = allocator->refused;
    size_t limit = *allocator->budget_limit, budget_used = *allocator->budget_used;
    minipy_memory_usage usage;
    minipy_get_memory_usage(&usage); /* all zero without accounting */
    Py_ssize_t allocated_blocks = _Py_GetAllocatedBlocks();
    minipy_pymalloc_stats stats;
    minipy_pymalloc_get_stats(&stats);

    lua_createtable(L, 0, 30);
    set_size_field(L, "lua_bytes", in_use);
    set_size_field(L, "lua_peak", peak);
    set_size_field(L, "lua_blocks", blocks);
    set_size_field(L, "lua_limit", limit);
    set_size_field(L, "lua_calls", calls);
    set_size_field(L, "lua_refused", refused);
    set_size_field(L, "budget_limit", limit);
    set_size_field(L, "budget_used", budget_used);
    set_size_field(L, "python_bytes", usage.total.current_bytes);
    set_size_field(L, "python_blocks", usage.total.current_blocks);
    set_size_field(L, "python_refused", usage.refused);
    lua_pushinteger(L, (lua_Integer)allocated_blocks);
    lua_setfield(L, -2, "blocks");

    for (size_t i = 0; i < sizeof(kReportFields) / sizeof(kReportFields[0]); i++) {
        const char *at = (const char *)&stats + kReportFields[i].offset;
        size_t value = 0;
        memcpy(&value, at, sizeof(value));
        set_size_field(L, kReportFields[i].name, value);
    }
    lua_pushinteger(L, (lua_Integer)stats.raw_fallback_blocks);
    lua_setfield(L, -2, "raw_fallback_blocks");
    set_size_field(L, "pool_size", stats.geometry.pool_size);
    set_size_field(L, "arena_size", stats.geometry.arena_size);

    lua_createtable(L, 0, 0);
    lua_Integer n = 0;
    for (size_t i = 0; i < stats.geometry.num_size_classes; i++) {
        const minipy_pymalloc_class_stats *c = &stats.classes[i];
        if (c->num_pools == 0) continue;
        lua_createtable(L, 0, 4);
        set_size_field(L, "class", i);
        set_size_field(L, "size", (i + 1) * stats.geometry.alignment);
        set_size_field(L, "num_pools", c->num_pools);
        set_size_field(L, "blocks_in_use", c->blocks_in_use);
        set_size_field(L, "avail_blocks", c->avail_blocks);
        lua_rawseti(L, -2, ++n);
    }
    lua_setfield(L, -2, "classes");
    return 1;
}

static int minipy_limit(lua_State *L) {
    LuaHostAllocator *allocator = host_allocator(L);
    size_t limit = 0;
    if (!lua_isnoneornil(L, 1)) {
        lua_Integer requested = luaL_checkinteger(L, 1);
        luaL_argcheck(L, requested >= 0, 1, "limit must not be negative");
        limit = (size_t)requested;
    }
    lua_pushinteger(L, (lua_Integer)*allocator->budget_limit);
    if (allocator->budget_limit == &allocator->limit)
        allocator->limit = limit;
    else if (minipy_set_memory_limit(limit) != 0)
        return luaL_error(L, "minipy.limit: the runtime keeps no memory budget");
    return 1;
}

/* --- minipy.run ------------------------------------------------------------------------ */

/* Deeper than this, a result is refused rather than converted (a list that contains itself
 * would otherwise never end). */
enum { kMaxResultDepth = 64 };

/* The Python exception set as a Lua error: the last line of its traceback. Never returns. */
static int raise_python_error(lua_State *L) {
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *text = exc != NULL ? PyObject_Str(exc) : NULL;
    const char *message = text != NULL ? PyUnicode_AsUTF8(text) : NULL;
    if (message == NULL) PyErr_Clear();
    const char *name = exc != NULL ? _PyType_Name(Py_TYPE(exc)) : "SystemError";
    lua_pushstring(L, name);
    if (message != NULL && message[0] != '\0') {
        lua_pushstring(L, ": ");
        lua_pushstring(L, message);
        lua_concat(L, 3);
    }
    Py_XDECREF(text);
    Py_XDECREF(exc);
    return lua_error(L);
}

/* Pushes the Lua value for `value`: 1, or 0 with a Python exception set. */
static int push_python_value(lua_State *L, PyObject *value, int depth);

static int push_python_sequence(lua_State *L, PyObject *value, int depth) {
    PyObject *items = PySequence_Fast(value, "a sequence is expected");
    if (items == NULL) return 0;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(items);
    lua_createtable(L, n > INT_MAX ? INT_MAX : (int)n, 0);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!push_python_value(L, PySequence_Fast_GET_ITEM(items, i), depth + 1)) {
            Py_DECREF(items);
            return 0;
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    Py_DECREF(items);
    return 1;
}

static int push_python_dict(lua_State *L, PyObject *value, int depth) {
    lua_createtable(L, 0,
                    (int)(PyDict_GET_SIZE(value) > INT_MAX ? INT_MAX : PyDict_GET_SIZE(value)));
    Py_ssize_t pos = 0;
    PyObject *key, *item;
    while (PyDict_Next(value, &pos, &key, &item)) {
        if (!push_python_value(L, key, depth + 1)) return 0;
        if (lua_isnil(L, -1)) { /* None cannot be a Lua key */
            PyErr_SetString(PyExc_TypeError, "minipy.run: None as a dict key has no Lua value");
            return 0;
        }
        if (!push_python_value(L, item, depth + 1)) return 0;
        lua_rawset(L, -3);
    }
    return 1;
}

static int push_python_value(lua_State *L, PyObject *value, int depth) {
    if (depth > kMaxResultDepth) {
        PyErr_SetString(PyExc_RecursionError, "minipy.run: the result is nested too deeply");
        return 0;
    }
    luaL_checkstack(L, 3, "minipy.run: the result is nested too deeply");
    if (value == Py_None) {
        lua_pushnil(L);
    } else if (PyBool_Check(value)) {
        lua_pushboolean(L, value == Py_True);
    } else if (PyLong_Check(value)) {
        int overflow = 0;
        const long long n = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (overflow == 0) {
            if (n == -1 && PyErr_Occurred()) return 0;
            lua_pushinteger(L, (lua_Integer)n);
        } else {
            const double d = PyLong_AsDouble(value);
            if (d == -1.0 && PyErr_Occurred()) return 0;
            lua_pushnumber(L, (lua_Number)d);
        }
    } else if (PyFloat_Check(value)) {
        lua_pushnumber(L, (lua_Number)PyFloat_AS_DOUBLE(value));
    } else if (PyUnicode_Check(value)) {
        Py_ssize_t size = 0;
        const char *utf8 = PyUnicode_AsUTF8AndSize(value, &size);
        if (utf8 == NULL) return 0;
        lua_pushlstring(L, utf8, (size_t)size);
    } else if (PyBytes_Check(value)) {
        lua_pushlstring(L, PyBytes_AS_STRING(value), (size_t)PyBytes_GET_SIZE(value));
    } else if (PyList_Check(value) || PyTuple_Check(value)) {
        return push_python_sequence(L, value, depth);
    } else if (PyDict_Check(value)) {
        return push_python_dict(L, value, depth);
    } else {
        PyObject *text = PyObject_Str(value);
        if (text == NULL) return 0;
        const char *utf8 = PyUnicode_AsUTF8(text);
        if (utf8 != NULL) lua_pushstring(L, utf8);
        Py_DECREF(text);
        if (utf8 == NULL) return 0;
    }
    return 1;
}

static int minipy_run(lua_State *L) {
    (void)host_allocator(L);
    const char *code = luaL_checkstring(L, 1);
    PyObject *globals = minipy_main_dict();
    if (globals == NULL) return raise_python_error(L);
    /* An expression gives its value; anything else runs as statements. */
    int start = Py_eval_input;
    PyObject *compiled = Py_CompileString(code, "<minipy.run>", Py_eval_input);
    if (compiled == NULL && PyErr_ExceptionMatches(PyExc_SyntaxError)) {
        PyErr_Clear();
        start = Py_file_input;
        compiled = Py_CompileString(code, "<minipy.run>", Py_file_input);
    }
    if (compiled == NULL) return raise_python_error(L);
    PyObject *result = PyEval_EvalCode(compiled, globals, globals);
    Py_DECREF(compiled);
    if (result == NULL) return raise_python_error(L);
    if (start == Py_file_input) { /* statements return nothing */
        Py_DECREF(result);
        return 0;
    }
    const int pushed = push_python_value(L, result, 0);
    Py_DECREF(result);
    return pushed ? 1 : raise_python_error(L);
}

static const luaL_Reg kMinipyFunctions[] = {
    {"allocator", minipy_allocator},
    {"stats", minipy_stats},
    {"limit", minipy_limit},
    {"run", minipy_run},
    {NULL, NULL},
};

int luaopen_minipy(lua_State *L) {
    (void)host_allocator(L);
    luaL_newlib(L, kMinipyFunctions);
    return 1;
}
