text = """the quick brown fox jumps over the lazy dog
the dog barks and the fox runs
a quick brown dog"""
counts = {}
for line in text.split("\n"):
    for word in line.split():
        counts[word] = counts.get(word, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in top[:5]:
    print(word, n)
print(len(counts), sum(counts.values()))
lengths = {}
for w in counts:
    lengths.setdefault(len(w), []).append(w)
print({k: sorted(v) for k, v in sorted(lengths.items())})
