/* Families over the argument helpers: Py_BuildValue with random formats (nested tuples, lists
 * and dicts, every scalar unit, '#' lengths, N stealing its reference, separators, the odd bad
 * character) and the parsers PyArg_ParseTuple, PyArg_ParseTupleAndKeywords, PyArg_Parse and
 * PyArg_UnpackTuple with random formats (every unit minipy has, nested groups, '|', '$',
 * ':name' and ';message') against argument tuples that mostly fit them.
 *
 * The parsers' output pointers are passed as void * (one call site per count of them): every
 * platform this runs on gives all object pointers one representation, as CPython's own
 * getargs relies on when it skips units. The one function pointer (O&'s converter) is passed
 * with its own type, first. */
#include <string.h>

#include "fuzz.h"
#include "fuzz_varargs.h"

/* --- Py_BuildValue ---------------------------------------------------------------------------- */

typedef struct {
    char fmt[96];
    VarArgs args;
    PyObject *owned[kVarArgsMax]; /* what O and S point at, released after the call */
    int owned_count;
    PyObject *stolen[kVarArgsMax]; /* what N units pass on */
    int stolen_count;
    char shows[kVarArgsMax]; /* how to print each pointer: 'o' object, 's' C string, 'y' bytes */
} BuildPlan;

static void plan_append(BuildPlan *plan, const char *text) {
    if (strlen(plan->fmt) + strlen(text) + 1 < sizeof plan->fmt) strcat(plan->fmt, text);
}

/* One leaf unit and its arguments; 0, or -1 when no argument place is left. */
static int plan_leaf(BuildPlan *plan) {
    VarArgs *a = &plan->args;
    if (a->count >= kVarArgsMax) return -1;
    static const char kIntUnits[] = "ibBhHIcC";
    unsigned pick = rng_below(100);
    if (pick < 25) {
        char unit[2] = {kIntUnits[rng_below(sizeof kIntUnits - 1)], '\0'};
        int v = (int)rng_range(-300, 300);
        if (unit[0] == 'c') v = (int)rng_range(0, 255);
        if (unit[0] == 'C') v = rng_chance(95) ? (int)rng_range(0, 0x10FFFF) : 0x110000;
        if (unit[0] == 'I' || unit[0] == 'H') v = v < 0 ? -v : v;
        varargs_add_int(a, v);
        plan_append(plan, unit);
    } else if (pick < 35) {
        static const char kUnits[] = "lkn";
        char unit[2] = {kUnits[rng_below(3)], '\0'};
        long v = (long)rng_next() >> rng_below(64);
        if (unit[0] == 'k' && v < 0) v = -(v + 1);
        varargs_add_long(a, v);
        plan_append(plan, unit);
    } else if (pick < 42) {
        long long v = (long long)rng_next() >> rng_below(64);
        int is_unsigned = rng_chance(50);
        if (is_unsigned && v < 0) v = -(v + 1);
        varargs_add_longlong(a, v);
        plan_append(plan, is_unsigned ? "K" : "L");
    } else if (pick < 50) {
        PyObject *f = new_float(0);
        varargs_add_double(a, PyFloat_AS_DOUBLE(f));
        Py_DECREF(f);
        plan_append(plan, rng_chance(50) ? "d" : "f");
    } else if (pick < 70) {
        static const char kUnits[] = "szUy";
        char unit[3] = {kUnits[rng_below(4)], '\0', '\0'};
        Py_ssize_t size;
        const char *text =
            unit[0] == 'y' ? random_bytes(a->count, &size) : random_cstr(a->count, &size);
        int with_length = a->count + 1 < kVarArgsMax && rng_chance(40);
        if (rng_chance(10)) text = NULL; /* None, for every one of them */
        plan->shows[a->count] = unit[0] == 'y' && with_length ? 'y' : 's';
        varargs_add_ptr(a, text);
        if (with_length) {
            unit[1] = '#';
            varargs_add_long(a, text == NULL ? 0 : rng_chance(80) ? (long)size : -1);
        }
        plan_append(plan, unit);
    } else {
        static const char kUnits[] = "OOSN";
        char unit[2] = {kUnits[rng_below(4)], '\0'};
        PyObject *o = arg_any();
        /* N: Py_BuildValue owns the reference now, even when it fails (but see build_value()). */
        if (unit[0] != 'N')
            plan->owned[plan->owned_count++] = o;
        else
            plan->stolen[plan->stolen_count++] = o;
        plan->shows[a->count] = 'o';
        varargs_add_ptr(a, o);
        plan_append(plan, unit);
    }
    return 0;
}

