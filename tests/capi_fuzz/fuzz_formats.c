/* The printf-style C formats: PyUnicode_FromFormat and PyBytes_FromFormat with random formats
 * (every unit CPython 3.11 has, widths and precisions, objects through %S %R %A %U %V, and a
 * stray '%' or unknown unit last) and arguments of exactly the C types the units read
 * (fuzz_varargs.h). str_new and bytes_new call these as one of their ways of making a value. */
#include <string.h>

#include "fuzz.h"
#include "fuzz_varargs.h"

/* --- PyUnicode_FromFormat ---------------------------------------------------------------- */

/* Appends a random format unit to fmt and its argument to a; 0, or -1 when out of room. */
static int add_format_unit(char *fmt, size_t room, VarArgs *a, PyObject **keep) {
    static const char *const kInts[] = {"%d", "%i", "%5d", "%05d", "%x", "%c", "%u", "%3i"};
    static const char *const kLongs[] = {"%ld", "%li", "%lu", "%zd", "%zi", "%zu"};
    static const char *const kLongLongs[] = {"%lld", "%lli", "%llu"};
    static const char *const kStrings[] = {"%s", "%.3s", "%8s", "%.1s", "%5.2s"};
    static const char *const kObjects[] = {"%S", "%R", "%A", "%U", "%.2S", "%10R", "%.4U"};
    /* ASCII only: CPython 3.11 requires an ASCII format (it widens other bytes as signed
     * chars, to U+FFxx). */
    static const char *const kLiterals[] = {"x", " ", "%%", "ab", ":", "-"};
    /* Units that end the format: after them CPython copies the rest verbatim, so no argument
     * may follow (a reader that went on would read arguments that were never passed). */
    static const char *const kEnders[] = {"%", "%q"};
    const char *unit;
    unsigned pick = rng_below(100);
    int rc = 0, ends = 0;
    if (pick < 18) {
        unit = RNG_PICK(kInts);
        long v = rng_chance(80) ? rng_range(-300, 300) : (long)(int)rng_next();
        if (unit[1] == 'c') v = rng_chance(90) ? (long)rng_range(32, 0x1F600) : 0x110000;
        if (unit[1] == 'u' || unit[1] == 'x') v = v < 0 ? -v : v;
        rc = varargs_add_int(a, (int)v);
    } else if (pick < 30) {
        unit = RNG_PICK(kLongs);
        long v = (long)rng_next() >> rng_below(64);
        if (strchr(unit, 'u') || strchr(unit, 'x')) v = v < 0 ? -(v + 1) : v;
        rc = varargs_add_long(a, v);
    } else if (pick < 36) {
        unit = RNG_PICK(kLongLongs);
        long long v = (long long)rng_next() >> rng_below(64);
        if (strchr(unit, 'u')) v = v < 0 ? -(v + 1) : v;
        rc = varargs_add_longlong(a, v);
    } else if (pick < 50) {
        unit = RNG_PICK(kStrings);
        Py_ssize_t size;
        rc = varargs_add_ptr(a, random_cstr(a->count, &size));
    } else if (pick < 68) {
        unit = RNG_PICK(kObjects);
        PyObject *o = unit[strlen(unit) - 1] == 'U' && rng_chance(90) ? new_str() : arg_any();
        if (unit[strlen(unit) - 1] == 'U' && !PyUnicode_Check(o)) Py_SETREF(o, new_str());
        *keep = o;
        rc = varargs_add_ptr(a, o);
    } else if (pick < 72 && a->count <= kVarArgsMax - 2) {
        /* %V: a str, or NULL and a C string. */
        unit = "%V";
        PyObject *o = rng_chance(50) ? new_str() : NULL;
        *keep = o;
        Py_ssize_t size;
        varargs_add_ptr(a, o);
        rc = varargs_add_ptr(a, random_cstr(a->count, &size));
    } else if (pick < 97) {
        unit = RNG_PICK(kLiterals);
    } else {
        unit = RNG_PICK(kEnders);
        ends = 1;
    }
    /* An argument added for a unit that does not fit is passed and never read: harmless. */
    if (rc < 0 || strlen(fmt) + strlen(unit) + 1 > room) return -1;
    strcat(fmt, unit);
    return ends ? -1 : 0;
}

