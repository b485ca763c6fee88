# Runs the C-API fuzzer built against minipy and, when given, the same program built against
# CPython, with one seed, and compares their outputs line for line (fuzz_main.c says what the
# lines are). The first difference fails the test and is shown with the lines around it.
#
#   cmake -DMINIPY=<minipy build> [-DCPYTHON=<CPython build>] -DSEED=<n> -DOPS=<n>
#         -DWORK_DIR=<directory for the outputs> -P differential.cmake
#
# Without CPYTHON (sanitized builds have no CPython build) the minipy build runs alone: it must
# finish, with its leak check silent. PYTHONMALLOC comes from the environment, for both.
foreach(variable MINIPY SEED OPS WORK_DIR)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "differential.cmake: -D${variable}=... is required")
    endif()
endforeach()
file(MAKE_DIRECTORY "${WORK_DIR}")
set(minipy_out "${WORK_DIR}/minipy.txt")
set(cpython_out "${WORK_DIR}/cpython.txt")

execute_process(COMMAND "${MINIPY}" ${SEED} ${OPS}
    OUTPUT_FILE "${minipy_out}" ERROR_VARIABLE minipy_err RESULT_VARIABLE minipy_rc)
set(failed FALSE)
if(NOT minipy_rc EQUAL 0)
    # The last lines say which call it was.
    execute_process(COMMAND tail -n 5 "${minipy_out}" OUTPUT_VARIABLE tail_text)
    message(SEND_ERROR "minipy build failed (${minipy_rc}) at seed ${SEED}:\n${tail_text}\n"
        "stderr:\n${minipy_err}")
    set(failed TRUE)
endif()

if(CPYTHON)
    execute_process(COMMAND "${CPYTHON}" ${SEED} ${OPS}
        OUTPUT_FILE "${cpython_out}" ERROR_VARIABLE cpython_err RESULT_VARIABLE cpython_rc)
    if(NOT cpython_rc EQUAL 0)
        execute_process(COMMAND tail -n 5 "${cpython_out}" OUTPUT_VARIABLE tail_text)
        message(SEND_ERROR "CPython build failed (${cpython_rc}) at seed ${SEED}: a bug of the "
            "fuzzer itself:\n${tail_text}\nstderr:\n${cpython_err}")
        set(failed TRUE)
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${cpython_out}" "${minipy_out}"
        RESULT_VARIABLE same)
    if(NOT same EQUAL 0)
        # diff's first hunk: CPython's lines (<) against minipy's (>).
        execute_process(COMMAND diff "${cpython_out}" "${minipy_out}" OUTPUT_VARIABLE diff_text)
        string(SUBSTRING "${diff_text}" 0 3000 diff_text)
        message(SEND_ERROR "seed ${SEED}: minipy's output differs from CPython's "
            "(< CPython, > minipy; whole outputs in ${WORK_DIR}):\n${diff_text}")
        set(failed TRUE)
    endif()
endif()
if(failed)
    message(FATAL_ERROR "capi_fuzz seed ${SEED} failed")
endif()
