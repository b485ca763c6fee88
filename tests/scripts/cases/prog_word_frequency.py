# Text statistics over a paragraph: normalising words with str methods and translate,
# frequency counts, the most common words with ties broken alphabetically, bigrams, the
# longest words, sentence lengths, a concordance of positions, and an ASCII bar chart.

TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness. It was the spring of hope, it
was the winter of despair! We had everything before us; we had nothing before us? We were
all going direct to Heaven, we were all going direct the other way."""

PUNCT = ",.;!?"
STOP = {"it", "was", "the", "of", "we", "us", "to", "had", "all", "were"}


def words(text):
    table = str.maketrans({c: " " for c in PUNCT})
    return text.lower().translate(table).split()


def counts(items):
    result = {}
    for item in items:
        result[item] = result.get(item, 0) + 1
    return result


def top(counter, n):
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def sentences(text):
    flat = " ".join(text.split())
    out, current = [], []
    for ch in flat:
        current.append(ch)
        if ch in ".!?":
            out.append("".join(current).strip())
            current = []
    if "".join(current).strip():
        out.append("".join(current).strip())
    return out


ws = words(TEXT)
freq = counts(ws)
print(len(ws), "words,", len(freq), "distinct")
print("top:", top(freq, 5))
content = {w: c for w, c in freq.items() if w not in STOP}
print("top content words:", top(content, 6))
bigrams = counts(zip(ws, ws[1:]))
print("top bigrams:", [" ".join(b) + f"={c}" for b, c in top(bigrams, 4)])
longest = sorted(set(ws), key=lambda w: (-len(w), w))[:4]
print("longest:", longest)
for s in sentences(TEXT):
    print(f"{len(s.split()):>3} words, ends {s[-1]!r}: {s[:40]}{'...' if len(s) > 40 else ''}")
concordance = {}
for i, w in enumerate(ws):
    if w in ("age", "epoch", "season", "direct"):
        concordance.setdefault(w, []).append(i)
print(concordance)
lengths = counts(len(w) for w in ws)
for length in sorted(lengths):
    print(f"{length:>2} | {'#' * lengths[length]} {lengths[length]}")
caps = sorted({w.strip(PUNCT) for w in TEXT.split() if w[0].isupper()})
print("capitalised:", caps)
print("title:", " ".join(ws[:6]).title(), "|", TEXT.split("\n")[0].swapcase()[:20])
print("vowel share: {:.1%}".format(sum(ch in "aeiou" for ch in "".join(ws)) / len("".join(ws))))
