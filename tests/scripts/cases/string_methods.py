s = "The quick brown fox"
words = s.split()
print(words, len(words), " ".join(words[::-1]))
print(s.lower(), s.upper(), s.strip("Tx"), s.index("q"), s.rfind("o"))
print("a,b,,c".split(","), "x".join("abc"), "a b  c".split(), "1 2 3".rsplit(" ", 1))
print("  x ".lstrip(), "Abc".isalpha(), "12".isdigit(), "ab".isupper(), "  ".isspace())
print("hello"[1:4].upper(), "ab" * 0, "abc" < "abd", "é".upper(), "ß".lower())
print("tab\there", "new\nline", repr("tab\t"), "a\\b", len("\u00e9\U0001F600"))
