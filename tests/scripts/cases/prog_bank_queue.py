# A bank queue simulated with a seeded random generator: customers arriving at random
# intervals with random service times, several tellers, a first-come first-served queue,
# events processed in time order, and waiting-time statistics compared across teller counts.

import random


def simulate(tellers, customers, seed):
    rng = random.Random(seed)
    t, arrivals = 0.0, []
    for i in range(customers):
        t += rng.expovariate(1 / 2.0)
        arrivals.append((round(t, 3), i, round(rng.uniform(2, 9), 3)))
    free_at = [0.0] * tellers
    served_by = [0] * tellers
    waits, longest_queue, queue_times = [], 0, []
    for arrive, ident, service in arrivals:
        teller = min(range(tellers), key=lambda k: (free_at[k], k))
        start = max(arrive, free_at[teller])
        waits.append(start - arrive)
        free_at[teller] = start + service
        served_by[teller] += 1
        queue_times.append(start)
        in_queue = sum(1 for a, _, _ in arrivals if a <= arrive) - sum(1 for s in queue_times if s <= arrive)
        longest_queue = max(longest_queue, in_queue)
    return {"waits": waits, "served_by": served_by, "end": max(free_at), "longest": longest_queue,
            "first": arrivals[:3]}


def summary(waits):
    s = sorted(waits)
    n = len(s)
    mean = sum(s) / n
    return {"mean": round(mean, 2), "median": round((s[n // 2] + s[(n - 1) // 2]) / 2, 2),
            "p90": round(s[int(0.9 * (n - 1))], 2), "max": round(s[-1], 2),
            "waited": sum(1 for w in s if w > 0)}


base = simulate(2, 40, seed=7)
print("first arrivals:", base["first"])
for tellers in (1, 2, 3, 4):
    r = simulate(tellers, 40, seed=7)
    st = summary(r["waits"])
    print(f"{tellers} teller(s): {st} served {r['served_by']} done at {r['end']:.1f} longest queue {r['longest']}")
means = [summary(simulate(3, 60, seed=s)["waits"])["mean"] for s in range(5)]
print("mean waits with 3 tellers over seeds 0-4:", means)
print("spread: {:.2f}..{:.2f}, average {:.3f}".format(min(means), max(means), sum(means) / len(means)))
random.seed(99)
sample = sorted(random.sample(range(1000), 5))
print("module-level sample:", sample, random.randint(1, 6), round(random.gauss(0, 1), 6))
rng = random.Random("bank")
print([rng.choice(["deposit", "withdraw", "enquiry"]) for _ in range(6)], rng.randrange(10, 100, 5))
