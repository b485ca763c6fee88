/* Uses the installed headers and library: allocates through every domain. */
#include <minipy/pymalloc.h>
#include <minipy/pymem.h>
#include <stdio.h>

int main(void) {
    void *raw = PyMem_RawMalloc(100);
    void *mem = PyMem_Malloc(100);
    void *obj = PyObject_Malloc(100);
    if (raw == NULL || mem == NULL || obj == NULL) return 1;
    if (_Py_GetAllocatedBlocks() != 2) return 2; /* mem and obj are pymalloc's */
    PyObject_Free(obj);
    PyMem_Free(mem);
    PyMem_RawFree(raw);
    printf("consumer: ok\n");
    return _Py_GetAllocatedBlocks() == 0 ? 0 : 3;
}
