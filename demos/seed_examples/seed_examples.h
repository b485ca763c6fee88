/* The two C examples of the seed's memory-management page (the section that rewrites the
 * "overview" example so that its I/O buffer comes from the Python heap), as functions a C
 * extension would have. Each allocates a BUFSIZ buffer, reads into it from `in`, turns what it
 * read into a bytes object with PyBytes_FromString and releases the buffer with the matching
 * call; when the buffer cannot be had it returns PyErr_NoMemory() (NULL, MemoryError set).
 *
 * The I/O reads at most BUFSIZ - 1 bytes and ends them with a NUL, because PyBytes_FromString
 * takes a C string: the bytes object holds what was read up to its first NUL byte. A read
 * error raises OSError. Call with the GIL held (the buffer comes from the MEM domain). */
#ifndef SEED_EXAMPLES_H
#define SEED_EXAMPLES_H

#include <Python.h>
#include <stdio.h>

/* The buffer from PyMem_Malloc(BUFSIZ), released with PyMem_Free. */
PyObject *seed_read_with_pymem_malloc(FILE *in);

/* The buffer from PyMem_New(char, BUFSIZ), released with PyMem_Del. */
PyObject *seed_read_with_pymem_new(FILE *in);

#endif /* SEED_EXAMPLES_H */
