def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in (-5, 0, 3, 50):
    print(n, classify(n))
x = 5
print("yes" if x > 3 else "no", "a" if not x else "b")
print(1 < x < 10, 1 < x > 10, x == 5 == 5)
print(0 or "default", 3 and 4, None or 0, [] and 1)
