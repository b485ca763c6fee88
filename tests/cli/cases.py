"""The `minipy` command's test cases, shared by generate.py (which runs python3 on them and
writes what it printed to expected/) and run_cli.py (which runs minipy on them and compares).

Each case runs the command with argv[0] = "minipy" (python3 too, so that its messages name
the program as minipy's do) in a fresh directory holding `files`, with standard input
`stdin` (None: /dev/null), a clean environment plus `env`, and compares stdout, stderr and the
exit status. `merged`: stderr goes to stdout (the order of the two streams is compared).

Where minipy's text is its own by design, generate.py derives it from python3's with
DERIVATIONS (applied to every case) and a case's own `derive` pairs; both are listed here so
that every difference from python3 is written down in one place."""

# (python3's text, minipy's), in every expected output.
DERIVATIONS = [
    # The usage error's last line names the command to ask for help.
    ("Try `python -h' for more information.", "Try `minipy -h' for more information."),
    # minipy's runtime names the state before start-up "preinitializing" (it has no separate
    # pre-initialization step to have finished).
    ("Python runtime state: preinitialized\n", "Python runtime state: preinitializing\n"),
]


def case(name, args, stdin=None, env=None, files=None, merged=False, derive=None):
    return {
        "name": name,
        "args": args,
        "stdin": stdin,
        "env": env or {},
        "files": files or {},
        "merged": merged,
        "derive": derive or [],
    }


HELLO = {"hello.py": "print('hello')\n"}
# str and bytes hashes and a set's order under a seed.
HASHES = ("print(hash('abc'), hash(b'xyz'), hash('\\u20ac' * 3))\n"
          "print(list(set(['apple', 'pear', 'plum', 'fig', 'kiwi', 'lime', 'date'])))")

# sys.flags' fields that the command line sets (utf8_mode is minipy's own: it is always 1).
FLAGS = ("import sys; f = sys.flags; print([(n, getattr(f, n)) for n in ('debug', 'inspect', "
         "'interactive', 'optimize', 'dont_write_bytecode', 'no_user_site', 'no_site', "
         "'ignore_environment', 'quiet', 'hash_randomization', 'isolated', 'dev_mode', "
         "'safe_path')], sys.dont_write_bytecode)")

