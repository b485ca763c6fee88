// The _tracemalloc module (CPython 3.11's Modules/_tracemalloc.c, its Python-facing half) over
// alloc's tracer (minipy/tracemalloc.h): start/stop, the counters, and the two functions the
// Python `tracemalloc` module (modules/tracemalloc.py, frozen into the binary) reads traces
// with: _get_traces() and _get_object_traceback(obj). A traceback reaches Python as a tuple of
// (filename, lineno) tuples, most recent first, as CPython gives it.
#include <climits>
#include <cstring>

#include "minipy/tracemalloc.h"
#include "modules/modules.hpp"
#include "run/script_stack.hpp"

namespace {

PyObject *tracemalloc_start(PyObject *, PyObject *args) noexcept {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs > 1) {
        PyErr_Format(PyExc_TypeError, "start expected at most 1 argument, got %zd", nargs);
        return nullptr;
    }
    long nframe = 1;
    if (nargs == 1) {
        PyObject *index = PyNumber_Index(PyTuple_GET_ITEM(args, 0));
        if (index == nullptr) return nullptr;
        nframe = PyLong_AsLong(index);
        Py_DECREF(index);
        if (nframe == -1 && PyErr_Occurred()) return nullptr;
        if (nframe < INT_MIN || nframe > INT_MAX) {
            PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
            return nullptr;
        }
    }
    // The interpreter registers the tracer's script stack at start-up; a host that imports
    // this module without having run a script gets it here (registering again is harmless).
    minipy::interp::register_script_stack_hooks();
    const int r = minipy_tracemalloc_start(static_cast<int>(nframe));
    if (r == -2) {
        PyErr_SetString(PyExc_ValueError, MINIPY_TRACEMALLOC_NFRAME_ERROR);
        return nullptr;
    }
    if (r < 0) return PyErr_NoMemory();
    Py_RETURN_NONE;
}

PyObject *tracemalloc_stop(PyObject *, PyObject *) noexcept {
    minipy_tracemalloc_stop();
    Py_RETURN_NONE;
}

PyObject *tracemalloc_is_tracing(PyObject *, PyObject *) noexcept {
    return PyBool_FromLong(minipy_tracemalloc_is_tracing());
}

PyObject *tracemalloc_clear_traces(PyObject *, PyObject *) noexcept {
    minipy_tracemalloc_clear_traces();
    Py_RETURN_NONE;
}

PyObject *tracemalloc_get_traced_memory(PyObject *, PyObject *) noexcept {
    size_t current = 0, peak = 0;
    minipy_tracemalloc_get_traced_memory(&current, &peak);
    return Py_BuildValue("(nn)", static_cast<Py_ssize_t>(current), static_cast<Py_ssize_t>(peak));
}

PyObject *tracemalloc_reset_peak(PyObject *, PyObject *) noexcept {
    minipy_tracemalloc_reset_peak();
    Py_RETURN_NONE;
}

PyObject *tracemalloc_get_tracemalloc_memory(PyObject *, PyObject *) noexcept {
    return PyLong_FromSize_t(minipy_tracemalloc_get_memory());
}

PyObject *tracemalloc_get_traceback_limit(PyObject *, PyObject *) noexcept {
    return PyLong_FromLong(minipy_tracemalloc_get_traceback_limit());
}

// --- Tracebacks as Python objects ----------------------------------------------------------

// Shares the objects made for one call: a str per file name and a tuple per traceback (the
// tracer hands out equal file names and, in a snapshot, equal tracebacks as one pointer).
struct ObjectCache {
    PyObject *filenames = nullptr;   // dict: pointer as int -> str
    PyObject *tracebacks = nullptr;  // dict: pointer as int -> tuple of frames

    ObjectCache() noexcept = default;
    ObjectCache(const ObjectCache &) = delete;
    ObjectCache &operator=(const ObjectCache &) = delete;
    ~ObjectCache() {
        Py_XDECREF(filenames);
        Py_XDECREF(tracebacks);
    }
    bool init() noexcept {
        filenames = PyDict_New();
        tracebacks = PyDict_New();
        return filenames != nullptr && tracebacks != nullptr;
    }
};

// A borrowed value of `cache` under `key`'s address, or the new value `make()` returns stored
// there. NULL with an exception.
template <typename Make>
PyObject *cached(PyObject *cache, const void *key, Make make) noexcept {
    PyObject *address = PyLong_FromVoidPtr(const_cast<void *>(key));
    if (address == nullptr) return nullptr;
    PyObject *value = PyDict_GetItemWithError(cache, address);
    if (value == nullptr && !PyErr_Occurred()) {
        value = make();
        if (value != nullptr) {
            const int r = PyDict_SetItem(cache, address, value);
            Py_DECREF(value);  // the dict holds it
            if (r < 0) value = nullptr;
        }
    }
    Py_DECREF(address);
    return value;
}

PyObject *filename_object(const char *filename) noexcept {
    return PyUnicode_DecodeUTF8(filename, static_cast<Py_ssize_t>(std::strlen(filename)),
                                "replace");
}

