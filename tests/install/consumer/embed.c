/* An embedder of the installed runtime, written as for CPython: <Python.h>, start-up, a
 * region without the GIL, a PyGILState bracket, the reference total when the build keeps
 * one, shutdown. */
#include <Python.h>
#include <stdio.h>

int main(void) {
    Py_Initialize();
    if (!Py_IsInitialized() || !PyGILState_Check()) return 1;
    void *block = PyObject_Malloc(64);
    if (block == NULL) return 2;
    Py_BEGIN_ALLOW_THREADS if (PyGILState_Check()) return 3;
    Py_END_ALLOW_THREADS PyGILState_STATE state = PyGILState_Ensure();
    PyObject_Free(block);
#ifdef Py_REF_DEBUG
    /* The installed minipy/pyconfig.h says the library keeps the reference total: this
     * program's inline Py_INCREF / Py_DECREF and the library's new objects count into it. */
    const Py_ssize_t total = _Py_GetRefTotal();
    PyObject *list = PyList_New(0);
    if (list == NULL || _Py_GetRefTotal() != total + 1) return 5;
    Py_INCREF(list);
    if (_Py_GetRefTotal() != total + 2) return 6;
    Py_DECREF(list);
    Py_DECREF(list);
    if (_Py_GetRefTotal() != total) return 7;
#endif
    PyGILState_Release(state);
    if (Py_FinalizeEx() != 0) return 4;
    printf("embed: ok\n");
    return 0;
}
