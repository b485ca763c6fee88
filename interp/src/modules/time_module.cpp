// The time module's clocks and sleep (CPython 3.11's Modules/timemodule.c, the part small
// programs use): time, time_ns, perf_counter(_ns), monotonic(_ns), process_time(_ns), sleep.
// The clocks are clock_gettime's: CLOCK_REALTIME, CLOCK_MONOTONIC (perf_counter is monotonic,
// as in CPython on Linux) and CLOCK_PROCESS_CPUTIME_ID. sleep gives the GIL up while it waits.
#include <cerrno>
#include <cmath>
#include <ctime>

#include "modules/modules.hpp"

namespace {

long long clock_ns(clockid_t clock) noexcept {
    timespec ts{};
    clock_gettime(clock, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

PyObject *clock_seconds(clockid_t clock) noexcept {
    timespec ts{};
    clock_gettime(clock, &ts);
    return PyFloat_FromDouble(static_cast<double>(ts.tv_sec) +
                              static_cast<double>(ts.tv_nsec) * 1e-9);
}

PyObject *time_time(PyObject *, PyObject *) noexcept {
    return clock_seconds(CLOCK_REALTIME);
}
PyObject *time_time_ns(PyObject *, PyObject *) noexcept {
    return PyLong_FromLongLong(clock_ns(CLOCK_REALTIME));
}
PyObject *time_monotonic(PyObject *, PyObject *) noexcept {
    return clock_seconds(CLOCK_MONOTONIC);
}
PyObject *time_monotonic_ns(PyObject *, PyObject *) noexcept {
    return PyLong_FromLongLong(clock_ns(CLOCK_MONOTONIC));
}
PyObject *time_process_time(PyObject *, PyObject *) noexcept {
    return clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
}
PyObject *time_process_time_ns(PyObject *, PyObject *) noexcept {
    return PyLong_FromLongLong(clock_ns(CLOCK_PROCESS_CPUTIME_ID));
}

// The seconds argument as CPython reads it: a float (NaN refused) or an integer.
int seconds_from_object(PyObject *obj, double *seconds) noexcept {
    if (PyFloat_Check(obj)) {
        const double d = PyFloat_AsDouble(obj);
        if (std::isnan(d)) {
            PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
        *seconds = d;
        return 0;
    }
    const long long n = PyLong_AsLongLong(obj);
    if (n == -1 && PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        }
        return -1;
    }
    *seconds = static_cast<double>(n);
    return 0;
}

PyObject *time_sleep(PyObject *, PyObject *arg) noexcept {
    double seconds = 0;
    if (seconds_from_object(arg, &seconds) < 0) return nullptr;
    if (seconds < 0) {
        PyErr_SetString(PyExc_ValueError, "sleep length must be non-negative");
        return nullptr;
    }
    if (seconds > 9.2e9) {
        PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
        return nullptr;
    }
    timespec remaining{};
    remaining.tv_sec = static_cast<time_t>(seconds);
    remaining.tv_nsec = static_cast<long>((seconds - std::floor(seconds)) * 1e9);
    int r = 0;
    Py_BEGIN_ALLOW_THREADS;
    do {
        r = nanosleep(&remaining, &remaining);
    } while (r != 0 && errno == EINTR);
    Py_END_ALLOW_THREADS;
    Py_RETURN_NONE;
}

PyMethodDef time_methods[] = {
    {"time", time_time, METH_NOARGS, nullptr},
    {"time_ns", time_time_ns, METH_NOARGS, nullptr},
    {"perf_counter", time_monotonic, METH_NOARGS, nullptr},
    {"perf_counter_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"monotonic", time_monotonic, METH_NOARGS, nullptr},
    {"monotonic_ns", time_monotonic_ns, METH_NOARGS, nullptr},
    {"process_time", time_process_time, METH_NOARGS, nullptr},
    {"process_time_ns", time_process_time_ns, METH_NOARGS, nullptr},
    {"sleep", time_sleep, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef time_def = {
    PyModuleDef_HEAD_INIT,
    "time",
    "This module provides various functions to manipulate time values.",
    -1,
    time_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject *PyInit_time(void) noexcept {
    return PyModule_Create(&time_def);
}
