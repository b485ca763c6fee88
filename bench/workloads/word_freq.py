# Word frequencies over generated text: words are glued from syllables drawn by a fixed
# linear congruential stream, lines are joined and split again, and a dict counts every
# word. Then the words are sorted by count and spelling and the most common ones reported.
# Work: many short strs, str.split, str.lower, dict lookups and inserts, a sort with a key.
# Usage: word_freq.py [lines]   (default 120000). Prints the distinct words, the total and
# the top five.
import sys

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qua", "dre",
             "Ol", "An", "Is", "Um", "th", "er", "on", "an"]


def make_line(state, words_per_line):
    words = []
    for _ in range(words_per_line):
        state = (state * 1103515245 + 12345) % 2147483648
        # Skewed lengths: short words are far more common than long ones.
        length = 1 + (state >> 16) % 4
        if length == 4 and (state >> 8) % 3:
            length = 2
        parts = []
        for _ in range(length):
            state = (state * 1103515245 + 12345) % 2147483648
            parts.append(SYLLABLES[(state >> 16) % len(SYLLABLES)])
        words.append("".join(parts))
    return state, " ".join(words) + ",\n"


def main():
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 120000
    state = 42
    text = []
    for _ in range(lines):
        state, line = make_line(state, 8)
        text.append(line)
    counts = {}
    for line in text:
        for word in line.split():
            word = word.strip(",.").lower()
            if word in counts:
                counts[word] += 1
            else:
                counts[word] = 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    total = 0
    for word, count in ranked:
        total += count * len(word)
    top = " ".join([word + "=" + str(count) for word, count in ranked[:5]])
    print("word_freq", lines, len(counts), total, top)


main()