static void plan_items(BuildPlan *plan, int depth, int count);

static void plan_item(BuildPlan *plan, int depth) {
    unsigned pick = rng_below(100);
    if (depth < 3 && pick < 20) {
        static const char kOpen[] = "([{";
        static const char kClose[] = ")]}";
        int which = (int)rng_below(3);
        char open[2] = {kOpen[which], '\0'}, close[2] = {kClose[which], '\0'};
        plan_append(plan, open);
        int n = (int)rng_below(3);
        if (which == 2) n *= 2;               /* key, value pairs */
        if (which == 2 && rng_chance(5)) n++; /* an odd one out */
        plan_items(plan, depth + 1, n);
        if (rng_chance(97)) plan_append(plan, close);
        return;
    }
    if (pick < 22) {
        /* Not '&' or '#': after a unit they read arguments (a converter, a length). */
        static const char *const kBad[] = {"x", ")", "?"};
        plan_append(plan, RNG_PICK(kBad));
        return;
    }
    plan_leaf(plan);
}

static void plan_items(BuildPlan *plan, int depth, int count) {
    static const char *const kSeparators[] = {"", "", ",", " ", ":", ", ", "\t"};
    for (int i = 0; i < count; i++) {
        if (i > 0) plan_append(plan, RNG_PICK(kSeparators));
        plan_item(plan, depth);
    }
}

static PyObject *build_value_call(const char *fmt, VarArgs call_args) {
#define CALL_BUILD_VALUE(...) Py_BuildValue(fmt, __VA_ARGS__)
    switch (varargs_signature(&call_args)) {
    case 0: return Py_BuildValue(fmt, 0); VARARGS_CASES(CALL_BUILD_VALUE)
    }
#undef CALL_BUILD_VALUE
    return NULL;
}

static void print_plan_args(const BuildPlan *plan) {
    const VarArgs *a = &plan->args;
    for (int i = 0; i < a->count; i++) {
        switch (a->kinds[i]) {
        case VA_KIND_I: arg_long(a->values[i].i); break;
        case VA_KIND_L: arg_long(a->values[i].l); break;
        case VA_KIND_Q: arg_long(a->values[i].q); break;
        case VA_KIND_D: arg_double(a->values[i].d); break;
        default:
            if (plan->shows[i] == 'o')
                arg_obj((PyObject *)a->values[i].p);
            else if (plan->shows[i] == 'y' && a->values[i].p != NULL && a->values[i + 1].l >= 0)
                arg_bytes((const char *)a->values[i].p, a->values[i + 1].l);
            else
                arg_cstr((const char *)a->values[i].p);
            break;
        }
    }
}

/* True when brackets pair up, every character is a unit or a separator, and no separator comes
 * just before a closing bracket: CPython checks for the bracket right after the group's last
 * item ("(() ), N" fails with "Unmatched paren in format"), and then cannot skip what follows
 * the group, so the references of later N units are never released, in CPython as in minipy
 * (whose leak check would fail). */
static int format_is_clean(const char *fmt) {
    char stack[32];
    int depth = 0;
    for (const char *c = fmt; *c != '\0'; c++) {
        if (strchr("([{", *c) != NULL) {
            if (depth == (int)sizeof stack) return 0;
            stack[depth++] = *c;
        } else if (strchr(")]}", *c) != NULL) {
            if (depth == 0 || stack[--depth] != (*c == ')' ? '(' : *c == ']' ? '[' : '{')) return 0;
            if (c > fmt && strchr(":, \t", c[-1]) != NULL) return 0;
        } else if (strchr("ibBhHIcClknLKdfszUyOSN#:, \t", *c) == NULL) {
            return 0;
        }
    }
    return depth == 0;
}

static void build_value(void) {
    BuildPlan plan;
    memset(&plan, 0, sizeof plan);
    plan_items(&plan, 0, (int)rng_below(4));
    if (!format_is_clean(plan.fmt)) {
        /* A format CPython rejects before reading any argument leaves N's reference with the
         * caller (modsupport.c: countformat fails first): such formats get O instead. */
        for (char *c = plan.fmt; *c != '\0'; c++)
            if (*c == 'N') *c = 'O';
        for (int i = 0; i < plan.stolen_count; i++) plan.owned[plan.owned_count++] = plan.stolen[i];
        plan.stolen_count = 0;
    }
    call_begin("Py_BuildValue");
    arg_cstr(plan.fmt);
    print_plan_args(&plan);
    call_args_done();
    result_keep(build_value_call(plan.fmt, plan.args));
    for (int i = 0; i < plan.owned_count; i++) Py_DECREF(plan.owned[i]);
}

