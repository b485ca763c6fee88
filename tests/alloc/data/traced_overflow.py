import _testcapi
def f():
    _testcapi.pymem_buffer_overflow()
f()
# The script behind the tracemalloc_report suite's expected report. Run as
#   PYTHONMALLOC=debug python3 -X tracemalloc=5 -c "$(cat traced_overflow.py)"
# python3 prints, after the block dump, the lines the suite expects from minipy (whose
# alloc_crasher answers the stack callback as the interpreter would inside f()):
#   Memory block allocated at (most recent call first):
#     File "<string>", line 3
#     File "<string>", line 4