static PyObject *from_format(const char *fmt, VarArgs call_args) {
#define CALL_FROM_FORMAT(...) PyUnicode_FromFormat(fmt, __VA_ARGS__)
    switch (varargs_signature(&call_args)) {
    case 0: return PyUnicode_FromFormat(fmt, 0); VARARGS_CASES(CALL_FROM_FORMAT)
    }
#undef CALL_FROM_FORMAT
    return NULL;
}

void str_new_from_format(void) {
    char fmt[64] = "";
    VarArgs a = {0};
    PyObject *keep[6] = {0};
    int units = (int)rng_range(1, 5);
    for (int i = 0; i < units; i++)
        if (add_format_unit(fmt, sizeof fmt, &a, &keep[i]) < 0) break;
    call_begin("PyUnicode_FromFormat");
    arg_cstr(fmt);
    for (int i = 0; i < a.count; i++) {
        switch (a.kinds[i]) {
        case VA_KIND_I: arg_long(a.values[i].i); break;
        case VA_KIND_L: arg_long(a.values[i].l); break;
        case VA_KIND_Q: arg_long(a.values[i].q); break;
        default: {
            /* A pointer: one of the kept objects, or a C string. */
            int is_object = 0;
            for (int k = 0; k < 6; k++)
                if (keep[k] != NULL && (void *)keep[k] == a.values[i].p) is_object = 1;
            if (is_object)
                arg_obj((PyObject *)a.values[i].p);
            else
                arg_cstr((const char *)a.values[i].p);
        }
        }
    }
    call_args_done();
    result_keep(from_format(fmt, a));
    for (int i = 0; i < 6; i++) Py_XDECREF(keep[i]);
}

/* --- PyBytes_FromFormat ------------------------------------------------------------------- */

static PyObject *bytes_from_format_call(const char *fmt, VarArgs call_args) {
#define CALL_BYTES_FORMAT(...) PyBytes_FromFormat(fmt, __VA_ARGS__)
    switch (varargs_signature(&call_args)) {
    case 0: return PyBytes_FromFormat(fmt, 0); VARARGS_CASES(CALL_BYTES_FORMAT)
    }
#undef CALL_BYTES_FORMAT
    return NULL;
}

void bytes_new_from_format(void) {
    static const char *const kInts[] = {"%d", "%i", "%u", "%x", "%c", "%5d", "%03i"};
    static const char *const kLongs[] = {"%ld", "%lu", "%zd", "%zu", "%zi"};
    static const char *const kStrings[] = {"%s", "%.2s", "%.0s"};
    static const char *const kLiterals[] = {"x", "%%", " ", "ab", "\xff"};
    char fmt[64] = "";
    VarArgs a = {0};
    int units = (int)rng_range(1, 5);
    for (int i = 0; i < units; i++) {
        const char *unit;
        unsigned pick = rng_below(100);
        int rc = 0;
        if (pick < 30) {
            unit = RNG_PICK(kInts);
            int v = (int)rng_range(-300, 300);
            if (strchr(unit, 'c')) v = (int)rng_range(0, 260);
            if (strchr(unit, 'u') || strchr(unit, 'x')) v = v < 0 ? -v : v;
            rc = varargs_add_int(&a, v);
        } else if (pick < 50) {
            unit = RNG_PICK(kLongs);
            long v = (long)rng_next() >> rng_below(64);
            if (strchr(unit, 'u')) v = v < 0 ? -(v + 1) : v;
            rc = varargs_add_long(&a, v);
        } else if (pick < 75) {
            unit = RNG_PICK(kStrings);
            Py_ssize_t size;
            rc = varargs_add_ptr(&a, random_cstr(a.count, &size));
        } else {
            unit = RNG_PICK(kLiterals);
        }
        if (rc < 0 || strlen(fmt) + strlen(unit) + 1 > sizeof fmt) break;
        strcat(fmt, unit);
    }
    call_begin("PyBytes_FromFormat");
    arg_cstr(fmt);
    for (int i = 0; i < a.count; i++) {
        if (a.kinds[i] == VA_KIND_I)
            arg_long(a.values[i].i);
        else if (a.kinds[i] == VA_KIND_L)
            arg_long(a.values[i].l);
        else
            arg_cstr((const char *)a.values[i].p);
    }
    call_args_done();
    result_keep(bytes_from_format_call(fmt, a));
}

const Family kFormatFamilies[] = {
    {"str_format", str_new_from_format, 3},
    {"bytes_format", bytes_new_from_format, 2},
    {NULL, NULL, 0},
};
