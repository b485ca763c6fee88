# Dynamic programming on everyday problems: a 0/1 knapsack for packing a bag (with the
# chosen items recovered), making change with the fewest coins and counting the ways, the
# longest increasing subsequence of prices, and text justification by minimal badness.


def knapsack(items, capacity):
    best = [[0] * (capacity + 1) for _ in range(len(items) + 1)]
    for i, (name, weight, value) in enumerate(items, 1):
        for cap in range(capacity + 1):
            best[i][cap] = best[i - 1][cap]
            if weight <= cap:
                best[i][cap] = max(best[i][cap], best[i - 1][cap - weight] + value)
    chosen, cap = [], capacity
    for i in range(len(items), 0, -1):
        if best[i][cap] != best[i - 1][cap]:
            name, weight, _ = items[i - 1]
            chosen.append(name)
            cap -= weight
    return best[-1][capacity], chosen[::-1]


def fewest_coins(coins, amount):
    INF = float("inf")
    need = [0] + [INF] * amount
    last = [None] * (amount + 1)
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and need[a - c] + 1 < need[a]:
                need[a], last[a] = need[a - c] + 1, c
    if need[amount] == INF:
        raise ValueError(f"cannot make {amount} from {coins}")
    used = []
    while amount:
        used.append(last[amount])
        amount -= last[amount]
    return sorted(used, reverse=True)


def ways(coins, amount):
    table = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            table[a] += table[a - c]
    return table[amount]


def lis(seq):
    best = [1] * len(seq)
    prev = [-1] * len(seq)
    for i in range(len(seq)):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(len(seq)), key=lambda k: (best[k], -k))
    out = []
    while i != -1:
        out.append(seq[i])
        i = prev[i]
    return out[::-1]


def justify(words, width):
    n = len(words)
    cost = [0] * (n + 1)
    brk = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        cost[i] = float("inf")
        length = -1
        for j in range(i, n):
            length += len(words[j]) + 1
            if length > width:
                break
            badness = 0 if j == n - 1 else (width - length) ** 3
            if badness + cost[j + 1] < cost[i]:
                cost[i], brk[i] = badness + cost[j + 1], j + 1
    lines, i = [], 0
    while i < n:
        lines.append(" ".join(words[i:brk[i]]))
        i = brk[i]
    return lines, cost[0]


items = [("tent", 5, 60), ("stove", 3, 50), ("camera", 2, 70), ("book", 1, 10),
         ("food", 4, 80), ("water", 3, 75), ("laptop", 3, 40)]
for cap in (5, 10, 15):
    value, chosen = knapsack(items, cap)
    print(f"capacity {cap:>2}: value {value:>3} with {chosen}")
for coins, amount in [([1, 5, 10, 25], 63), ([1, 3, 4], 6), ([2, 5], 3), ([7, 3], 20)]:
    try:
        print(f"{amount} from {coins}: {fewest_coins(coins, amount)}, {ways(coins, amount)} ways")
    except ValueError as e:
        print("ValueError:", e)
prices = [31, 12, 45, 13, 50, 18, 60, 22, 23, 70, 5, 80]
print("longest rise:", lis(prices))
text = "the quick brown fox jumps over the lazy dog while the cat watches from the warm windowsill"
lines, badness = justify(text.split(), 24)
print(f"badness {badness}")
for line in lines:
    print(f"|{line:<24}|")