// ((filename, lineno), ...) for `n` frames, most recent first. New reference.
PyObject *frames_to_tuple(const minipy_tracemalloc_frame *frames, int n,
                          ObjectCache *cache) noexcept {
    PyObject *tuple = PyTuple_New(n);
    for (int i = 0; tuple != nullptr && i < n; ++i) {
        PyObject *filename =
            cache != nullptr
                ? Py_XNewRef(cached(cache->filenames, frames[i].filename,
                                    [&] { return filename_object(frames[i].filename); }))
                : filename_object(frames[i].filename);
        PyObject *frame =
            filename != nullptr ? Py_BuildValue("(NI)", filename, frames[i].lineno) : nullptr;
        if (frame == nullptr) Py_CLEAR(tuple);
        if (tuple != nullptr) PyTuple_SET_ITEM(tuple, i, frame);
    }
    return tuple;
}

PyObject *trace_to_tuple(const minipy_tracemalloc_trace &trace, ObjectCache *cache) noexcept {
    const minipy_tracemalloc_traceback *tb = trace.traceback;
    PyObject *frames = cached(cache->tracebacks, tb,
                              [&] { return frames_to_tuple(tb->frames, tb->nframe, cache); });
    if (frames == nullptr) return nullptr;
    return Py_BuildValue("(kNOk)", static_cast<unsigned long>(trace.domain),
                         PyLong_FromSize_t(trace.size), frames,
                         static_cast<unsigned long>(tb->total_nframe));
}

// _get_traces(): [(domain, size, traceback, total_nframe), ...] for every traced block; [] when
// not tracing.
PyObject *tracemalloc_get_traces(PyObject *, PyObject *) noexcept {
    int out_of_memory = 0;
    minipy_tracemalloc_snapshot *snapshot = minipy_tracemalloc_take_snapshot(&out_of_memory);
    if (snapshot == nullptr) return out_of_memory ? PyErr_NoMemory() : PyList_New(0);
    PyObject *list = PyList_New(static_cast<Py_ssize_t>(snapshot->ntraces));
    {
        ObjectCache cache;
        if (list != nullptr && !cache.init()) Py_CLEAR(list);
        for (size_t i = 0; list != nullptr && i < snapshot->ntraces; ++i) {
            PyObject *trace = trace_to_tuple(snapshot->traces[i], &cache);
            if (trace == nullptr)
                Py_CLEAR(list);
            else
                PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), trace);
        }
    }
    minipy_tracemalloc_snapshot_free(snapshot);
    return list;
}

// _get_object_traceback(obj): the traceback of the block holding `obj`, or None. The block
// starts before the object when its type puts a GC header (and a managed __dict__'s words)
// in front, as CPython's _PyType_PreHeaderSize says.
PyObject *tracemalloc_get_object_traceback(PyObject *, PyObject *obj) noexcept {
    if (!minipy_tracemalloc_is_tracing()) Py_RETURN_NONE;
    const uintptr_t block =
        reinterpret_cast<uintptr_t>(obj) -
        static_cast<uintptr_t>(minipy::modules::object_preheader_size(Py_TYPE(obj)));
    const int limit = minipy_tracemalloc_get_traceback_limit();
    auto *frames = static_cast<minipy_tracemalloc_frame *>(
        PyMem_RawMalloc(static_cast<size_t>(limit) * sizeof(minipy_tracemalloc_frame)));
    if (frames == nullptr) return PyErr_NoMemory();
    const int n = minipy_tracemalloc_get_traceback(MINIPY_TRACEMALLOC_DEFAULT_DOMAIN, block, frames,
                                                   limit, nullptr, nullptr);
    PyObject *result =
        n > 0 ? frames_to_tuple(frames, n < limit ? n : limit, nullptr) : Py_NewRef(Py_None);
    PyMem_RawFree(frames);
    return result;
}

PyMethodDef tracemalloc_methods[] = {
    {"is_tracing", tracemalloc_is_tracing, METH_NOARGS,
     "Return True if the tracemalloc module is tracing Python memory allocations."},
    {"clear_traces", tracemalloc_clear_traces, METH_NOARGS,
     "Clear traces of memory blocks allocated by Python."},
    {"_get_traces", tracemalloc_get_traces, METH_NOARGS,
     "Get traces of all memory blocks allocated by Python."},
    {"_get_object_traceback", tracemalloc_get_object_traceback, METH_O,
     "Get the traceback where the Python object was allocated."},
    {"start", tracemalloc_start, METH_VARARGS, "Start tracing Python memory allocations."},
    {"stop", tracemalloc_stop, METH_NOARGS, "Stop tracing Python memory allocations."},
    {"get_traceback_limit", tracemalloc_get_traceback_limit, METH_NOARGS,
     "Get the maximum number of frames stored in the traceback of a trace."},
    {"get_tracemalloc_memory", tracemalloc_get_tracemalloc_memory, METH_NOARGS,
     "Get the memory usage in bytes of the tracemalloc module."},
    {"get_traced_memory", tracemalloc_get_traced_memory, METH_NOARGS,
     "Get the current size and peak size of memory blocks traced by tracemalloc."},
    {"reset_peak", tracemalloc_reset_peak, METH_NOARGS,
     "Set the peak size of memory blocks traced by tracemalloc to the current size."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef tracemalloc_def = {
    PyModuleDef_HEAD_INIT,
    "_tracemalloc",
    "Debug module to trace memory blocks allocated by Python.",
    -1,
    tracemalloc_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject *PyInit__tracemalloc(void) noexcept {
    return PyModule_Create(&tracemalloc_def);
}
