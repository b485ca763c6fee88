# A tiny Lisp: a reader for s-expressions, environments chained by dicts, special forms
# (quote, if, define, lambda, let, begin), closures, tail calls left recursive, builtins
# from a dict of lambdas, and error messages for unbound names and bad calls.


class LispError(Exception):
    pass


def tokenize(src):
    return src.replace("(", " ( ").replace(")", " ) ").replace("'", " ' ").split()


def read(tokens):
    if not tokens:
        raise LispError("unexpected end of input")
    tok = tokens.pop(0)
    if tok == "(":
        items = []
        while tokens and tokens[0] != ")":
            items.append(read(tokens))
        if not tokens:
            raise LispError("missing )")
        tokens.pop(0)
        return items
    if tok == ")":
        raise LispError("unexpected )")
    if tok == "'":
        return ["quote", read(tokens)]
    for conv in (int, float):
        try:
            return conv(tok)
        except ValueError:
            pass
    return tok


class Env(dict):
    def __init__(self, names=(), values=(), outer=None):
        super().__init__(zip(names, values))
        self.outer = outer

    def find(self, name):
        env = self
        while env is not None:
            if name in env:
                return env
            env = env.outer
        raise LispError(f"unbound symbol: {name}")


class Lambda:
    def __init__(self, params, body, env):
        self.params, self.body, self.env = params, body, env

    def __call__(self, *args):
        if len(args) != len(self.params):
            raise LispError(f"expected {len(self.params)} arguments, got {len(args)}")
        return evaluate(self.body, Env(self.params, args, self.env))


def evaluate(x, env):
    if isinstance(x, str):
        return env.find(x)[x]
    if not isinstance(x, list):
        return x
    if not x:
        return []
    op, *args = x
    if op == "quote":
        return args[0]
    if op == "if":
        test, yes, no = args
        return evaluate(yes if evaluate(test, env) not in (False, []) else no, env)
    if op == "define":
        env[args[0]] = evaluate(args[1], env)
        return None
    if op == "lambda":
        return Lambda(args[0], args[1], env)
    if op == "let":
        names = [b[0] for b in args[0]]
        values = [evaluate(b[1], env) for b in args[0]]
        return evaluate(args[1], Env(names, values, env))
    if op == "begin":
        result = None
        for expr in args:
            result = evaluate(expr, env)
        return result
    fn = evaluate(op, env)
    if not callable(fn):
        raise LispError(f"not a procedure: {to_str(fn)}")
    return fn(*[evaluate(a, env) for a in args])


def to_str(x):
    if isinstance(x, list):
        return "(" + " ".join(map(to_str, x)) + ")"
    if x is True or x is False:
        return "#t" if x else "#f"
    return str(x)


GLOBAL = Env()
GLOBAL.update({"+": lambda *a: sum(a), "-": lambda a, b: a - b, "*": lambda a, b: a * b,
               "/": lambda a, b: a / b, "<": lambda a, b: a < b, "=": lambda a, b: a == b,
               "car": lambda l: l[0], "cdr": lambda l: l[1:], "cons": lambda a, l: [a] + l,
               "null?": lambda l: l == [], "list": lambda *a: list(a)})

program = """
(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))
(fact 20)
(define map (lambda (f l) (if (null? l) '() (cons (f (car l)) (map f (cdr l))))))
(map (lambda (x) (* x x)) (list 1 2 3 4 5))
(define make-counter (lambda (start) (lambda (step) (+ start step))))
((make-counter 10) 5)
(let ((a 3) (b 4)) (+ (* a a) (* b b)))
(begin (define x 7) (define y (* x 6)) (list x y (= y 42)))
(/ 7 2)
'(a (b c) d)
(undefined 1)
(fact 1 2)
(5 3)
(car '())
(+ 1 (* 2
"""
tokens = tokenize(program)
while tokens:
    try:
        expr = read(tokens)
        result = evaluate(expr, GLOBAL)
        if result is not None:
            print(to_str(expr)[:40].ljust(42), "=>", to_str(result))
    except LispError as e:
        print("error:", e)
    except IndexError as e:
        print("IndexError:", e)
