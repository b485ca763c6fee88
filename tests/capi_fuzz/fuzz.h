/* What the parts of the C-API fuzzer share: the random stream, the pool of live objects, the
 * canonical output line, and the families of operations. fuzz_main.c says what the program
 * is for and what it leaves out; this header is only the plumbing between its files. */
#ifndef MINIPY_CAPI_FUZZ_H
#define MINIPY_CAPI_FUZZ_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "known_differences.h"

/* --- The random stream (fuzz_main.c) ---------------------------------------------------- */

/* splitmix64 from the seed: the same numbers on every platform and in both builds. */
uint64_t rng_next(void);
/* Uniform in [0, n); n > 0. */
unsigned rng_below(unsigned n);
/* True with the given probability in percent. */
int rng_chance(unsigned percent);
/* Uniform in [lo, hi]. */
long rng_range(long lo, long hi);
/* One of the n strings of a table. */
#define RNG_PICK(table) ((table)[rng_below((unsigned)(sizeof(table) / sizeof((table)[0])))])

/* --- The canonical line (fuzz_emit.c) ----------------------------------------------------
 * One line per call: "<step> <call>(<arguments>) = <result>". Arguments are written before the
 * call (the call may change them), results after it:
 *   an object          its repr
 *   a C number         the number, then " !Type: message" if an exception is set
 *   a failure          "!Type: message" (the exception's type name and str())
 * Two more outcomes are always bugs, and are printed so that the comparison shows them:
 * "NULL without an exception" and "... !!also set: Type: message" (a result with an exception
 * still set). Every printed text goes through emit_scrub(): addresses become 0xADDR. */

/* Starts the line of a call named `name`. */
void call_begin(const char *name);
void arg_obj(PyObject *obj); /* its repr, cut at 80 characters; "NULL" for NULL */
void arg_keyword(const char *name, PyObject *value); /* name=repr */
void arg_long(long long value);
void arg_double(double value);
void arg_cstr(const char *text); /* a C string, quoted with C escapes; "NULL" for NULL */
void arg_bytes(const char *data, Py_ssize_t size);
void arg_text(const char *text); /* a bare word, e.g. a format or an operator */
/* Ends the argument list and flushes, so that a crash in the call leaves its line behind. */
void call_args_done(void);

/* Results. Each ends the line and leaves no exception set. */
/* Prints the object (or the exception) and returns it: a new reference, or NULL. */
PyObject *result_obj(PyObject *result);
/* Prints the object, then offers it to the pool (which may keep it) and drops it. */
void result_keep(PyObject *result);
/* Prints and drops the object. */
void result_drop(PyObject *result);
/* A C integer or floating result; an exception, if set, follows it. */
void result_long(long long value);
void result_double(double value);
/* A C string result (NULL: the exception); the string is not freed. */
void result_cstr(const char *text);
void result_bytes(const char *data, Py_ssize_t size);
/* Free text, then the exception if one is set. */
void result_text(const char *text);

/* The whole line of a call of one object argument: function(arg), named `name`. The result
 * of line_unary is offered to the pool when `keep`, else dropped. */
void line_unary(PyObject *(*function)(PyObject *), const char *name, PyObject *arg, int keep);
void line_unary_int(int (*function)(PyObject *), const char *name, PyObject *arg);
void line_unary_size(Py_ssize_t (*function)(PyObject *), const char *name, PyObject *arg);

/* The repr of an object as a UTF-8 C string in a static buffer, cut at `limit` bytes;
 * "<repr failed: Type>" when repr raises (the exception is cleared). *full_length receives
 * the whole repr's length in bytes when not NULL (-1 when it failed). */
const char *repr_text(PyObject *obj, size_t limit, Py_ssize_t *full_length);

/* --- The pool of live objects (fuzz_values.c) -------------------------------------------- */

enum { kPoolSize = 24, kIterPoolSize = 6 };

/* A random object of the pool (borrowed; never NULL). */
PyObject *pool_any(void);
/* A random object of the pool that `accept` says yes to, else NULL (borrowed). */
PyObject *pool_find(int (*accept)(PyObject *));
/* Offers a new object to the pool, which keeps it in a random slot or drops it; steals. */
void pool_offer(PyObject *obj);
/* Remembers an argument whose repr (repr_length bytes, -1: repr failed) is too long to keep
 * printing; arg_obj calls it. */
void pool_note_size(PyObject *obj, Py_ssize_t repr_length);
/* Replaces any pool object that has grown too large to print (called after every call). */
void pool_trim(void);
void pool_init(void);
void pool_clear(void);

/* A random live iterator (borrowed), or NULL when none; iterators live apart from the pool
 * because their hash and repr are their address. */
