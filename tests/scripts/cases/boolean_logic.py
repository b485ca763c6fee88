print(True and False, True or False, not True, not 0, not [])
print(1 == 1.0, None is None, [] is [], "a" != "b")
print(True + True, True * 3, False == 0, bool(None), bool([0]))
def side(x):
    print("side", x)
    return x
print(side(0) and side(1))
print(side(1) or side(2))
print(3 in [1, 2, 3], 4 not in [1, 2], "k" in {"k": 1})
