found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    if found:
        break
print(found)
primes = []
for n in range(2, 50):
    for p in primes:
        if n % p == 0:
            break
    else:
        primes.append(n)
print(primes)
