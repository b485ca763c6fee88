# At shutdown each A's __del__ makes another A and a comprehension (a new function), ten times
# over: more collections than the interpreter's own shutdown step runs, so the last ones happen
# in the runtime's final collections. The builtins and the interpreter's interned names must
# outlive every collection that can run a finalizer (minipy crashed making the comprehension's
# function after they had been cleared).
class A:
    n = (1,)
    made = 0

    def __del__(self):
        A.made += 1
        if A.made < 10:
            A.keep = (A(), [[None] for _ in A.n])


a = A()
print("made", type(a).__name__)
