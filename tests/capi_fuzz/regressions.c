/* Regression cases for the differences the C-API fuzzer found, one named case each, reduced
 * to the smallest call that showed it. Built unchanged against minipy and against CPython 3.11
 * like the fuzzer; each case prints "name: result" (the result's repr, or "!Type: message").
 * regressions.expected is what the CPython build prints (regenerate it with
 *   build/debug/tests/capi_fuzz/minipy_capi_regressions_on_cpython > regressions.expected
 * ), and CTest checks both builds against it, so that sanitized builds, which have no CPython
 * build, check minipy too. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdio.h>

/* Prints the case's line and releases the result. */
static void show(const char *name, PyObject *result) {
    printf("%s: ", name);
    if (result == NULL) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);
        PyErr_NormalizeException(&type, &value, &traceback);
        PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
        printf("!%s: %s\n",
               type != NULL ? ((PyTypeObject *)type)->tp_name : "NULL without an exception",
               text != NULL ? PyUnicode_AsUTF8(text) : "?");
        Py_XDECREF(text);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(traceback);
        return;
    }
    PyObject *repr = PyObject_Repr(result);
    printf("%s\n", repr != NULL ? PyUnicode_AsUTF8(repr) : "<repr failed>");
    Py_XDECREF(repr);
    Py_DECREF(result);
    PyErr_Clear();
}

/* obj.name(*args), the arguments from a Py_BuildValue format (a tuple). */
static PyObject *call(PyObject *obj, const char *name, PyObject *args) {
    PyObject *method = PyObject_GetAttrString(obj, name);
    PyObject *result = method != NULL && args != NULL ? PyObject_Call(method, args, NULL) : NULL;
    Py_XDECREF(method);
    Py_XDECREF(args);
    return result;
}

/* A set of the items of a list built from a Py_BuildValue format. */
static PyObject *set_of(PyObject *list) {
    PyObject *set = list != NULL ? PySet_New(list) : NULL;
    Py_XDECREF(list);
    return set;
}

/* set.intersection(iterable) hashes every item of the iterable: it stops early only once the
 * result holds all of the set, and an empty set's empty result does not count as that. */
static void set_intersection_hashes_every_item(void) {
    PyObject *empty = PySet_New(NULL), *one = set_of(Py_BuildValue("[i]", 1));
    show("set_intersection_hashes_every_item",
         call(empty, "intersection", Py_BuildValue("([s{}])", "a")));
    show("set_intersection_hashes_until_full",
         call(one, "intersection", Py_BuildValue("([i{}])", 2)));
    show("set_intersection_stops_when_full",
         call(one, "intersection", Py_BuildValue("([i{}])", 1)));
    Py_DECREF(empty);
    Py_DECREF(one);
}

/* The exception's __cause__, shown after the exception itself (which stays set). */
static void show_cause(const char *name, PyObject *result) {
    if (result != NULL) {
        show(name, result);
        return;
    }
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    PyObject *cause = value != NULL ? PyException_GetCause(value) : NULL;
    PyErr_Restore(type, value, traceback);
    show(name, NULL);
    printf("%s.__cause__: ", name);
    PyObject *repr = cause != NULL ? PyObject_Repr(cause) : NULL;
    printf("%s\n", repr != NULL ? PyUnicode_AsUTF8(repr) : "None");
    Py_XDECREF(repr);
    Py_XDECREF(cause);
}

/* Names of utf-8, ascii and latin-1 that CPython does not take on its fast path ("u8", "us",
 * "l1") go through its codec registry, which rewraps an unknown error handler's LookupError
 * with the operation and the name; the fast-path names do not. */
static void codec_registry_wraps_lookup_errors(void) {
    show_cause("decode_u8_bogus_handler", PyUnicode_Decode("\xff", 1, "u8", "bogus"));
    show("decode_utf8_bogus_handler", PyUnicode_Decode("\xff", 1, "UTF-8", "bogus"));
    show("decode_l1_bogus_handler_unused", PyUnicode_Decode("\xff", 1, "l1", "bogus"));
    PyObject *s = PyUnicode_FromString("\xc3\xa9");
    show_cause("encode_us_bogus_handler", PyUnicode_AsEncodedString(s, "us", "bogus"));
    show("encode_us_ascii_bogus_handler", PyUnicode_AsEncodedString(s, "us-ascii", "bogus"));
    show("encode_646_strict", PyUnicode_AsEncodedString(s, "646", "strict"));
    show("encode_unknown_encoding", PyUnicode_AsEncodedString(s, "utf-9", "bogus"));
    Py_DECREF(s);
    PyObject *surrogate = PyUnicode_FromOrdinal(0xD800);
    show_cause("str_encode_method_u8_surrogate",
               call(surrogate, "encode", Py_BuildValue("(ss)", "u8", "nope")));
    Py_DECREF(surrogate);
}