/* --- The parsers --------------------------------------------------------------------------------
 */

/* Where one unit's outputs go. */
typedef struct {
    char unit[3];
    int in_group; /* pointers it gets may point into an item that is gone (see print_outputs) */
    union {
        char c;
        unsigned char b;
        short h;
        unsigned short hu;
        int i;
        unsigned int iu;
        long l;
        unsigned long lu;
        long long ll;
        unsigned long long llu;
        Py_ssize_t n;
        float f;
        double d;
        const char *s;
        PyObject *o;
    } v;
    Py_ssize_t length;
} ParseOutput;

enum { kParseUnitsMax = 8, kParsePointersMax = 12 };

typedef struct {
    char fmt[96];
    ParseOutput out[kParseUnitsMax];
    int units;
    int top_units; /* units and groups at the top level: what kwlist names */
    void *pointers[kParsePointersMax];
    int pointer_count;
    PyTypeObject *checked_type; /* O!'s type */
    int converter_first;        /* the format starts with O& */
    PyObject *args;             /* a list while built, then a tuple */
    const char *kwlist[kParseUnitsMax + 1];
    PyObject *kwargs;
} ParsePlan;

static int converted_count = 0;

/* O&: converts to a C long through PyLong_AsLong; 0 with the error on failure. */
static int long_converter(PyObject *o, void *address) {
    long v = PyLong_AsLong(o);
    if (v == -1 && PyErr_Occurred()) return 0;
    *(long *)address = v;
    converted_count++;
    return 1;
}

static PyObject *value_for_unit(char unit, char modifier) {
    if (rng_chance(12)) return arg_any();
    switch (unit) {
    case 'b':
    case 'B':
    case 'h':
    case 'H':
    case 'i':
    case 'I':
        return PyLong_FromLong(rng_chance(85) ? rng_range(-5, 300) : rng_range(-70000, 70000));
    case 'l':
    case 'k':
    case 'L':
    case 'K':
    case 'n': return new_int();
    case 'c': {
        Py_ssize_t size;
        const char *data = random_bytes(0, &size);
        return PyBytes_FromStringAndSize(data, size > 1 && rng_chance(80) ? 1 : size);
    }
    case 'C': {
        PyObject *s = new_str();
        if (PyUnicode_GetLength(s) > 1 && rng_chance(80))
            Py_SETREF(s, PyUnicode_Substring(s, 0, 1));
        return s;
    }
    case 'f':
    case 'd': return rng_chance(70) ? new_float(1) : new_int();
    case 'p': return arg_any();
    case 's':
    case 'z':
    case 'U': return (unit == 'z' && rng_chance(20)) ? Py_NewRef(Py_None) : new_str();
    case 'y':
    case 'S':
    case 'Y': {
        Py_ssize_t size;
        const char *data = random_bytes(0, &size);
        (void)modifier;
        return PyBytes_FromStringAndSize(data, size);
    }
    default: return arg_any();
    }
}

static void plan_add_pointer(ParsePlan *plan, void *p) {
    if (plan->pointer_count < kParsePointersMax) plan->pointers[plan->pointer_count++] = p;
}

