// Deliberate bugs, one per scenario, for the debug-hook death tests: each starts the alloc
// layer from the environment (so the test picks PYTHONMALLOC), commits its bug, and is
// expected to die with the debug hooks' report. Reaching the end is a test failure: the
// program then exits 0 and says the bug went unnoticed.
//
// usage: minipy_alloc_crasher <scenario> [args]
//   buffer-overflow         PyMem_Malloc(16), write p[16], PyMem_Free
//   buffer-underflow        PyMem_Malloc(16), write p[-1], PyMem_Free
//   long-overflow           PyObject_Malloc(100) filled 0..99, write p[100], PyObject_Free
//   api-misuse FROM TO      allocate 16 bytes through FROM, free through TO (raw|mem|obj)
//   double-free             PyMem_Malloc(16), PyMem_Free twice
//   zero-id                 PyMem_Malloc(16), its API id byte (p-8) overwritten with 0, PyMem_Free
//   realloc-damaged         PyObject_Malloc(40), write p[40], PyObject_Realloc(p, 100)
//   no-gil FUNCTION         a GIL check that always says "not held", then FUNCTION
//                           (malloc|calloc|realloc|free) through MEM, then again through OBJ
//   fatal-context           as buffer-overflow, with a fatal context printer registered
//   traced-overflow         as buffer-overflow while tracemalloc traces 5 frames, the stack
//                           callback saying "<string>" lines 3 then 4 (the script
//                           of data/traced_overflow.py)
//   untraced-overflow       as buffer-overflow, the block allocated before tracing started
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "minipy/pymem.h"
#include "minipy/tracemalloc.h"

namespace {

using Malloc = void *(*)(size_t);
using Free = void (*)(void *);

bool family(const std::string &name, Malloc *m, Free *f) {
    if (name == "raw")
        *m = PyMem_RawMalloc, *f = PyMem_RawFree;
    else if (name == "mem")
        *m = PyMem_Malloc, *f = PyMem_Free;
    else if (name == "obj")
        *m = PyObject_Malloc, *f = PyObject_Free;
    else
        return false;
    return true;
}

int gil_never_held() {
    return 0;
}

void print_context(int fd) {
    const char text[] = "Python runtime state: pretend\n";
    (void)!write(fd, text, sizeof text - 1);
}

int no_gil(const std::string &function) {
    // Blocks to realloc and free are made while the check still passes.
    void *mem_block = PyMem_Malloc(8);
    void *obj_block = PyObject_Malloc(8);
    minipy_alloc_set_gil_check(&gil_never_held);
    void *raw = PyMem_RawMalloc(8);  // RAW never asks: this must pass
    PyMem_RawFree(raw);
    if (function == "malloc") PyMem_Malloc(8);
    if (function == "calloc") PyMem_Calloc(1, 8);
    if (function == "realloc") PyMem_Realloc(mem_block, 16);
    if (function == "free") PyMem_Free(mem_block);
    (void)obj_block;
    return 0;
}

// The interpreter's callback as it would answer inside f() of data/traced_overflow.py.
int overflow_script_stack(minipy_tracemalloc_frame *frames, int max_frames) {
    static const char kFile[] = "<string>";
    const minipy_tracemalloc_frame stack[2] = {{kFile, 3}, {kFile, 4}};
    for (int i = 0; i < 2 && i < max_frames; ++i) frames[i] = stack[i];
    return 2;
}

}  // namespace

int main(int argc, char **argv) {
    minipy_alloc_init_from_env();
    const std::string scenario = argc > 1 ? argv[1] : "";
    if (scenario == "buffer-overflow" || scenario == "fatal-context") {
        if (scenario == "fatal-context") minipy_alloc_set_fatal_context(&print_context);
        char *p = static_cast<char *>(PyMem_Malloc(16));
        p[16] = 'x';
        PyMem_Free(p);
    } else if (scenario == "traced-overflow" || scenario == "untraced-overflow") {
        minipy_alloc_set_script_stack(&overflow_script_stack);
        char *early = static_cast<char *>(PyMem_Malloc(16));
        if (minipy_tracemalloc_start(5) != 0) return 2;
        char *p = scenario == "traced-overflow" ? static_cast<char *>(PyMem_Malloc(16)) : early;
        p[16] = 'x';
        PyMem_Free(p);
    } else if (scenario == "buffer-underflow") {
        char *p = static_cast<char *>(PyMem_Malloc(16));
        p[-1] = 'x';
        PyMem_Free(p);
    } else if (scenario == "long-overflow") {
        auto *p = static_cast<unsigned char *>(PyObject_Malloc(100));
        for (int i = 0; i < 100; ++i) p[i] = static_cast<unsigned char>(i);
        p[100] = 0;
        PyObject_Free(p);
    } else if (scenario == "api-misuse" && argc == 4) {
        Malloc m, unused_m;
        Free unused_f, f;
        if (!family(argv[2], &m, &unused_f) || !family(argv[3], &unused_m, &f)) return 2;
        f(m(16));
    } else if (scenario == "double-free") {
        void *p = PyMem_Malloc(16);
        PyMem_Free(p);
        PyMem_Free(p);
    } else if (scenario == "zero-id") {
        char *p = static_cast<char *>(PyMem_Malloc(16));
        p[-8] = '\0';  // the byte the hooks' header keeps the API id in
        PyMem_Free(p);
    } else if (scenario == "realloc-damaged") {
        char *p = static_cast<char *>(PyObject_Malloc(40));
        p[40] = 1;
        p = static_cast<char *>(PyObject_Realloc(p, 100));
        PyObject_Free(p);
    } else if (scenario == "no-gil" && argc == 3) {
        no_gil(argv[2]);
    } else {
        std::fprintf(stderr, "minipy_alloc_crasher: unknown scenario\n");
        return 2;
    }
    std::printf("the bug went unnoticed\n");
    return 0;
}
