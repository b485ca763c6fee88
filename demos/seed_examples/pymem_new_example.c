/* The seed's second example: the same I/O buffer through the type-oriented calls,
 * PyMem_New(char, BUFSIZ) and PyMem_Del (seed_examples.h). Only the "...Do some I/O operation
 * involving buf..." line is ours: a read from a stream. */
#include "seed_examples.h"

PyObject *seed_read_with_pymem_new(FILE *in) {
    PyObject *res;
    char *buf = PyMem_New(char, BUFSIZ); /* for I/O */

    if (buf == NULL) return PyErr_NoMemory();
    /* The I/O: what the stream holds, as a C string. */
    size_t got = fread(buf, 1, BUFSIZ - 1, in);
    if (ferror(in)) {
        PyMem_Del(buf);
        PyErr_SetString(PyExc_OSError, "seed example: reading the stream failed");
        return NULL;
    }
    buf[got] = '\0';
    res = PyBytes_FromString(buf);
    PyMem_Del(buf); /* allocated with PyMem_New */
    return res;
}
