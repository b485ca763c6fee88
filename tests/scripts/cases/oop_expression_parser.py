# A small expression language: tokens from a generator, AST node classes sharing a generic
# __init__/__repr__/__eq__, a recursive-descent parser class, visitors dispatching on the node's
# class name through getattr, an event object with += / -= of bound methods, and a state
# machine whose states register themselves through __init_subclass__.
class Token:
    __slots__ = ("kind", "text")
    def __init__(self, kind, text):
        self.kind, self.text = kind, text
    def __repr__(self):
        return f"Token({self.kind!r}, {self.text!r})"

def tokenize(src):
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and src[j].isdigit():
                j += 1
            yield Token("num", src[i:j]); i = j
        elif c in "+-*/()":
            yield Token("op", c); i += 1
        else:
            raise SyntaxError(f"bad char {c!r} at {i}")

class Node:
    fields = ()
    def __init__(self, *args):
        for f, a in zip(self.fields, args):
            setattr(self, f, a)
    def __repr__(self):
        args = ", ".join(repr(getattr(self, f)) for f in self.fields)
        return f"{type(self).__name__}({args})"
    def __eq__(self, other):
        return type(self) is type(other) and all(getattr(self, f) == getattr(other, f) for f in self.fields)

class Num(Node): fields = ("value",)
class BinOp(Node): fields = ("op", "left", "right")
class Neg(Node): fields = ("operand",)

class Parser:
    def __init__(self, tokens):
        self.tokens = list(tokens)
        self.pos = 0
    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None
    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok
    def expr(self):
        node = self.term()
        while (t := self.peek()) is not None and t.text in "+-":
            self.take()
            node = BinOp(t.text, node, self.term())
        return node
    def term(self):
        node = self.factor()
        while (t := self.peek()) is not None and t.text in "*/":
            self.take()
            node = BinOp(t.text, node, self.factor())
        return node
    def factor(self):
        t = self.take()
        if t is None:
            raise SyntaxError("unexpected end")
        if t.kind == "num":
            return Num(int(t.text))
        if t.text == "-":
            return Neg(self.factor())
        if t.text == "(":
            node = self.expr()
            if (closing := self.take()) is None or closing.text != ")":
                raise SyntaxError("missing )")
            return node
        raise SyntaxError(f"unexpected {t!r}")

class Visitor:
    def visit(self, node):
        method = getattr(self, "visit_" + type(node).__name__, self.generic_visit)
        return method(node)
    def generic_visit(self, node):
        raise TypeError(f"no visitor for {type(node).__name__}")

class Evaluator(Visitor):
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b,
           "*": lambda a, b: a * b, "/": lambda a, b: a // b}
    def visit_Num(self, node): return node.value
    def visit_Neg(self, node): return -self.visit(node.operand)
    def visit_BinOp(self, node):
        return self.ops[node.op](self.visit(node.left), self.visit(node.right))

class Printer(Visitor):
    def visit_Num(self, node): return str(node.value)
    def visit_Neg(self, node): return f"(-{self.visit(node.operand)})"
    def visit_BinOp(self, node): return f"({self.visit(node.left)} {node.op} {self.visit(node.right)})"

for src in ["1 + 2 * 3", "(1 + 2) * 3", "-4 * -(2 + 1)", "10 / 3 - 1", "2 * (3", "1 $ 2", ""]:
    try:
        tree = Parser(tokenize(src)).expr()
        print(f"{src!r:20} -> {Printer().visit(tree):25} = {Evaluator().visit(tree)}")
    except SyntaxError as e:
        print(f"{src!r:20} -> SyntaxError: {e}")
print(Parser(tokenize("1+2")).expr() == BinOp("+", Num(1), Num(2)), repr(Parser(tokenize("-(1)")).expr()))

class Event:
    def __init__(self):
        self.handlers = []
    def __iadd__(self, handler):
        self.handlers.append(handler)
        return self
    def __isub__(self, handler):
        self.handlers.remove(handler)
        return self
    def __call__(self, *args):
        return [h(*args) for h in self.handlers]
class Listener:
    def __init__(self, name): self.name = name
    def on(self, value): return f"{self.name} got {value}"
ev = Event()
a, b = Listener("a"), Listener("b")
ev += a.on
ev += b.on
ev += print
print(ev(1))
ev -= a.on
ev -= print
print(ev(2), a.on == a.on, a.on != b.on)

class State:
    transitions = {}
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        State.transitions[cls.__name__] = cls
    def on(self, event):
        target = self.table.get(event)
        return State.transitions[target]() if target else self
    def __repr__(self): return type(self).__name__
class Idle(State): table = {"start": "Running"}
class Running(State): table = {"pause": "Paused", "stop": "Idle"}
class Paused(State): table = {"resume": "Running", "stop": "Idle"}
s = Idle()
for e in ["start", "pause", "bogus", "resume", "stop"]:
    s = s.on(e)
    print(e, "->", s)
