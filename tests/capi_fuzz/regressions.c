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

/* str.split and rsplit allocate their list as CPython does, which __sizeof__ shows: room for
 * maxsplit + 1 pieces (at most 12) filled in place and kept when fewer are made, appends past
 * 12, and a list of one when the separator is longer than the string. */
static void split_list_sizes(void) {
    static const struct {
        const char *text, *method, *sep;
        int maxsplit;
    } kCases[] = {
        {"little", "rsplit", NULL, 2},
        {"a b", "split", NULL, -1},
        {"", "split", "abc", 3},
        {"a,b", "split", ",", 0},
        {"a,b,c", "rsplit", ",", 1},
        {"abc", "split", "b", -1},
        {"a b c d e f g h i j k l m n", "split", NULL, -1},
        {"z", "split", "\xc3\xa9", 5},
        {"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21", "split", ",", 40},
    };
    for (size_t i = 0; i < sizeof kCases / sizeof kCases[0]; i++) {
        PyObject *text = PyUnicode_FromString(kCases[i].text);
        PyObject *args = kCases[i].sep != NULL
                             ? Py_BuildValue("(si)", kCases[i].sep, kCases[i].maxsplit)
                             : Py_BuildValue("(Oi)", Py_None, kCases[i].maxsplit);
        PyObject *list = call(text, kCases[i].method, args);
        char name[96];
        snprintf(name, sizeof name, "%s_%s_sizeof", kCases[i].method, kCases[i].text);
        show(name, list != NULL ? call(list, "__sizeof__", PyTuple_New(0)) : NULL);
        Py_XDECREF(list);
        Py_DECREF(text);
    }
    PyObject *text = PyUnicode_FromString("x y");
    PyObject *list = PyUnicode_Split(text, NULL, -1);
    show("PyUnicode_Split_whitespace_sizeof", call(list, "__sizeof__", PyTuple_New(0)));
    Py_DECREF(list);
    Py_DECREF(text);
}

/* int.to_bytes converts its length to a Py_ssize_t before it checks the byteorder's type. */
static void to_bytes_converts_length_first(void) {
    PyObject *one = PyLong_FromLong(1);
    show("to_bytes_bytes_length_int_byteorder",
         call(one, "to_bytes", Py_BuildValue("(yi)", "x", 1)));
    show("to_bytes_float_length_bool_byteorder",
         call(one, "to_bytes", Py_BuildValue("(dO)", 1.5, Py_False)));
    show("to_bytes_negative_length_int_byteorder",
         call(one, "to_bytes", Py_BuildValue("(ii)", -1, 1)));
    show("to_bytes_negative_length_bad_byteorder",
         call(one, "to_bytes", Py_BuildValue("(is)", -1, "middle")));
    Py_DECREF(one);
}

/* PyObject_Print writes UTF-8 with backslashreplace (a lone surrogate prints escaped), and
 * "<nil>" for NULL. */
static void print_escapes_surrogates(void) {
    PyObject *s = PyUnicode_FromOrdinal(0xDC80);
    for (int raw = 0; raw < 2; raw++) {
        printf("print_surrogate%s: [", raw ? "_raw" : "");
        fflush(stdout);
        int rc = PyObject_Print(s, stdout, raw ? Py_PRINT_RAW : 0);
        fflush(stdout);
        printf("] rc=%d\n", rc);
    }
    printf("print_null: [");
    fflush(stdout);
    int rc = PyObject_Print(NULL, stdout, 0);
    fflush(stdout);
    printf("] rc=%d\n", rc);
    Py_DECREF(s);
}

/* type(x) is x's type; type with another count of arguments than 1 or 3 is refused. */
static void type_of_one_argument(void) {
    PyObject *type = (PyObject *)&PyType_Type;
    show("type_of_int", PyObject_CallFunction(type, "(i)", 5));
    show("type_of_list", PyObject_CallFunction(type, "([])"));
    show("type_of_type", PyObject_CallFunction(type, "(O)", type));
    show("type_no_arguments", PyObject_CallNoArgs(type));
    show("type_two_arguments", PyObject_CallFunction(type, "(ii)", 1, 2));
    PyObject *args = Py_BuildValue("(i)", 1), *kwargs = Py_BuildValue("{si}", "x", 1);
    show("type_one_argument_and_a_keyword", PyObject_Call(type, args, kwargs));
    Py_DECREF(args);
    Py_DECREF(kwargs);
}

/* Encoding names are normalized as CPython's codec registry does (_Py_normalize_encoding: any
 * run of punctuation is one '_', none at the ends), then looked up among the aliases, as they
 * are and with '.' read as '_', then as module names. */
static void codec_names_normalized(void) {
    static const char *const kNames[] = {"{latin-1", "UTF 8",  "ansi.x3.4.1968", "iso_646.irv:1991",
                                         ".utf8",    "utf_8.", "lat\xc3\x80in1", "utf8\xc3\xa9",
                                         "utf..8",   "-",      "ISO_8859-1:1987"};
    PyObject *s = PyUnicode_FromString("x");
    for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; i++) {
        char name[96];
        snprintf(name, sizeof name, "decode_with_%s", kNames[i]);
        show(name, PyUnicode_Decode("\xe9", 1, kNames[i], "replace"));
        snprintf(name, sizeof name, "encode_with_%s", kNames[i]);
        show(name, PyUnicode_AsEncodedString(s, kNames[i], "strict"));
    }
    Py_DECREF(s);
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
    split_list_sizes();
    to_bytes_converts_length_first();
    print_escapes_surrogates();
    type_of_one_argument();
    codec_names_normalized();
    if (Py_FinalizeEx() < 0) return 1;
#ifdef MINIPY_PYTHON_H
    minipy_leak_report report;
    if (!minipy_get_leak_report(&report) || report.mem_blocks != 0 || report.obj_blocks != 0)
        return 1;
#endif
    return 0;
}