/* Appends one unit (or a group) to the plan with a value for it in args. */
static int parse_unit(ParsePlan *plan, PyObject *values, int depth) {
    if (plan->units >= kParseUnitsMax || plan->pointer_count >= kParsePointersMax - 2) return -1;
    if (depth == 0) plan->top_units++;
    if (depth < 2 && rng_chance(8)) {
        /* A group: its value is a tuple (or, now and then, not). */
        strcat(plan->fmt, "(");
        PyObject *inner = PyList_New(0);
        int n = (int)rng_range(1, 3);
        for (int i = 0; i < n; i++) parse_unit(plan, inner, depth + 1);
        strcat(plan->fmt, ")");
        PyObject *value = rng_chance(85) ? PyList_AsTuple(inner) : arg_any();
        PyList_Append(values, value);
        Py_DECREF(value);
        Py_DECREF(inner);
        return 0;
    }
    static const char kUnits[] = "bBhHiIlkLKncCfdpszyzSUOOO"; /* no Y: minipy has no bytearray */
    ParseOutput *out = &plan->out[plan->units++];
    memset(out, 0, sizeof *out);
    char unit = kUnits[rng_below(sizeof kUnits - 1)];
    char modifier = '\0';
    if ((unit == 's' || unit == 'z' || unit == 'y') && rng_chance(40)) modifier = '#';
    if (unit == 'O' && rng_chance(40)) modifier = '!';
    out->unit[0] = unit;
    out->unit[1] = modifier;
    out->in_group = depth > 0;
    strncat(plan->fmt, out->unit, 2);
    if (unit == 'O' && modifier == '!') {
        static PyTypeObject *const kTypes[] = {&PyLong_Type, &PyUnicode_Type, &PyList_Type,
                                               &PyTuple_Type, &PyDict_Type};
        plan->checked_type = RNG_PICK(kTypes);
        plan_add_pointer(plan, plan->checked_type);
    }
    plan_add_pointer(plan, &out->v);
    if (modifier == '#') plan_add_pointer(plan, &out->length);
    PyObject *value = value_for_unit(unit, modifier);
    PyList_Append(values, value);
    Py_DECREF(value);
    return 0;
}

static void print_outputs(const ParsePlan *plan) {
    char text[600] = "";
    for (int u = 0; u < plan->units; u++) {
        const ParseOutput *o = &plan->out[u];
        char item[160];
        /* A group's items come from PySequence_GetItem and are released after conversion:
         * when the group's argument makes new items (a str does), what s, y, S, U or O
         * returned points into freed memory, in CPython as in minipy. Not shown. */
        if (o->in_group && strchr("szySUO", o->unit[0]) != NULL) {
            snprintf(item, sizeof item, "(in a group)");
        } else
            switch (o->unit[0]) {
            case 'b':
            case 'B': snprintf(item, sizeof item, "%u", o->v.b); break;
            case 'h': snprintf(item, sizeof item, "%d", o->v.h); break;
            case 'H': snprintf(item, sizeof item, "%u", o->v.hu); break;
            case 'i': snprintf(item, sizeof item, "%d", o->v.i); break;
            case 'I': snprintf(item, sizeof item, "%u", o->v.iu); break;
            case 'l': snprintf(item, sizeof item, "%ld", o->v.l); break;
            case 'k': snprintf(item, sizeof item, "%lu", o->v.lu); break;
            case 'L': snprintf(item, sizeof item, "%lld", o->v.ll); break;
            case 'K': snprintf(item, sizeof item, "%llu", o->v.llu); break;
            case 'n': snprintf(item, sizeof item, "%zd", o->v.n); break;
            case 'c': snprintf(item, sizeof item, "%d", (unsigned char)o->v.c); break;
            case 'C':
            case 'p': snprintf(item, sizeof item, "%d", o->v.i); break;
            case 'f': snprintf(item, sizeof item, "%.9g", (double)o->v.f); break;
            case 'd': snprintf(item, sizeof item, "%.17g", o->v.d); break;
            case 's':
            case 'z':
            case 'y':
                if (o->v.s == NULL)
                    snprintf(item, sizeof item, "NULL");
                else if (o->unit[1] == '#')
                    snprintf(item, sizeof item, "%zd bytes", o->length);
                else
                    snprintf(item, sizeof item, "\"%.40s\"", o->v.s);
                break;
            default:
                snprintf(item, sizeof item, "%s",
                         o->v.o == NULL ? "NULL" : repr_text(o->v.o, 40, NULL));
                break;
            }
        if (strlen(text) + strlen(item) + 3 < sizeof text) {
            strcat(text, item);
            strcat(text, "; ");
        }
    }
    result_text(text);
}

/* One call site per count of output pointers (pp[0] .. pp[n - 1]); CALL(...) never gets an
 * empty argument list: no pointers is case 0, written out by each caller. */
