# Runs PROGRAM and requires exit status 0 and stdout equal to the file EXPECTED.
#   cmake -DPROGRAM=<program> -DEXPECTED=<file> -P expect_output.cmake
execute_process(COMMAND "${PROGRAM}" OUTPUT_VARIABLE output ERROR_VARIABLE errors
    RESULT_VARIABLE status)
file(READ "${EXPECTED}" expected)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} exited with ${status}\nstderr:\n${errors}")
endif()
if(NOT output STREQUAL expected)
    message(FATAL_ERROR "${PROGRAM} printed:\n${output}\nexpected (${EXPECTED}):\n${expected}")
endif()
