name = "world"
n = 42
print(f"hello {name}!")
print(f"{n} {n + 1} {n * 2!r} {name!r} {name!s}")
print(f"{n=} {name = }")
print(f"{'nested ' + name}")
print(f"{{literal}} {n}")
