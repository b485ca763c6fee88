/* The seed's first example: the I/O buffer from the Python heap through the byte-oriented
 * calls, PyMem_Malloc and PyMem_Free (seed_examples.h). Only the "...Do some I/O operation
 * involving buf..." line is ours: a read from a stream. */
#include "seed_examples.h"

PyObject *seed_read_with_pymem_malloc(FILE *in) {
    PyObject *res;
    char *buf = (char *)PyMem_Malloc(BUFSIZ); /* for I/O */

    if (buf == NULL) return PyErr_NoMemory();
    /* The I/O: what the stream holds, as a C string. */
    size_t got = fread(buf, 1, BUFSIZ - 1, in);
    if (ferror(in)) {
        PyMem_Free(buf);
        PyErr_SetString(PyExc_OSError, "seed example: reading the stream failed");
        return NULL;
    }
    buf[got] = '\0';
    res = PyBytes_FromString(buf);
    PyMem_Free(buf); /* allocated with PyMem_Malloc */
    return res;
}
