s = "Hello, World"
print(s.lower(), s.upper(), len(s), s[0], s[-1], s[2:5], s[::-1], s[::2])
print(s.split(", "), "-".join(["a", "b", "c"]), s.replace("l", "L"))
print(s.find("o"), s.count("l"), s.startswith("He"), s.endswith("x"))
print("  pad  ".strip(), "x" * 3, "ab" + "cd", "b" in "abc")
print(repr("quote'd"), str(42), ord("A"), chr(97))
