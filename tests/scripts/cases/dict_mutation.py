d = {i: i * i for i in range(5)}
try:
    for k in d:
        d[k + 10] = 0
except RuntimeError as e:
    print(e)
d2 = {"b": 2, "a": 1}
d2["c"] = 3
del d2["b"]
d2["b"] = 4
print(d2, list(d2))
print({1: "int", 1.0: "float", True: "bool"})
print(d2.popitem(), d2, d2.copy() == d2, {} == dict())
