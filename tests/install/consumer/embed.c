/* An embedder of the installed runtime, written as for CPython: <Python.h>, start-up, a
 * region without the GIL, a PyGILState bracket, shutdown. */
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
    PyGILState_Release(state);
    if (Py_FinalizeEx() != 0) return 4;
    printf("embed: ok\n");
    return 0;
}
