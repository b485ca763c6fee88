def find(xs, target):
    for i, x in enumerate(xs):
        if x == target:
            return i
    return None
print(find([4, 5, 6], 5), find([], 1))
def classify(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)
print(" ".join(classify(i) for i in range(1, 21)))
def nothing():
    pass
print(nothing(), (lambda: None)())
