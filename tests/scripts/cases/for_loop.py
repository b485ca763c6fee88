for i in range(3):
    print("i", i)
for i in range(10, 0, -3):
    print(i)
for ch in "abc":
    print(ch)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for x in []:
    print("never")
else:
    print("for else")
for i in range(5):
    if i == 2:
        break
else:
    print("not reached")
total = 0
for i in range(100):
    for j in range(i):
        total += j
print(total)
