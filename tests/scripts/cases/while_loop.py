i = 0
while i < 10:
    i += 1
    if i == 3:
        continue
    if i == 8:
        break
    print(i)
else:
    print("not reached")
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
