# Runs one program of tests/scripts/cases under minipy and compares its stdout, stderr and
# exit status with what CPython 3.11 gave (generate.py's files); the runtime's leak check is
# on, so a leaked object fails the test too. <name>.in, when there is one, is the program's
# stdin (otherwise it reads an empty input). Invoked by CTest:
#   cmake -DMINIPY=<minipy> -DCASES=<dir> -DNAME=<case> -DALLOCATOR=<name> -DSCRATCH=<dir>
#         -P run_script.cmake
set(ENV{PYTHONMALLOC} ${ALLOCATOR})
set(ENV{PYTHONHASHSEED} 0)
set(ENV{MINIPY_LEAK_CHECK} 1)
set(stdin_file /dev/null)
if(EXISTS ${CASES}/${NAME}.in)
    set(stdin_file ${CASES}/${NAME}.in)
endif()
# A program named io_* writes files: it runs by its absolute path from a directory of its own
# under SCRATCH (made empty before, removed after), so that the three allocators' runs of it
# never share a file and nothing is left in the source tree. The others run from CASES.
set(program ${NAME}.py)
set(workdir ${CASES})
if(NAME MATCHES "^io_")
    set(program ${CASES}/${NAME}.py)
    set(workdir ${SCRATCH}/${NAME}.${ALLOCATOR})
    file(REMOVE_RECURSE ${workdir})
    file(MAKE_DIRECTORY ${workdir})
endif()
execute_process(
    COMMAND ${MINIPY} ${program}
    INPUT_FILE ${stdin_file}
    WORKING_DIRECTORY ${workdir}
    OUTPUT_VARIABLE actual_out
    ERROR_VARIABLE actual_err
    RESULT_VARIABLE actual_status
    TIMEOUT 120)
if(NAME MATCHES "^io_")
    file(REMOVE_RECURSE ${workdir})
endif()
# Tracebacks name the script by its absolute path; the expected files leave the directory out.
string(REPLACE "${CASES}/" "" actual_err "${actual_err}")
file(READ ${CASES}/${NAME}.out expected_out)
file(READ ${CASES}/${NAME}.err expected_err)
file(READ ${CASES}/${NAME}.status expected_status)
string(STRIP "${expected_status}" expected_status)
set(failed FALSE)
if(NOT "${actual_status}" STREQUAL "${expected_status}")
    message(SEND_ERROR "exit status: minipy ${actual_status}, python3 ${expected_status}")
    set(failed TRUE)
endif()
if(NOT "${actual_out}" STREQUAL "${expected_out}")
    message(SEND_ERROR "stdout differs.\n--- python3:\n${expected_out}\n--- minipy:\n${actual_out}")
    set(failed TRUE)
endif()
if(NOT "${actual_err}" STREQUAL "${expected_err}")
    message(SEND_ERROR "stderr differs.\n--- python3:\n${expected_err}\n--- minipy:\n${actual_err}")
    set(failed TRUE)
endif()
if(failed)
    message(FATAL_ERROR "${NAME} (PYTHONMALLOC=${ALLOCATOR}) differs from python3")
endif()
