/* Calling a variadic C-API function (Py_BuildValue, PyUnicode_FromFormat, PyErr_Format, ...)
 * with a format made up at run time. C cannot build a va_list, so the call is chosen from a
 * switch with one call site per signature: up to four arguments, each an int, a long, a long
 * long, a double or a pointer (5 + 25 + 125 + 625 cases, written by the macros below). Every
 * argument is passed with exactly the type its format unit reads: 'i' an int, 'l' and 'n' a
 * long (Py_ssize_t is long wherever this runs: it is checked below), 'L' a long long, 'd' a
 * double, 's' / 'O' a pointer.
 *
 *   VarArgs a = {0};
 *   varargs_add_long(&a, 5); varargs_add_ptr(&a, "x");
 *   #define CALL_BUILD(...) Py_BuildValue(format, __VA_ARGS__)
 *   switch (varargs_signature(&a)) {
 *   case 0: return Py_BuildValue(format);
 *   VARARGS_CASES(CALL_BUILD)
 *   }
 */
#ifndef MINIPY_CAPI_FUZZ_VARARGS_H
#define MINIPY_CAPI_FUZZ_VARARGS_H

#include <assert.h>

#include "fuzz.h"

_Static_assert(sizeof(Py_ssize_t) == sizeof(long), "'n' units are passed as long");

enum { VA_KIND_P, VA_KIND_I, VA_KIND_L, VA_KIND_Q, VA_KIND_D, kVarArgsMax = 4 };

typedef struct {
    int count;
    int kinds[kVarArgsMax];
    union {
        void *p;
        int i;
        long l;
        long long q;
        double d;
    } values[kVarArgsMax];
} VarArgs;

/* Each returns 0, or -1 when the four places are taken. */
static inline int varargs_add_kind(VarArgs *a, int kind) {
    if (a->count == kVarArgsMax) return -1;
    a->kinds[a->count] = kind;
    return a->count++;
}
static inline int varargs_add_ptr(VarArgs *a, const void *p) {
    int i = varargs_add_kind(a, VA_KIND_P);
    if (i >= 0) a->values[i].p = (void *)p;
    return i < 0 ? -1 : 0;
}
static inline int varargs_add_int(VarArgs *a, int v) {
    int i = varargs_add_kind(a, VA_KIND_I);
    if (i >= 0) a->values[i].i = v;
    return i < 0 ? -1 : 0;
}
static inline int varargs_add_long(VarArgs *a, long v) {
    int i = varargs_add_kind(a, VA_KIND_L);
    if (i >= 0) a->values[i].l = v;
    return i < 0 ? -1 : 0;
}
static inline int varargs_add_longlong(VarArgs *a, long long v) {
    int i = varargs_add_kind(a, VA_KIND_Q);
    if (i >= 0) a->values[i].q = v;
    return i < 0 ? -1 : 0;
}
static inline int varargs_add_double(VarArgs *a, double v) {
    int i = varargs_add_kind(a, VA_KIND_D);
    if (i >= 0) a->values[i].d = v;
    return i < 0 ? -1 : 0;
}

/* 0 for no arguments; then 1 + the kinds read as base-5 digits, offset by arity. */
static inline int varargs_signature(const VarArgs *a) {
    static const int kBase[] = {0, 1, 6, 31, 156};
    int code = 0, scale = 1;
    for (int i = 0; i < a->count; i++, scale *= 5) code += a->kinds[i] * scale;
    return kBase[a->count] + code;
}

#define VA_V_P(n_) call_args.values[n_].p
#define VA_V_I(n_) call_args.values[n_].i
#define VA_V_L(n_) call_args.values[n_].l
#define VA_V_Q(n_) call_args.values[n_].q
#define VA_V_D(n_) call_args.values[n_].d
#define VA_K(x)    VA_KIND_##x

#define VA_EACH1(M, C)       M(C, P) M(C, I) M(C, L) M(C, Q) M(C, D)
#define VA_EACH2(M, C, a)    M(C, a, P) M(C, a, I) M(C, a, L) M(C, a, Q) M(C, a, D)
#define VA_EACH3(M, C, a, b) M(C, a, b, P) M(C, a, b, I) M(C, a, b, L) M(C, a, b, Q) M(C, a, b, D)
#define VA_EACH4(M, C, a, b, c) \
    M(C, a, b, c, P) M(C, a, b, c, I) M(C, a, b, c, L) M(C, a, b, c, Q) M(C, a, b, c, D)

/* (Left as written: clang-format reads "case" in a macro body as a label.) */
/* clang-format off */
#define VA_CASE1(C, a) \
    case 1 + VA_K(a): return C(VA_V_##a(0));
#define VA_CASE2(C, a, b) \
    case 6 + VA_K(a) + 5 * VA_K(b): return C(VA_V_##a(0), VA_V_##b(1));
#define VA_CASE3(C, a, b, c) \
    case 31 + VA_K(a) + 5 * VA_K(b) + 25 * VA_K(c): \
        return C(VA_V_##a(0), VA_V_##b(1), VA_V_##c(2));
#define VA_CASE4(C, a, b, c, d) \
    case 156 + VA_K(a) + 5 * VA_K(b) + 25 * VA_K(c) + 125 * VA_K(d): \
        return C(VA_V_##a(0), VA_V_##b(1), VA_V_##c(2), VA_V_##d(3));
/* clang-format on */

#define VA_FOR2(C, a)        VA_EACH2(VA_CASE2, C, a)
#define VA_FOR3B(C, a, b)    VA_EACH3(VA_CASE3, C, a, b)
#define VA_FOR3(C, a)        VA_EACH2(VA_FOR3B, C, a)
#define VA_FOR4C(C, a, b, c) VA_EACH4(VA_CASE4, C, a, b, c)
#define VA_FOR4B(C, a, b)    VA_EACH3(VA_FOR4C, C, a, b)
#define VA_FOR4(C, a)        VA_EACH2(VA_FOR4B, C, a)

/* The cases for one to four arguments, each `return CALL(arguments...)`, for a VarArgs named
 * call_args in scope. */
#define VARARGS_CASES(CALL) \
    VA_EACH1(VA_CASE1, CALL) VA_EACH1(VA_FOR2, CALL) VA_EACH1(VA_FOR3, CALL) VA_EACH1(VA_FOR4, CALL)

#endif /* MINIPY_CAPI_FUZZ_VARARGS_H */
