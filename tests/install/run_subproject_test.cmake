# Configures, builds and runs tests/install/subproject: minipy vendored with add_subdirectory
# (MINIPY_SOURCE_DIR), the consumer's two programs (CONSUMER_SOURCE_DIR) linked against its
# targets. Any failing step fails the test with its output.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run_step description)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${description} failed (${status}):\n${out}\n${err}")
    endif()
    message(STATUS "${description}: ok")
endfunction()

run_step("configure subproject"
    ${CMAKE_COMMAND} -S "${SUBPROJECT_SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DMINIPY_SOURCE_DIR=${MINIPY_SOURCE_DIR} -DCONSUMER_SOURCE_DIR=${CONSUMER_SOURCE_DIR})
run_step("build subproject" ${CMAKE_COMMAND} --build "${WORK_DIR}/build" --target consumer embed)
run_step("run consumer (add_subdirectory)" "${WORK_DIR}/build/consumer")
run_step("run embed (add_subdirectory)" "${WORK_DIR}/build/embed")
