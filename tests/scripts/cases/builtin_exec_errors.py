# The errors of exec(), eval() and compile(): arguments, namespaces, sources, code objects.
def attempt(text):
    try:
        result = eval(text)
    except Exception as e:
        print(f"{text}: {type(e).__name__}: {e}")
    else:
        print(f"{text}: {result!r}")


attempt("exec()")
attempt("exec(1)")
attempt("exec(None)")
attempt("exec('x', [])")
attempt("exec('x', {}, 1)")
attempt("exec('x', {}, {}, {})")
attempt("exec('x', globals={})")
attempt("exec('x', closure=())")
attempt("exec(compile('1', 'f', 'exec'), closure=())")
attempt("eval()")
attempt("eval(1)")
attempt("eval('1', {}, {}, 1)")
attempt("eval('x', globals={})")
attempt("eval('x', [])")
attempt("eval('x', 1)")
attempt("eval('x', {}, 1)")
attempt("eval('a\\0b')")
attempt("eval(b'a\\0b')")
attempt("exec('a\\0b')")
attempt("compile()")
attempt("compile('1')")
attempt("compile('1', 'f')")
attempt("compile(1, 'f', 'exec')")
attempt("compile('1', 'f', 'bad')")
attempt("compile('1', 'f', 1)")
attempt("compile('1', 1, 'exec')")
attempt("compile('1', 'f', 'exec', 12345678)")
attempt("compile('1', 'f', 'exec', 'x')")
attempt("compile('1', 'f', 'exec', optimize=5)")
attempt("compile('1', 'f', 'exec', foo=5)")
attempt("compile('1', 'f', 'exec', 0, 0, 0, 0)")
attempt("compile('1', 'f', 'exec', source='1')")
attempt("compile('a\\0b', 'f', 'exec')")
attempt("compile('x = 1\\ny = 2', 'f', 'single')")
attempt("compile('x = 1', 'f', 'eval')")
attempt("compile('\\udc80', 'f', 'exec')")


def make_closure():
    v = 1

    def inner():
        return v

    return inner


attempt("exec(make_closure().__code__)")
attempt("eval(make_closure().__code__)")
