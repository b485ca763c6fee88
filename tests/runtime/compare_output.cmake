# Runs PROGRAM and compares its standard output with the file EXPECTED: the test for the
# programs that are built against minipy and against CPython and must print the same lines.
# The first line of EXPECTED is a comment (it starts with '#') saying how the file was made;
# it is not compared. The output is kept in OUTPUT (default: <EXPECTED's name>.actual in the
# current directory) and, when it differs, shown against EXPECTED with diff.
#   cmake -DPROGRAM=<exe> -DEXPECTED=<file> [-DOUTPUT=<file>] -P compare_output.cmake
execute_process(COMMAND ${PROGRAM} OUTPUT_VARIABLE actual ERROR_VARIABLE errors
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} exited with ${status}\n${errors}")
endif()
get_filename_component(name ${EXPECTED} NAME)
if(NOT OUTPUT)
    set(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual)
endif()
file(READ ${EXPECTED} expected)
string(REGEX MATCH "^#[^\n]*\n" header "${expected}")
file(WRITE ${OUTPUT} "${header}${actual}")
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED} ${OUTPUT}
                RESULT_VARIABLE differs)
if(differs)
    find_program(diff_program diff)
    set(shown "")
    if(diff_program)
        execute_process(COMMAND ${diff_program} -u ${EXPECTED} ${OUTPUT} OUTPUT_VARIABLE shown)
    endif()
    message(FATAL_ERROR "the output of ${PROGRAM} (${OUTPUT}) differs from ${EXPECTED}\n"
            "${shown}${errors}")
endif()
