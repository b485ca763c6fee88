# Runs minipy_embed and compares its stdout with the expected text; stderr must be empty and
# the exit status 0.
execute_process(COMMAND ${HOST} ${SCRIPTS} OUTPUT_VARIABLE out ERROR_VARIABLE err
    RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "minipy_embed exited with ${status}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT err STREQUAL "")
    message(FATAL_ERROR "minipy_embed wrote to stderr:\n${err}")
endif()
if(NOT out STREQUAL expected)
    message(FATAL_ERROR "minipy_embed printed:\n${out}\nexpected:\n${expected}")
endif()
