/* The fuzzer's output: one canonical line per call (the format is in fuzz.h). Everything the
 * two builds print goes through here, so the only text rewriting lives here too:
 *   - addresses ("at 0x7f..." in the repr of an iterator or a bound method) become
 *     "at 0xADDR";
 *   - the source location that PyErr_BadInternalCall puts in its message ("Objects/
 *     tupleobject.c:438: bad argument to internal function") becomes "<file:line>";
 *   - a NaN printed as a C double loses its sign (Python gives a NaN's sign bit no meaning;
 *     repr shows "nan" either way).
 * Nothing else is normalised. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static unsigned long step_number = 0;
static int argument_count = 0;
/* Writes text with every "at 0x<hex>" replaced by "at 0xADDR". */
static void write_scrubbed(const char *text, size_t size) {
    size_t i = 0;
    while (i < size) {
        if (i + 5 <= size && memcmp(text + i, "at 0x", 5) == 0) {
            fputs("at 0xADDR", stdout);
            i += 5;
            while (i < size &&
                   ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f') ||
                    (text[i] >= 'A' && text[i] <= 'F')))
                ++i;
            continue;
        }
        fputc(text[i], stdout);
        ++i;
    }
}

/* Four rotating buffers, so that a line can hold a few texts at once. */
static char *next_buffer(void) {
    static char buffers[4][1024];
    static unsigned next = 0;
    return buffers[next++ % 4];
}

/* Copies at most `limit` bytes of UTF-8 (never splitting a character), adding "..." when cut. */
static const char *cut_utf8(const char *text, size_t size, size_t limit) {
    char *out = next_buffer();
    if (limit > 1000) limit = 1000;
    if (size <= limit) {
        memcpy(out, text, size);
        out[size] = '\0';
        return out;
    }
    size_t end = limit;
    while (end > 0 && (text[end] & 0xC0) == 0x80) --end;
    memcpy(out, text, end);
    memcpy(out + end, "...", 4);
    return out;
}

/* "<path>:<line>: bad argument to internal function", PyErr_BadInternalCall's message. */
static int is_bad_call_message(const char *text, size_t size) {
    static const char kTail[] = ": bad argument to internal function";
    const size_t tail = sizeof kTail - 1;
    if (size <= tail || strcmp(text + size - tail, kTail) != 0) return 0;
    const char *space = memchr(text, ' ', size - tail);
    return space == NULL; /* the location is one word */
}

/* The type name and message of the pending exception, cleared. */
static const char *exception_text(void) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    const char *name = type != NULL && PyType_Check(type) ? ((PyTypeObject *)type)->tp_name : "?";
    char *out = next_buffer();
    const char *message = "<no value>";
    PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
    Py_ssize_t size = 0;
    const char *utf8 = text != NULL ? PyUnicode_AsUTF8AndSize(text, &size) : NULL;
    if (utf8 != NULL && is_bad_call_message(utf8, (size_t)size))
        message = "<file:line>: bad argument to internal function";
    else if (utf8 != NULL)
        message = cut_utf8(utf8, (size_t)size, 400);
    else if (value != NULL)
        message = "<str() of the exception failed>";
    PyErr_Clear();
    snprintf(out, 1024, "%s: %s", name, message);
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
    return out;
}

const char *repr_text(PyObject *obj, size_t limit, Py_ssize_t *full_length) {
    if (full_length != NULL) *full_length = -1;
    if (obj == NULL) return "NULL";
    PyObject *repr = PyObject_Repr(obj);
    Py_ssize_t size = 0;
    const char *utf8 = repr != NULL ? PyUnicode_AsUTF8AndSize(repr, &size) : NULL;
    const char *out;
    if (utf8 == NULL) {
        char *buffer = next_buffer();
        snprintf(buffer, 1024, "<repr failed: %s>", exception_text());
        out = buffer;
    } else {
        out = cut_utf8(utf8, (size_t)size, limit);
        if (full_length != NULL) *full_length = size;
    }
    Py_XDECREF(repr);
    return out;
}

void call_begin(const char *name) {
    printf("%lu %s(", ++step_number, name);
    argument_count = 0;
}

