#!/bin/sh
# Runs Lua 5.4.4's own test suite (third_party/lua-5.4.4-tests) on a Lua command, the way its
# ORIGIN.md says: from a scratch copy of the folder (the tests write files beside themselves),
# with stdin a pipe, and passes when the run ends with "final OK !!!" and status 0.
#
#   run_lua_suite.sh LUA SUITE_DIR user|portable|full [LUA_INCLUDE_DIR]
#
# user: _U=true (about 1.4 million allocations); portable: _port=true (about 10 million);
# full: no flag, which also tests the standalone interpreter's options (main.lua) and loads the
# C modules of libs/, built here with its makefile against LUA_INCLUDE_DIR's headers.
set -eu
lua=$1 suite=$2 mode=$3 include=${4:-}
case $mode in
user) set -- -e "_U=true" ;;
portable) set -- -e "_port=true" ;;
full) set -- ;;
*) echo "run_lua_suite.sh: unknown mode '$mode' (user, portable or full)" >&2; exit 2 ;;
esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/lua-suite.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cp -R "$suite/." "$scratch/"
cd "$scratch"
if [ "$mode" = full ]; then
    make -s -C libs LUA_DIR="$include" CC="${CC:-cc}" >/dev/null
    # main.lua's Ctrl-C test starts `sh -c 'lua -e "...print(12)..." & echo $!'` and reads the
    # shell's "$!" line, then the script's "12", from one pipe. On a loaded machine the
    # script's line can come first (it does every time for Debian's lua5.4 at load 20 on 2
    # cores) and the test fails reading the wrong line. The suite re-runs the interpreter by
    # the name it was started as (arg[-1]), so it runs this launcher, which gives the shell
    # 50 ms to write "$!" before the interpreter starts, under the same pid (exec).
    cat >launch-lua <<LAUNCHER
#!/bin/bash
sleep 0.05
exec -a "\$0" "$lua" "\$@"
LAUNCHER
    chmod +x launch-lua
    lua=$scratch/launch-lua
fi
status=0
true | "$lua" "$@" all.lua >output.txt 2>&1 || status=$?
tail -n 15 output.txt
if [ "$status" -ne 0 ] || ! grep -q '^final OK !!!' output.txt; then
    echo "run_lua_suite.sh: $mode run failed (status $status)" >&2
    exit 1
fi
