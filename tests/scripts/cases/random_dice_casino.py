# A small casino simulation driven by a seeded generator: a deck that is shuffled and dealt,
# blackjack hands played by a fixed strategy, dice games, a weighted slot machine, a random
# walk of the bankroll and the statistics of the run. Every draw must match python3.11's.
import random

SUITS = "SHDC"
RANKS = ["A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K"]


class Deck:
    def __init__(self, rng, decks=1):
        self.rng = rng
        self.cards = [r + s for _ in range(decks) for s in SUITS for r in RANKS]
        self.rng.shuffle(self.cards)

    def deal(self):
        if not self.cards:
            raise IndexError("the deck is empty")
        return self.cards.pop()


def card_value(card):
    rank = card[:-1]
    if rank in ("J", "Q", "K"):
        return 10
    if rank == "A":
        return 11
    return int(rank)


def hand_value(hand):
    total = sum(card_value(c) for c in hand)
    aces = sum(1 for c in hand if c.startswith("A"))
    while total > 21 and aces:
        total -= 10
        aces -= 1
    return total


def play_blackjack(rng, rounds):
    deck = Deck(rng, decks=2)
    results = {"win": 0, "loss": 0, "push": 0}
    log = []
    for n in range(rounds):
        if len(deck.cards) < 15:
            deck = Deck(rng, decks=2)
        player = [deck.deal(), deck.deal()]
        dealer = [deck.deal(), deck.deal()]
        while hand_value(player) < 17:
            player.append(deck.deal())
        while hand_value(dealer) < 17:
            dealer.append(deck.deal())
        p, d = hand_value(player), hand_value(dealer)
        if p > 21 or (d <= 21 and d > p):
            outcome = "loss"
        elif d > 21 or p > d:
            outcome = "win"
        else:
            outcome = "push"
        results[outcome] += 1
        if n < 5:
            log.append(f"{' '.join(player)} ({p}) vs {' '.join(dealer)} ({d}): {outcome}")
    return results, log


def craps_round(rng):
    roll = rng.randint(1, 6) + rng.randint(1, 6)
    if roll in (7, 11):
        return True, [roll]
    if roll in (2, 3, 12):
        return False, [roll]
    point, rolls = roll, [roll]
    while True:
        roll = rng.randint(1, 6) + rng.randint(1, 6)
        rolls.append(roll)
        if roll == point:
            return True, rolls
        if roll == 7:
            return False, rolls


def slot_machine(rng, spins):
    symbols = ["cherry", "lemon", "bell", "bar", "seven"]
    weights = [40, 30, 15, 10, 5]
    payout = {"cherry": 2, "lemon": 3, "bell": 10, "bar": 20, "seven": 100}
    won = 0
    jackpots = []
    for spin in range(spins):
        reels = rng.choices(symbols, weights, k=3)
        if reels[0] == reels[1] == reels[2]:
            won += payout[reels[0]]
            jackpots.append((spin, reels[0]))
    return won, jackpots


def bankroll_walk(rng, start, steps):
    money = start
    low = high = money
    for _ in range(steps):
        bet = min(money, rng.randrange(5, 50, 5))
        if bet == 0:
            break
        money += bet if rng.random() < 0.49 else -bet
        low, high = min(low, money), max(high, money)
    return money, low, high


def main():
    rng = random.Random("casino night")
    results, log = play_blackjack(rng, 200)
    print("blackjack:", results)
    for line in log:
        print("  " + line)

    wins, longest = 0, []
    for _ in range(300):
        won, rolls = craps_round(rng)
        wins += won
        if len(rolls) > len(longest):
            longest = rolls
    print("craps: won", wins, "of 300; longest round", longest)

    won, jackpots = slot_machine(rng, 1000)
    print("slots: paid", won, "jackpots", jackpots[:6], len(jackpots))

    final, low, high = bankroll_walk(rng, 500, 400)
    print("bankroll:", final, "low", low, "high", high)

    guests = ["Ada", "Bob", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy", "Jo"]
    print("raffle winners:", rng.sample(guests, 3))
    tables = {name: rng.choice(["poker", "roulette", "baccarat"]) for name in guests}
    print("tables:", tables)
    tips = [round(rng.gauss(20, 5), 2) for _ in range(8)]
    print("tips:", tips, "mean", round(sum(tips) / len(tips), 3))
    waits = sorted(round(rng.expovariate(0.2), 3) for _ in range(6))
    print("waits:", waits)
    print("roulette:", [rng.randrange(37) for _ in range(15)])

    saved = rng.getstate()
    replay = [rng.random() for _ in range(3)]
    rng.setstate(saved)
    print("replay ok:", replay == [rng.random() for _ in range(3)])


main()