static void separator(void) {
    if (argument_count++ > 0) fputs(", ", stdout);
}

void arg_obj(PyObject *obj) {
    separator();
    Py_ssize_t length;
    const char *text = repr_text(obj, 80, &length);
    if (obj != NULL) pool_note_size(obj, length);
    write_scrubbed(text, strlen(text));
}

void arg_keyword(const char *name, PyObject *value) {
    separator();
    printf("%s=", name);
    --argument_count;
    arg_obj(value);
}

void arg_long(long long value) {
    separator();
    printf("%lld", value);
}

static void print_double(double value) {
    if (isnan(value))
        fputs("nan", stdout);
    else
        printf("%.17g", value);
}

void arg_double(double value) {
    separator();
    print_double(value);
}

static void print_c_bytes(const char *data, size_t size) {
    putchar('"');
    for (size_t i = 0; i < size; i++) {
        const unsigned char c = (unsigned char)data[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c >= 0x20 && c < 0x7F)
            putchar(c);
        else
            printf("\\x%02x", c);
    }
    putchar('"');
}

void arg_cstr(const char *text) {
    separator();
    if (text == NULL)
        fputs("NULL", stdout);
    else
        print_c_bytes(text, strlen(text));
}

void arg_bytes(const char *data, Py_ssize_t size) {
    separator();
    print_c_bytes(data, (size_t)size);
    printf("#%zd", size);
}

void arg_text(const char *text) {
    separator();
    fputs(text, stdout);
}

void call_args_done(void) {
    fputs(") = ", stdout);
    fflush(stdout);
}

static void end_line(void) {
    putchar('\n');
    pool_trim();
}

static void print_exception_if_set(const char *lead) {
    if (!PyErr_Occurred()) return;
    fputs(lead, stdout);
    const char *text = exception_text();
    write_scrubbed(text, strlen(text));
}

PyObject *result_obj(PyObject *result) {
    if (result == NULL) {
        if (PyErr_Occurred())
            print_exception_if_set("!");
        else
            fputs("NULL without an exception", stdout);
    } else {
        /* The exception, if one is set with a result, must not reach repr(). */
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        const char *text = repr_text(result, 400, NULL);
        write_scrubbed(text, strlen(text));
        PyErr_Restore(type, value, traceback);
        print_exception_if_set(" !!also set: ");
    }
    end_line();
    return result;
}

void result_keep(PyObject *result) {
    result = result_obj(result);
    if (result != NULL) pool_offer(result);
}

void result_drop(PyObject *result) {
    Py_XDECREF(result_obj(result));
}

void result_long(long long value) {
    printf("%lld", value);
    print_exception_if_set(" !");
    end_line();
}

void result_double(double value) {
    print_double(value);
    print_exception_if_set(" !");
    end_line();
}

void result_cstr(const char *text) {
    if (text != NULL) print_c_bytes(text, strlen(text));
    print_exception_if_set(text != NULL ? " !!also set: " : "!");
    end_line();
}

void result_bytes(const char *data, Py_ssize_t size) {
    if (data != NULL) {
        print_c_bytes(data, (size_t)size);
        printf("#%zd", size);
    }
    print_exception_if_set(data != NULL ? " !!also set: " : "!");
    end_line();
}

void result_text(const char *text) {
    write_scrubbed(text, strlen(text));
    print_exception_if_set(" !");
    end_line();
}

/* --- Lines of one-argument calls --------------------------------------------------------- */

void line_unary(PyObject *(*function)(PyObject *), const char *name, PyObject *arg, int keep) {
    call_begin(name);
    arg_obj(arg);
    call_args_done();
    if (keep)
        result_keep(function(arg));
    else
        result_drop(function(arg));
}

void line_unary_int(int (*function)(PyObject *), const char *name, PyObject *arg) {
    call_begin(name);
    arg_obj(arg);
    call_args_done();
    result_long(function(arg));
}

void line_unary_size(Py_ssize_t (*function)(PyObject *), const char *name, PyObject *arg) {
    call_begin(name);
    arg_obj(arg);
    call_args_done();
    result_long(function(arg));
}
