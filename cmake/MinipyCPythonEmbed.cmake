# minipy_cpython_embed: an interface target carrying the flags `python3-config --embed` gives
# an embedder of CPython, for the programs that are built twice, once against minipy and once
# against CPython, so that the two can be compared (the C API programs in tests/runtime, the
# seed examples, the object churn driver in bench/).
#
# Users check `if(TARGET minipy_cpython_embed)` (the module is read once, so a variable it
# set would be seen only in the first directory to include it). Absent in sanitized builds: CPython's library is not built
# with the sanitizers. A target linked to minipy_cpython_embed must not also link minipy's
# runtime: the two export the same names.
include_guard(GLOBAL)

find_package(Threads REQUIRED)
find_program(MINIPY_PYTHON3_CONFIG NAMES python3-config)
if(MINIPY_PYTHON3_CONFIG AND NOT MINIPY_SANITIZED)
    execute_process(COMMAND ${MINIPY_PYTHON3_CONFIG} --embed --includes
        OUTPUT_VARIABLE _minipy_py_includes OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _minipy_py_rc1)
    execute_process(COMMAND ${MINIPY_PYTHON3_CONFIG} --embed --ldflags
        OUTPUT_VARIABLE _minipy_py_ldflags OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _minipy_py_rc2)
    if(_minipy_py_rc1 EQUAL 0 AND _minipy_py_rc2 EQUAL 0)
        separate_arguments(_minipy_py_includes UNIX_COMMAND "${_minipy_py_includes}")
        separate_arguments(_minipy_py_ldflags UNIX_COMMAND "${_minipy_py_ldflags}")
        # As system directories: our warning flags are for our code, not CPython's headers.
        set(_minipy_py_dirs "")
        foreach(flag IN LISTS _minipy_py_includes)
            if(flag MATCHES "^-I(.+)$")
                list(APPEND _minipy_py_dirs "${CMAKE_MATCH_1}")
            endif()
        endforeach()
        add_library(minipy_cpython_embed INTERFACE)
        target_include_directories(minipy_cpython_embed SYSTEM INTERFACE ${_minipy_py_dirs})
        # Link flags as link items, so that -lpython3.x comes after the object files.
        target_link_libraries(minipy_cpython_embed INTERFACE ${_minipy_py_ldflags} Threads::Threads)
    else()
        message(STATUS "python3-config --embed failed: the CPython builds of the comparison "
            "programs are skipped")
    endif()
endif()