#define PARSE_CASES(CALL)                                                                       \
    case 1: return CALL(pp[0]);                                                                 \
    case 2: return CALL(pp[0], pp[1]);                                                          \
    case 3: return CALL(pp[0], pp[1], pp[2]);                                                   \
    case 4: return CALL(pp[0], pp[1], pp[2], pp[3]);                                            \
    case 5: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4]);                                     \
    case 6: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5]);                              \
    case 7: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5], pp[6]);                       \
    case 8: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5], pp[6], pp[7]);                \
    case 9: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5], pp[6], pp[7], pp[8]);         \
    case 10: return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5], pp[6], pp[7], pp[8], pp[9]); \
    default:                                                                                    \
        return CALL(pp[0], pp[1], pp[2], pp[3], pp[4], pp[5], pp[6], pp[7], pp[8], pp[9], pp[10])

static int parse_with_converter(ParsePlan *plan, int with_keywords) {
    void **pp = plan->pointers;
    long converted = 0;
    PyObject *args = plan->args, *kwargs = plan->kwargs;
    const char *fmt = plan->fmt;
    char **kwlist = (char **)plan->kwlist;
#define CALL_CONVERTER(...) PyArg_ParseTuple(args, fmt, long_converter, &converted, __VA_ARGS__)
#define CALL_KW_CONVERTER(...) \
    PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, long_converter, &converted, __VA_ARGS__)
    if (with_keywords) {
        switch (plan->pointer_count) {
        case 0:
            return PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, long_converter,
                                               &converted);
            PARSE_CASES(CALL_KW_CONVERTER);
        }
    }
    switch (plan->pointer_count) {
    case 0:
        return PyArg_ParseTuple(args, fmt, long_converter, &converted);
        PARSE_CASES(CALL_CONVERTER);
    }
#undef CALL_CONVERTER
#undef CALL_KW_CONVERTER
}

static int parse_tuple_call(ParsePlan *plan, int with_keywords) {
    if (plan->converter_first) return parse_with_converter(plan, with_keywords);
    void **pp = plan->pointers;
    PyObject *args = plan->args, *kwargs = plan->kwargs;
    const char *fmt = plan->fmt;
    char **kwlist = (char **)plan->kwlist;
#define CALL_PARSE(...)    PyArg_ParseTuple(args, fmt, __VA_ARGS__)
#define CALL_PARSE_KW(...) PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, __VA_ARGS__)
    if (with_keywords) {
        switch (plan->pointer_count) {
        case 0:
            return PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist);
            PARSE_CASES(CALL_PARSE_KW);
        }
    }
    switch (plan->pointer_count) {
    case 0: return PyArg_ParseTuple(args, fmt); PARSE_CASES(CALL_PARSE);
    }
#undef CALL_PARSE
#undef CALL_PARSE_KW
}

static int parse_one_call(ParsePlan *plan, PyObject *arg) {
    void **pp = plan->pointers;
    const char *fmt = plan->fmt;
#define CALL_PARSE_ONE(...) PyArg_Parse(arg, fmt, __VA_ARGS__)
    switch (plan->pointer_count) {
    case 0: return PyArg_Parse(arg, fmt); PARSE_CASES(CALL_PARSE_ONE);
    }
#undef CALL_PARSE_ONE
}

