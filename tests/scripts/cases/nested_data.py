inventory = {
    "fruit": [{"name": "apple", "qty": 3}, {"name": "pear", "qty": 0}],
    "veg": [{"name": "leek", "qty": 7}],
}
for kind, items in sorted(inventory.items()):
    in_stock = [i["name"] for i in items if i["qty"] > 0]
    print(kind, in_stock, sum(i["qty"] for i in items))
totals = {k: sum(i["qty"] for i in v) for k, v in inventory.items()}
print(totals, max(totals, key=totals.get))
matrix = [[(r, c) for c in range(2)] for r in range(2)]
print(matrix, matrix[1][0][1])
stack = []
for token in "3 4 + 2 *".split():
    if token.isdigit():
        stack.append(int(token))
    else:
        b, a = stack.pop(), stack.pop()
        stack.append(a + b if token == "+" else a * b)
print(stack)
