# Poker hand ranking: cards parsed from strings like "AS" or "10H", validation, hand
# categories from straight flush down to high card, tie-breaking by comparable tuples,
# the wheel straight (A-2-3-4-5), a showdown between players, and a seeded random deal.

import random

RANKS = {r: i for i, r in enumerate("23456789TJQKA", start=2)}
NAMES = ["high card", "pair", "two pair", "three of a kind", "straight", "flush",
         "full house", "four of a kind", "straight flush"]


class Card:
    def __init__(self, text):
        text = text.upper().replace("10", "T")
        if len(text) != 2 or text[0] not in RANKS or text[1] not in "SHDC":
            raise ValueError(f"bad card {text!r}")
        self.rank, self.suit = RANKS[text[0]], text[1]

    def __repr__(self):
        inv = {v: k for k, v in RANKS.items()}
        return inv[self.rank] + self.suit


def evaluate(cards):
    if len(cards) != 5:
        raise ValueError(f"a hand has 5 cards, not {len(cards)}")
    if len({(c.rank, c.suit) for c in cards}) != 5:
        raise ValueError("duplicate card in hand")
    ranks = sorted((c.rank for c in cards), reverse=True)
    counts = {}
    for r in ranks:
        counts[r] = counts.get(r, 0) + 1
    groups = sorted(counts.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)
    shape = [n for _, n in groups]
    order = [r for r, _ in groups]
    flush = len({c.suit for c in cards}) == 1
    if ranks == [14, 5, 4, 3, 2]:
        ranks = order = [5, 4, 3, 2, 1]
    straight = len(counts) == 5 and ranks[0] - ranks[4] == 4
    if straight and flush:
        cat = 8
    elif shape == [4, 1]:
        cat = 7
    elif shape == [3, 2]:
        cat = 6
    elif flush:
        cat = 5
    elif straight:
        cat = 4
    elif shape == [3, 1, 1]:
        cat = 3
    elif shape == [2, 2, 1]:
        cat = 2
    elif shape == [2, 1, 1, 1]:
        cat = 1
    else:
        cat = 0
    return (cat, order)


def hand(text):
    return [Card(t) for t in text.split()]


examples = ["AS KS QS JS 10S", "9H 9D 9S 9C 2D", "3H 3D 3S 8C 8D", "2H 7H 9H JH KH",
            "AD 2C 3H 4S 5D", "6C 7C 8D 9S 10H", "QS QH QD 4C 2S", "JS JD 5C 5H AS",
            "KH KD 8C 4S 2H", "AH QD 9C 6S 3D"]
for text in examples:
    cat, order = evaluate(hand(text))
    print(f"{text:<16} {NAMES[cat]:<16} {order}")
table = {"ann": "JS JD 5C 5H AS", "bob": "JH JC 5S 5D KS", "cy": "AD 2C 3H 4S 5D"}
ranked = sorted(table, key=lambda p: evaluate(hand(table[p])), reverse=True)
print("showdown:", ranked, "winner", ranked[0])
for bad in ["AS KS QS JS", "AS AS QS JS 10S", "ZZ KS QS JS 10S", "1S 2S 3S 4S 5S"]:
    try:
        evaluate(hand(bad))
    except ValueError as e:
        print("ValueError:", e)
rng = random.Random(52)
deck = [r + s for r in "23456789TJQKA" for s in "SHDC"]
tally = {}
for _ in range(300):
    rng.shuffle(deck)
    cat, _ = evaluate([Card(c) for c in deck[:5]])
    tally[NAMES[cat]] = tally.get(NAMES[cat], 0) + 1
for name in NAMES:
    if name in tally:
        print(f"{name:<16} {tally[name]:>4} {tally[name] / 300:6.1%}")