PyObject *iter_any(void);
void iter_offer(PyObject *iterator); /* steals */
/* Offers an iterator made from `source` (an iterator over a dict or a dict view is kept only
 * with its source, see known_differences.h); steals the iterator. */
void iter_offer_from(PyObject *iterator, PyObject *source);
/* True for an iterator over a dict that changed since the iterator was made but kept its
 * size: what the iterator yields next then depends on where the dict's entries sit. */
int iter_layout_dependent(PyObject *iterator);

/* Fresh random values: new references. */
PyObject *new_int(void);
PyObject *new_small_int(void); /* -5 .. 20 */
PyObject *new_float(int allow_nan);
PyObject *new_str(void);
PyObject *new_bytes(void);
PyObject *new_hashable(void); /* bool, int, float, str, bytes, range, tuple of those, frozenset */
PyObject *new_value(void);    /* any kind the pool holds, shallow */
/* Mostly a value of the named kind, sometimes any pool object: the wrong-type cases. */
PyObject *arg_int(void);
PyObject *arg_str(void);
PyObject *arg_any(void);

/* A random C string / bytes of the fuzzer's alphabet, in a static buffer of the given slot
 * (0-3), so that a call can take several. */
const char *random_cstr(int slot, Py_ssize_t *size);
const char *random_bytes(int slot, Py_ssize_t *size);
/* Encoding and error-handler names, real and bogus. */
const char *random_encoding(void);
const char *random_errors(void);

/* Kind tests for pool_find. */
int is_int(PyObject *o);
int is_number(PyObject *o);
int is_str(PyObject *o);
int is_bytes(PyObject *o);
int is_tuple(PyObject *o);
int is_list(PyObject *o);
int is_dict(PyObject *o);
int is_anyset(PyObject *o);
int is_set(PyObject *o);
int is_sequence_value(PyObject *o);

/* Bits of an int (0 for 0), or -1 for anything else; length of a sized object or -1. */
long int_bits(PyObject *o);
Py_ssize_t size_of(PyObject *o);

/* --- Families of operations -------------------------------------------------------------- */

typedef struct {
    const char *name;
    void (*run)(void);
    unsigned weight;
} Family;

/* Each part lists its families; fuzz_main.c gathers them. */
extern const Family kNumberFamilies[];
extern const Family kNumberProtocolFamilies[];
extern const Family kTextFamilies[];
extern const Family kBytesFamilies[];
extern const Family kFormatFamilies[];
extern const Family kSequenceFamilies[];
extern const Family kIterationFamilies[];
extern const Family kMappingFamilies[];
extern const Family kProtocolFamilies[];
extern const Family kErrorFamilies[];
extern const Family kArgsFamilies[];

/* --- Method calls (fuzz_methods.c) -------------------------------------------------------
 * A method is described by the kinds of its parameters, one letter each (arg_of_kind says
 * what each letter gives): '|' starts the optional ones, '$' the keyword-only ones, '*' makes
 * the next kind a variable number of arguments. `keywords` names the parameters that may be
 * passed by keyword, space-separated, "-" for a positional-only one (NULL: none may). */
typedef struct {
    const char *name;
    const char *params;
    const char *keywords;
} MethodSpec;

/* A value of the kind (new reference), or about one time in twelve any value. */
PyObject *arg_of_kind(char kind);
/* True for calls that would run for ever or fill the memory, in CPython as in minipy, so are
 * skipped: obj.name(first, ...) with int.__round__(-10**20) (10 ** 10**20), int.to_bytes(10**10)
 * or bytes(10**10) (obj is then the type). */
int call_too_costly(PyObject *obj, const char *name, PyObject *first);
/* Calls a random method of the table on obj, with arguments of the kinds it takes; now and
 * then with a wrong count or keyword (those TypeError messages are a known difference). */
void call_random_method(PyObject *obj, const MethodSpec *table, size_t count);
#define CALL_RANDOM_METHOD(obj, table) \
    call_random_method((obj), (table), sizeof(table) / sizeof((table)[0]))
/* A str from PyUnicode_FromFormat, a bytes from PyBytes_FromFormat, with random formats and
 * arguments, each on its line (fuzz_formats.c). */
void str_new_from_format(void);
void bytes_new_from_format(void);
/* Calls obj.name(*args, **kwargs) through PyObject_Call, printing the line. args is a new
 * tuple (stolen), kwargs a dict or NULL (stolen). `keep` offers the result to the pool. */
void call_method_line(PyObject *obj, const char *name, PyObject *args, PyObject *kwargs, int keep);

#endif /* MINIPY_CAPI_FUZZ_H */
