# Runs PROGRAM with ARGUMENTS ('|'-separated) in the current directory and compares its
# standard output, standard error and exit status with EXPECTED.out, EXPECTED.err and
# EXPECTED.status. What it printed is kept in OUTPUT.out / OUTPUT.err and, when it differs,
# shown against the expected files with diff.
#   cmake -DPROGRAM=<exe> -DARGUMENTS=<a|b> -DEXPECTED=<prefix> -DOUTPUT=<prefix> -P compare_run.cmake
string(REPLACE "|" ";" arguments "${ARGUMENTS}")
execute_process(COMMAND ${PROGRAM} ${arguments} OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE status)
file(WRITE ${OUTPUT}.out "${out}")
file(WRITE ${OUTPUT}.err "${err}")
file(READ ${EXPECTED}.status expected_status)
string(STRIP "${expected_status}" expected_status)
set(problems "")
if(NOT status STREQUAL expected_status)
    string(APPEND problems "exit status ${status}, expected ${expected_status}\n")
endif()
find_program(diff_program diff)
foreach(stream IN ITEMS out err)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED}.${stream}
                            ${OUTPUT}.${stream} RESULT_VARIABLE differs)
    if(differs)
        string(APPEND problems "std${stream} (${OUTPUT}.${stream}) differs from ${EXPECTED}.${stream}\n")
        if(diff_program)
            execute_process(COMMAND ${diff_program} -u ${EXPECTED}.${stream} ${OUTPUT}.${stream}
                            OUTPUT_VARIABLE shown)
            string(APPEND problems "${shown}")
        endif()
    endif()
endforeach()
if(problems)
    message(FATAL_ERROR "${PROGRAM} ${arguments}:\n${problems}")
endif()
