d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["b"], d.get("z"), d.get("z", 0), "a" in d)
del d["a"]
print(list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(k, v)
d.update({"x": 9})
print(d, d.pop("x"), d.setdefault("q", 7), d)
print(dict(a=1, b=2), {**d, "z": 0}, dict([(1, 2)]))
