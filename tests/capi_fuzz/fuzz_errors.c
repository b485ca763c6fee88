/* The error family: setting exceptions (PyErr_SetString, SetObject, Format with random
 * arguments), exception objects made by calling their types and their args, the fetch /
 * normalize / match / restore round trip, and chaining (__cause__, __context__). */
#include <string.h>

#include "fuzz.h"
#include "fuzz_varargs.h"

/* --- The error API ------------------------------------------------------------------------------
 */

static PyObject *random_exception_type(void) {
    PyObject *const types[] = {
        PyExc_ValueError,    PyExc_TypeError,    PyExc_KeyError,      PyExc_IndexError,
        PyExc_LookupError,   PyExc_Exception,    PyExc_OverflowError, PyExc_ZeroDivisionError,
        PyExc_StopIteration, PyExc_RuntimeError, PyExc_UnicodeError,  PyExc_AttributeError,
    };
    return types[rng_below(sizeof types / sizeof types[0])];
}

static PyObject *error_format_call(PyObject *type, const char *fmt, VarArgs call_args) {
#define CALL_ERR_FORMAT(...) PyErr_Format(type, fmt, __VA_ARGS__)
    switch (varargs_signature(&call_args)) {
    case 0: return PyErr_Format(type, fmt, 0); VARARGS_CASES(CALL_ERR_FORMAT)
    }
#undef CALL_ERR_FORMAT
    return NULL;
}

static void errors(void) {
    PyObject *type = random_exception_type();
    switch (rng_below(6)) {
    case 0: {
        Py_ssize_t size;
        const char *text = random_cstr(0, &size);
        call_begin("PyErr_SetString");
        arg_text(((PyTypeObject *)type)->tp_name);
        arg_cstr(text);
        call_args_done();
        PyErr_SetString(type, text);
        result_obj(NULL);
        break;
    }
    case 1: {
        PyObject *value = arg_any();
        call_begin("PyErr_SetObject");
        arg_text(((PyTypeObject *)type)->tp_name);
        arg_obj(value);
        call_args_done();
        PyErr_SetObject(type, value);
        result_obj(NULL);
        Py_DECREF(value);
        break;
    }
    case 2: {
        static const char *const kFormats[] = {"%d items", "%s: %R", "%S", "x=%zd", "%U!", "%c"};
        const char *fmt = RNG_PICK(kFormats);
        VarArgs a = {0};
        PyObject *keep = NULL;
        call_begin("PyErr_Format");
        arg_text(((PyTypeObject *)type)->tp_name);
        arg_cstr(fmt);
        switch (fmt[1] == 's' ? 's' : fmt[strlen(fmt) - 1] == 'S' ? 'S' : fmt[1]) {
        case 'd':
            varargs_add_int(&a, (int)rng_range(-5, 99));
            arg_long(a.values[0].i);
            break;
        case 's': {
            Py_ssize_t size;
            varargs_add_ptr(&a, random_cstr(0, &size));
            keep = arg_any();
            varargs_add_ptr(&a, keep);
            arg_cstr((const char *)a.values[0].p);
            arg_obj(keep);
            break;
        }
        case 'S':
            keep = arg_any();
            varargs_add_ptr(&a, keep);
            arg_obj(keep);
            break;
        case '=':
            varargs_add_long(&a, rng_range(-9, 99));
            arg_long(a.values[0].l);
            break;
        case 'U':
            keep = new_str();
            varargs_add_ptr(&a, keep);
            arg_obj(keep);
            break;
        default:
            varargs_add_int(&a, (int)rng_range(32, 0x10FFFF));
            arg_long(a.values[0].i);
            break;
        }
        call_args_done();
        result_obj(error_format_call(type, fmt, a));
        Py_XDECREF(keep);
        break;
    }
    case 3: {
        /* An exception object made by calling its type. */
        PyObject *value = arg_any();
        int n = (int)rng_below(3);
        call_begin("PyObject_CallFunction");
        arg_text(((PyTypeObject *)type)->tp_name);
        for (int i = 0; i < n; i++) arg_obj(value);
        call_args_done();
        PyObject *exc =
            result_obj(n == 0   ? PyObject_CallNoArgs(type)
                       : n == 1 ? PyObject_CallOneArg(type, value)
                                : PyObject_CallFunctionObjArgs(type, value, value, NULL));
        if (exc != NULL) {
            call_begin("PyObject_Str");
            arg_text("the exception");
            call_args_done();
            result_drop(PyObject_Str(exc));
            call_begin("PyObject_GetAttrString");
            arg_text("the exception");
            arg_cstr("args");
            call_args_done();
            result_keep(PyObject_GetAttrString(exc, "args"));
            Py_DECREF(exc);
        }
        Py_DECREF(value);
        break;
    }
    case 4: {
        /* Fetch, normalize, match, restore: the exception must survive the round trip. */
        PyObject *value = arg_any();
        PyErr_SetObject(type, value);
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        PyObject *other = random_exception_type();
        call_begin("PyErr_GivenExceptionMatches");
        arg_text(((PyTypeObject *)t)->tp_name);
        arg_text(((PyTypeObject *)other)->tp_name);
        call_args_done();
        result_long(PyErr_GivenExceptionMatches(t, other));
        PyErr_Restore(t, v, tb);
        call_begin("PyErr_ExceptionMatches");
        arg_text(((PyTypeObject *)other)->tp_name);
        call_args_done();
        printf("%d, ", PyErr_ExceptionMatches(other));
        result_obj(NULL);
        Py_DECREF(value);
        break;
    }
    default: {
        /* Exception chaining through the C API. */
        PyObject *first = PyObject_CallFunction(type, "s", "first");
        PyObject *second = PyObject_CallFunction(random_exception_type(), "s", "second");
        if (first == NULL || second == NULL) {
            PyErr_Clear();
            Py_XDECREF(first);
            Py_XDECREF(second);
            break;
        }
        PyException_SetCause(second, Py_NewRef(first));
        PyException_SetContext(second, first); /* steals */
        call_begin("PyException_GetCause+GetContext");
        arg_obj(second);
        call_args_done();
        PyObject *cause = PyException_GetCause(second), *context = PyException_GetContext(second);
        PyObject *pair =
            PyTuple_Pack(2, cause != NULL ? cause : Py_None, context != NULL ? context : Py_None);
        Py_XDECREF(cause);
        Py_XDECREF(context);
        result_drop(pair);
        Py_DECREF(second);
        break;
    }
    }
}
const Family kErrorFamilies[] = {
    {"errors", errors, 3},
    {NULL, NULL, 0},
};
