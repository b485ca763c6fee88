# Installs the minipy build in MINIPY_BUILD_DIR into WORK_DIR/prefix, then builds and runs
# the consumer project's two programs (an alloc user, a runtime embedder) and the seed's C
# examples (SEED_EXAMPLES_DIR) against it twice: with find_package(minipy) and with pkg-config.
# Any failing step fails the test with its output.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run_step description)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${description} failed (${status}):\n${out}\n${err}")
    endif()
    message(STATUS "${description}: ok")
endfunction()

run_step("install minipy" ${CMAKE_COMMAND} --install "${MINIPY_BUILD_DIR}" --prefix "${prefix}")

# find_package(minipy)
run_step("configure consumer (find_package)"
    ${CMAKE_COMMAND} -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/cmake-build" -G "${GENERATOR}"
    -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_PREFIX_PATH=${prefix}
    -DSEED_EXAMPLES_DIR=${SEED_EXAMPLES_DIR}
    "-DCMAKE_C_FLAGS=${CONSUMER_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_FLAGS}")
run_step("build consumer (find_package)" ${CMAKE_COMMAND} --build "${WORK_DIR}/cmake-build")
run_step("run consumer (find_package)" "${WORK_DIR}/cmake-build/consumer")
run_step("run embed (find_package)" "${WORK_DIR}/cmake-build/embed")
run_step("run seed_examples (find_package)" "${WORK_DIR}/cmake-build/seed_examples")

# pkg-config: compile the same source by hand with the flags minipy.pc gives.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig:${prefix}/lib64/pkgconfig")
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs minipy
    OUTPUT_VARIABLE flags RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs minipy failed")
endif()
separate_arguments(flags UNIX_COMMAND "${CONSUMER_FLAGS} ${flags}")
run_step("build consumer (pkg-config)" ${C_COMPILER} -std=c11 "${CONSUMER_SOURCE_DIR}/consumer.c"
    ${flags} -o "${WORK_DIR}/consumer-pkgconfig")
run_step("run consumer (pkg-config)" "${WORK_DIR}/consumer-pkgconfig")
# The C compiler driver and nothing else: the runtime needs no C++ runtime library.
run_step("build embed (pkg-config)" ${C_COMPILER} -std=c11 "${CONSUMER_SOURCE_DIR}/embed.c"
    ${flags} -o "${WORK_DIR}/embed-pkgconfig")
run_step("run embed (pkg-config)" "${WORK_DIR}/embed-pkgconfig")
# The seed's C examples, from minipy's source tree, compiled by the C compiler driver alone.
set(seed_sources
    "${SEED_EXAMPLES_DIR}/seed_examples_main.c"
    "${SEED_EXAMPLES_DIR}/pymem_malloc_example.c"
    "${SEED_EXAMPLES_DIR}/pymem_new_example.c")
run_step("build seed_examples (pkg-config)" ${C_COMPILER} -std=c11 ${seed_sources}
    ${flags} -o "${WORK_DIR}/seed_examples-pkgconfig")
run_step("run seed_examples (pkg-config)" "${WORK_DIR}/seed_examples-pkgconfig")