/* -1 is nothing but sign bits: CPython writes it in 0 bytes when signed (it makes room for a
 * sign bit only when it writes a byte); every other value needs at least one. */
static void minus_one_fits_in_no_bytes(void) {
    static const long kValues[] = {-1, 0, -2, 1};
    for (int i = 0; i < 4; i++) {
        PyObject *v = PyLong_FromLong(kValues[i]);
        unsigned char byte = 0xAB;
        char name[64];
        snprintf(name, sizeof name, "as_byte_array_%ld_in_0_bytes", kValues[i]);
        int rc = _PyLong_AsByteArray((PyLongObject *)v, &byte, 0, 0, 1);
        show(name, rc == 0 ? PyLong_FromLong(byte) : NULL);
        snprintf(name, sizeof name, "to_bytes_%ld_length_0_signed", kValues[i]);
        PyObject *kwargs = Py_BuildValue("{sO}", "signed", Py_True);
        PyObject *method = PyObject_GetAttrString(v, "to_bytes");
        PyObject *args = Py_BuildValue("(is)", 0, "little");
        show(name, PyObject_Call(method, args, kwargs));
        Py_DECREF(args);
        Py_DECREF(method);
        Py_DECREF(kwargs);
        Py_DECREF(v);
    }
}

/* A repetition whose size fits Py_ssize_t but not an object: MemoryError, as the allocator
 * refuses it (past Py_ssize_t it is OverflowError). */
static void bytes_repeat_too_big_for_memory(void) {
    PyObject *b = PyBytes_FromString("12"), *one = PyBytes_FromString("1");
    show("bytes_repeat_size_near_ssize_max", PySequence_Repeat(b, ((Py_ssize_t)1 << 62) - 1));
    show("bytes_repeat_size_ssize_max", PySequence_Repeat(one, PY_SSIZE_T_MAX));
    show("bytes_repeat_size_past_ssize_max", PySequence_Repeat(b, (Py_ssize_t)1 << 62));
    Py_DECREF(b);
    Py_DECREF(one);
}

/* PyUnicode_WriteChar on a string fresh from PyUnicode_New, whose characters are not set yet:
 * deciding whether it may change must not read them (memcheck checks this one). */
static void write_char_into_fresh_string(void) {
    PyObject *s = PyUnicode_New(1, 255);
    int rc = s != NULL ? PyUnicode_WriteChar(s, 0, 0xE9) : -1;
    show("write_char_into_fresh_string", rc == 0 ? s : NULL);
    PyObject *shared = PyUnicode_FromOrdinal('a'); /* the cached 'a': not to be changed */
    rc = PyUnicode_WriteChar(shared, 0, 'b');
    show("write_char_into_cached_string", rc == 0 ? Py_NewRef(shared) : NULL);
    Py_DECREF(shared);
}

int main(void) {
#ifdef MINIPY_PYTHON_H
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.leak_check = 1;
    config.allocator = "malloc"; /* memcheck and the sanitizers see every object alone */
    if (PyStatus_Exception(Py_InitializeFromConfig(&config))) return 1;
#else
    Py_InitializeEx(0);
#endif
    set_intersection_hashes_every_item();
    codec_registry_wraps_lookup_errors();
    minus_one_fits_in_no_bytes();
    bytes_repeat_too_big_for_memory();
    write_char_into_fresh_string();
    if (Py_FinalizeEx() < 0) return 1;
#ifdef MINIPY_PYTHON_H
    minipy_leak_report report;
    if (!minipy_get_leak_report(&report) || report.mem_blocks != 0 || report.obj_blocks != 0)
        return 1;
#endif
    return 0;
}
