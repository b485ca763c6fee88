assert True
assert 1 + 1 == 2, "math"
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("caught:", e)
try:
    assert False
except AssertionError as e:
    print("empty:", repr(e))
assert len([]) == 1, "list is empty"
