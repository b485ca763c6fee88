# MINIPY_SANITIZE builds everything (libraries, tests, benchmarks) with ASan + UBSan.
# Tests that must see every block run with PYTHONMALLOC=malloc under this preset: pymalloc
# carves blocks out of arenas, and ASan cannot see an overflow that stays inside an arena.
if(MINIPY_SANITIZE)
    set(_minipy_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_compile_options(${_minipy_san})
    add_link_options(${_minipy_san})
endif()
