#!/bin/sh
# Writes embed_api_<case>.{out,err,status}: what embed_api_program.c prints when built against
# CPython 3.11 (python3-config --embed), for each case tests/embed/CMakeLists.txt runs.
#   sh tests/embed/data/generate.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# shellcheck disable=SC2046 # the flags are separate words
cc -o "$scratch/program" $(python3-config --embed --includes) "$here/embed_api_program.c" \
    $(python3-config --embed --ldflags)
cd "$here"
run() {
    case=$1
    shift
    status=0
    env -u PYTHONMALLOC -u PYTHONMALLOCSTATS -u PYTHONPATH -u PYTHONHOME -u PYTHONUNBUFFERED \
        -u PYTHONWARNINGS "$scratch/program" "$@" >"data/embed_api_$case.out" \
        2>"data/embed_api_$case.err" || status=$?
    echo "$status" >"data/embed_api_$case.status"
}
run main main embed_script.py embed_failing.py
run exit_status exit 3
run exit_message exit "'bye'"
run exit_none exit None