CASES = [
    # --- usage errors: python3's messages, exit status 2 --------------------------------
    case("unknown_short", ["-Z"]),
    case("unknown_in_cluster", ["-qZ", "-c", "pass"]),
    case("unknown_long", ["--foo"]),
    case("unknown_long_with_value", ["--version=3"]),
    case("missing_c_argument", ["-c"]),
    case("missing_X_argument", ["-X"]),
    case("missing_m_argument", ["-m"]),
    case("missing_W_argument", ["-W"]),
    case("jython", ["-J"]),
    case("error_beats_version", ["-V", "-Z"]),
    case("error_after_version", ["-Z", "-V"]),
    case("missing_script", ["nonexistent.py"]),
    case("missing_script_after_options", ["-q", "-u", "nonexistent.py", "arg"]),
    case("dashdash_makes_a_file", ["--", "-c"]),
    case("missing_script_in_directory", ["no/such/dir.py"]),
    # --- running code ---------------------------------------------------------------------
    case("c_prints", ["-c", "print(1 + 1)"]),
    case("c_combined_flags", ["-qc", "print('combined')"]),
    case("c_ends_options", ["-c", "print('x')", "-Z", "--foo"]),
    case("c_multiline", ["-c", "def f(n):\n    return n * 2\nprint(f(21))"]),
    case("c_traceback", ["-c", "def f():\n    return 1 / 0\nf()"]),
    case("c_syntax_error", ["-c", "x = (1,"]),
    case("c_system_exit", ["-c", "raise SystemExit(7)"]),
    case("c_system_exit_text", ["-c", "raise SystemExit('bye')"]),
    # A code past a C long: the process exits with -1's status, 255.
    case("c_system_exit_huge", ["-c", "raise SystemExit(2 ** 64)"]),
    case("script", ["hello.py"], files=HELLO),
    case("script_traceback", ["bad.py"], files={"bad.py": "x = 1\n\ndef f():\n    return x / 0\n\nf()\n"}),
    case("script_after_dashdash", ["--", "hello.py"], files=HELLO),
    case("script_file_is_deleted_afterwards", ["-q", "-i", "show.py"],
         stdin="try:\n    __file__\nexcept NameError:\n    print('gone')\n\n",
         files={"show.py": "print(__name__, __file__.endswith('show.py'))\n"}),
    case("stdin_dash", ["-"], stdin="print('from stdin')\nx = 6 * 7\nprint(x)\n"),
    case("stdin_dash_traceback", ["-"], stdin="print(1)\n1 / 0\n"),
    case("stdin_default", [], stdin="print('no arguments, piped')\n"),
    case("stdin_no_echo", [], stdin="1 + 1\n"),
    # --- options ----------------------------------------------------------------------------
    case("O_removes_asserts", ["-O", "-c", "assert False, 'boom'\nprint('after')"]),
    case("O_debug_false", ["-O", "-c", "print(__debug__)"]),
    case("OO", ["-OO", "-c", "def f():\n    'doc'\nassert 0\nprint(f.__doc__, __debug__)"]),
    case("no_O_asserts", ["-c", "assert 1 == 2, 'boom'"]),
    case("no_O_debug", ["-c", "print(__debug__)"]),
    case("PYTHONOPTIMIZE", ["-c", "assert False\nprint(__debug__)"], env={"PYTHONOPTIMIZE": "1"}),
    case("E_ignores_PYTHONOPTIMIZE", ["-E", "-c", "print(__debug__)"],
         env={"PYTHONOPTIMIZE": "1"}),
    case("B_accepted", ["-B", "-c", "print('B')"]),
    case("s_S_accepted", ["-s", "-S", "-c", "print('sS')"]),
    case("t_d_accepted", ["-t", "-d", "-c", "print('td')"]),
    case("u_unbuffered", ["-u", "-c", "print('out')\n1 / 0"], merged=True),
    case("PYTHONUNBUFFERED", ["-c", "print('out')\n1 / 0"], env={"PYTHONUNBUFFERED": "1"},
         merged=True),
    case("X_unknown_ignored", ["-X", "nosuchoption", "-c", "print('ignored')"]),
    case("X_options_in_sys", ["-X", "dev", "-Xtracemalloc=3", "-X", "a=b=c", "-X", "dev", "-c",
                              "import sys\nprint(sorted(sys._xoptions.items()))"]),
    case("X_dev", ["-X", "dev", "-c", "print('dev')"]),
    case("X_dev_attached", ["-Xdev", "-c", "print('dev')"]),
    case("X_tracemalloc", ["-X", "tracemalloc", "-c", "print('traced')"]),
    case("X_tracemalloc_frames", ["-X", "tracemalloc=5", "-c", "print('traced')"]),
    case("X_tracemalloc_zero", ["-X", "tracemalloc=0", "-c", "print('off')"]),
    case("X_tracemalloc_bad", ["-X", "tracemalloc=abc", "-c", "pass"]),
    case("X_tracemalloc_negative", ["-X", "tracemalloc=-1", "-c", "pass"]),
    # Given twice: the first counts, and the second is not even checked.
    case("X_tracemalloc_first_wins", ["-X", "tracemalloc=3", "-X", "tracemalloc=0", "-X",
                                      "tracemalloc=abc", "-c",
                                      "import tracemalloc; print(tracemalloc.is_tracing(), "
                                      "tracemalloc.get_traceback_limit())"]),
    case("PYTHONTRACEMALLOC", ["-c", "print('traced')"], env={"PYTHONTRACEMALLOC": "3"}),
    case("PYTHONTRACEMALLOC_bad", ["-c", "pass"], env={"PYTHONTRACEMALLOC": "x"}),
    case("E_ignores_PYTHONTRACEMALLOC", ["-E", "-c", "print('ok')"],
         env={"PYTHONTRACEMALLOC": "x"}),
    case("I_ignores_environment", ["-I", "-c", "print('isolated')"],
         env={"PYTHONTRACEMALLOC": "x", "PYTHONMALLOC": "bogus"}),
    case("E_ignores_PYTHONMALLOC", ["-E", "-c", "print('ok')"], env={"PYTHONMALLOC": "bogus"}),
    case("PYTHONMALLOC_malloc", ["-c", "print('malloc')"], env={"PYTHONMALLOC": "malloc"}),
    case("PYTHONHASHSEED_number", ["-c", HASHES], env={"PYTHONHASHSEED": "123"}),
    case("PYTHONHASHSEED_large", ["-c", HASHES], env={"PYTHONHASHSEED": "4294967295"}),
    case("PYTHONHASHSEED_zero", ["-c", HASHES], env={"PYTHONHASHSEED": "0"}),
    case("PYTHONHASHSEED_random", ["-c", "print('random')"], env={"PYTHONHASHSEED": "random"}),
    case("E_ignores_PYTHONHASHSEED", ["-E", "-c", "print('ok')"], env={"PYTHONHASHSEED": "abc"}),
    case("flags_default", ["-c", FLAGS]),
    case("flags_options", ["-B", "-d", "-s", "-S", "-q", "-OO", "-X", "dev", "-c", FLAGS]),
    case("flags_isolated", ["-I", "-c", FLAGS],
         env={"PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "PYTHONDEVMODE": "1"}),
    case("flags_environment", ["-c", FLAGS],
         env={"PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "PYTHONSAFEPATH": "1",
              "PYTHONHASHSEED": "0", "PYTHONDEVMODE": "1", "PYTHONOPTIMIZE": "2"}),
    case("PYTHONHASHSEED_bad", ["-c", "pass"], env={"PYTHONHASHSEED": "abc"}),
    case("PYTHONHASHSEED_too_big", ["-c", "pass"], env={"PYTHONHASHSEED": "4294967296"}),
    # --- -i and the prompt without a terminal (prompts on stderr) ----------------------------
    case("i_piped", ["-q", "-i"],
         stdin="1 + 1\nx = 5\nx\nfor i in range(2):\n    print(i)\n\n1 / 0\n_\n"),
    case("i_after_c", ["-i", "-c", "x = 5"], stdin="x * 2\n"),
    case("i_after_script", ["-i", "hello.py"], stdin="'still here'\n", files=HELLO),
    case("i_after_traceback", ["-i", "-c", "1 / 0"], stdin="'goes on'\n"),
    case("i_system_exit_in_program", ["-i", "-c", "raise SystemExit(3)"], stdin="'prompt'\n"),
    case("i_system_exit_at_prompt", ["-q", "-i"], stdin="raise SystemExit(4)\n'not reached'\n"),
    case("PYTHONINSPECT", ["-c", "y = 3"], stdin="y\n", env={"PYTHONINSPECT": "1"}),
    case("prompt_blocks", ["-q", "-i"],
         stdin="if 1:\n    1\n    2\n\ndef f(a):\n    return a + 1\n\nf(2)\n"),
    case("prompt_eof_in_block", ["-q", "-i"], stdin="if 1:\n    print(5)\n"),
    case("prompt_eof_in_bracket", ["-q", "-i"], stdin="x = (1,\n"),
    case("prompt_syntax_error", ["-q", "-i"], stdin="def f(:\n1\n"),
    case("prompt_indentation_error", ["-q", "-i"], stdin="  x\n'after'\n"),
    case("prompt_comments_and_blanks", ["-q", "-i"], stdin="# comment\n\n   \n3\n"),
    case("prompt_underscore", ["-q", "-i"], stdin="7\n_ * 6\nNone\n_\nx = 1\n_\n"),
    case("prompt_traceback_goes_on", ["-q", "-i"],
         stdin="def g():\n    raise ValueError('bad')\n\ng()\n'next'\n"),
    case("prompt_continuation_lines", ["-q", "-i"],
         stdin="x = [1,\n     2,\n     3]\nx\ns = '''a\nb'''\ns\n1 + \\\n2\n"),
    case("prompt_statements_on_one_line", ["-q", "-i"], stdin="a = 1; b = 2; a + b\n"),
    case("prompt_multiple_statements_error", ["-q", "-i"], stdin="1\n2\n"),
    case("prompt_decorator", ["-q", "-i"],
         stdin="def d(f):\n    return f\n\n@d\ndef h():\n    return 'h'\n\nh()\n"),
    case("prompt_nested_blocks", ["-q", "-i"],
         stdin="for i in range(3):\n    if i % 2:\n        print('odd', i)\n    else:\n"
               "        print('even', i)\n\n"),
    case("prompt_return_outside", ["-q", "-i"], stdin="return 1\n'after'\n"),
    case("prompt_unterminated_string", ["-q", "-i"], stdin="'abc\n'after'\n"),
    case("prompt_dedent_mismatch", ["-q", "-i"], stdin="if 1:\n        1\n    2\n\n'after'\n"),
    case("prompt_O", ["-q", "-O", "-i"], stdin="assert False\n__debug__\n"),
]
