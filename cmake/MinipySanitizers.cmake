# The sanitizers, each of which builds everything (libraries, tests, benchmarks):
#
# - MINIPY_SANITIZE: ASan + UBSan. Tests that must see every block run with
#   PYTHONMALLOC=malloc under this preset: pymalloc carves blocks out of arenas, and ASan
#   cannot see an overflow that stays inside an arena.
# - MINIPY_TSAN: ThreadSanitizer, for the GIL and the tests that start threads (CTest label
#   "threads"). ASan and TSan each claim the process's shadow memory, so the two cannot be
#   combined (nor either with valgrind).
#
# Sets MINIPY_SANITIZED (any sanitizer on: CPython's library, which is not built with them,
# is left out) and _minipy_san (the flags, which an outside consumer of this build must link
# with too: tests/install).
if(MINIPY_SANITIZE AND MINIPY_TSAN)
    message(FATAL_ERROR "MINIPY_SANITIZE (ASan + UBSan) and MINIPY_TSAN cannot be combined: "
        "each sanitizer needs the address space's shadow to itself")
endif()
set(_minipy_san "")
if(MINIPY_SANITIZE)
    set(_minipy_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
elseif(MINIPY_TSAN)
    set(_minipy_san -fsanitize=thread -fno-omit-frame-pointer)
endif()
if(_minipy_san)
    set(MINIPY_SANITIZED ON)
    add_compile_options(${_minipy_san})
    add_link_options(${_minipy_san})
else()
    set(MINIPY_SANITIZED OFF)
endif()