static void parse_tuple(void) {
    ParsePlan plan;
    memset(&plan, 0, sizeof plan);
    int with_keywords = rng_chance(40);
    PyObject *values = PyList_New(0);
    if (rng_chance(15)) {
        plan.converter_first = 1;
        strcat(plan.fmt, "O&");
        PyObject *v = rng_chance(80) ? new_int() : arg_any();
        PyList_Append(values, v);
        Py_DECREF(v);
    }
    int n = (int)rng_below(5), optional_at = rng_chance(50) ? (int)rng_below((unsigned)n + 1) : -1;
    int keyword_only_at = with_keywords && rng_chance(30) ? (int)rng_below((unsigned)n + 1) : -1;
    for (int i = 0; i < n; i++) {
        if (i == optional_at) strcat(plan.fmt, "|");
        if (i == keyword_only_at && optional_at >= 0 && i >= optional_at) strcat(plan.fmt, "$");
        if (parse_unit(&plan, values, 0) < 0) break;
    }
    if (rng_chance(40)) strcat(plan.fmt, rng_chance(70) ? ":func" : ";custom message");
    /* The arguments: mostly as many values as units, sometimes one more or fewer. */
    if (rng_chance(10)) {
        PyObject *extra = arg_any();
        PyList_Append(values, extra);
        Py_DECREF(extra);
    } else if (rng_chance(15) && PyList_GET_SIZE(values) > 0) {
        Py_ssize_t keep = rng_below((unsigned)PyList_GET_SIZE(values));
        PyList_SetSlice(values, keep, PyList_GET_SIZE(values), NULL);
    }
    /* Keywords: some of the trailing values move to kwargs under their names. */
    int total = plan.converter_first + plan.top_units;
    static const char *const kNames[] = {"conv", "a", "b", "c", "d", "e", "f", "g", "h"};
    for (int i = 0; i < total && i < kParseUnitsMax; i++)
        plan.kwlist[i] = rng_chance(15) ? "" : kNames[i];
    plan.kwlist[total < kParseUnitsMax ? total : kParseUnitsMax] = NULL;
    if (with_keywords) {
        plan.kwargs = rng_chance(50) ? PyDict_New() : NULL;
        if (plan.kwargs != NULL) {
            Py_ssize_t size = PyList_GET_SIZE(values);
            int moved = (int)rng_below(3);
            for (int k = 0; k < moved && size > 0; k++) {
                const char *name = size - 1 < total ? plan.kwlist[size - 1] : "zz";
                if (name == NULL || name[0] == '\0') name = "zz";
                PyDict_SetItemString(plan.kwargs, name, PyList_GET_ITEM(values, size - 1));
                PyList_SetSlice(values, size - 1, size, NULL);
                size--;
            }
            if (rng_chance(10)) PyDict_SetItemString(plan.kwargs, "unknown", Py_None);
        }
    }
    plan.args = PyList_AsTuple(values);
    Py_DECREF(values);
    call_begin(with_keywords ? "PyArg_ParseTupleAndKeywords" : "PyArg_ParseTuple");
    arg_obj(plan.args);
    if (with_keywords) {
        arg_obj(plan.kwargs);
        char names[120] = "[";
        for (int i = 0; plan.kwlist[i] != NULL; i++) {
            strcat(names, "'");
            strcat(names, plan.kwlist[i]);
            strcat(names, "' ");
        }
        strcat(names, "]");
        arg_text(names);
    }
    arg_cstr(plan.fmt);
    call_args_done();
    int rc = parse_tuple_call(&plan, with_keywords);
    if (rc)
        print_outputs(&plan);
    else
        result_long(rc);
    Py_DECREF(plan.args);
    Py_XDECREF(plan.kwargs);
}

/* PyArg_Parse: one object against a format of one unit (or one group). */
static void parse_one(void) {
    ParsePlan plan;
    memset(&plan, 0, sizeof plan);
    PyObject *values = PyList_New(0);
    parse_unit(&plan, values, 0);
    PyObject *arg = PyList_GET_SIZE(values) > 0 ? Py_NewRef(PyList_GET_ITEM(values, 0)) : arg_any();
    Py_DECREF(values);
    call_begin("PyArg_Parse");
    arg_obj(arg);
    arg_cstr(plan.fmt);
    call_args_done();
    int rc = parse_one_call(&plan, arg);
    if (rc)
        print_outputs(&plan);
    else
        result_long(rc);
    Py_DECREF(arg);
}

static void unpack_tuple(void) {
    Py_ssize_t min = rng_range(0, 3), max = rng_range(0, 4);
    int n = (int)rng_range(0, 4);
    PyObject *args = PyTuple_New(n);
    for (int i = 0; i < n; i++) PyTuple_SET_ITEM(args, i, arg_any());
    if (rng_chance(5)) Py_SETREF(args, arg_any());
    PyObject *out[4] = {NULL, NULL, NULL, NULL};
    call_begin("PyArg_UnpackTuple");
    arg_obj(args);
    arg_cstr("unpack");
    arg_long(min);
    arg_long(max);
    call_args_done();
    int rc = PyArg_UnpackTuple(args, "unpack", min, max, &out[0], &out[1], &out[2], &out[3]);
    if (rc) {
        PyObject *shown = PyTuple_Pack(4, out[0] ? out[0] : Py_None, out[1] ? out[1] : Py_None,
                                       out[2] ? out[2] : Py_None, out[3] ? out[3] : Py_None);
        result_drop(shown);
    } else {
        result_long(rc);
    }
    Py_DECREF(args);
}

const Family kArgsFamilies[] = {
    {"build_value", build_value, 8},
    {"parse_tuple", parse_tuple, 8},
    {"parse_one", parse_one, 3},
    {"unpack_tuple", unpack_tuple, 2},
    {NULL, NULL, 0},
};
