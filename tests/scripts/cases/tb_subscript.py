table = {"rows": [[1, 2], [3, 4]]}
value = table["rows"][5][0]
