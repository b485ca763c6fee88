# A two-pass assembler and a register virtual machine: labels resolved in the first pass,
# instructions encoded as tuples, a fetch-decode-execute loop with flags, a call stack,
# memory, and a step limit; programs compute factorials, Fibonacci numbers and a sum of
# primes; assembly errors and runtime faults are reported with line numbers.


class AsmError(Exception):
    pass


class VMFault(Exception):
    pass


OPCODES = {"mov": 2, "add": 2, "sub": 2, "mul": 2, "mod": 2, "cmp": 2, "jmp": 1, "je": 1,
           "jne": 1, "jl": 1, "call": 1, "ret": 0, "push": 1, "pop": 1, "out": 1, "halt": 0,
           "load": 2, "store": 2}


def assemble(source):
    labels, lines = {}, []
    for number, raw in enumerate(source.splitlines(), 1):
        line = raw.split(";")[0].strip()
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(lines)
            continue
        op, _, rest = line.partition(" ")
        args = [a.strip() for a in rest.split(",")] if rest else []
        if op not in OPCODES:
            raise AsmError(f"line {number}: unknown instruction {op!r}")
        if len(args) != OPCODES[op]:
            raise AsmError(f"line {number}: {op} takes {OPCODES[op]} operands, got {len(args)}")
        lines.append((op, args, number))
    program = []
    for op, args, number in lines:
        decoded = []
        for a in args:
            if a.lstrip("-").isdigit():
                decoded.append(("imm", int(a)))
            elif a in ("r0", "r1", "r2", "r3", "sp"):
                decoded.append(("reg", a))
            elif a in labels:
                decoded.append(("imm", labels[a]))
            else:
                raise AsmError(f"line {number}: unknown operand {a!r}")
        program.append((op, decoded, number))
    return program


def run(program, max_steps=100_000):
    regs = dict.fromkeys(("r0", "r1", "r2", "r3"), 0)
    mem, stack, out = {}, [], []
    pc = steps = flag = 0
    val = lambda o: regs[o[1]] if o[0] == "reg" else o[1]
    while True:
        if not 0 <= pc < len(program):
            raise VMFault(f"pc {pc} outside the program")
        op, args, line = program[pc]
        steps += 1
        if steps > max_steps:
            raise VMFault(f"step limit reached at line {line}")
        pc += 1
        if op == "halt":
            return out, steps
        if op in ("mov", "add", "sub", "mul", "mod"):
            dst, src = args[0][1], val(args[1])
            if op == "mod" and src == 0:
                raise VMFault(f"line {line}: modulo by zero")
            regs[dst] = {"mov": src, "add": regs[dst] + src, "sub": regs[dst] - src,
                         "mul": regs[dst] * src, "mod": regs[dst] % src if src else 0}[op]
        elif op == "cmp":
            a, b = val(args[0]), val(args[1])
            flag = (a > b) - (a < b)
        elif op in ("jmp", "je", "jne", "jl"):
            if op == "jmp" or (op == "je" and flag == 0) or (op == "jne" and flag != 0) or (op == "jl" and flag < 0):
                pc = val(args[0])
        elif op == "call":
            stack.append(pc)
            pc = val(args[0])
        elif op == "ret":
            if not stack:
                raise VMFault(f"line {line}: return with an empty stack")
            pc = stack.pop()
        elif op == "push":
            stack.append(val(args[0]))
        elif op == "pop":
            regs[args[0][1]] = stack.pop()
        elif op == "out":
            out.append(val(args[0]))
        elif op == "store":
            mem[val(args[0])] = val(args[1])
        elif op == "load":
            regs[args[0][1]] = mem.get(val(args[1]), 0)


FACT = """
    mov r0, 1
    mov r1, 1
loop:
    cmp r1, 13
    je done
    mul r0, r1
    out r0
    add r1, 1
    jmp loop
done:
    halt
"""
FIB = """
    mov r0, 0
    mov r1, 1
    mov r3, 0
next:
    out r0
    mov r2, r0
    add r2, r1
    mov r0, r1
    mov r1, r2
    add r3, 1
    cmp r3, 15
    jl next
    halt
"""
PRIMES = """
    mov r0, 2          ; candidate
    mov r3, 0          ; sum
candidate:
    cmp r0, 60
    je finish
    call is_prime
    cmp r2, 1
    jne skip
    add r3, r0
    out r0
skip:
    add r0, 1
    jmp candidate
is_prime:              ; r2 = 1 if r0 is prime
    mov r1, 2
    mov r2, 1
trial:
    push r1
    mul r1, r1
    cmp r1, r0
    pop r1
    je composite
    mov r2, r1
    mul r2, r1
    cmp r0, r2
    jl prime
    mov r2, r0
    mod r2, r1
    cmp r2, 0
    je composite
    add r1, 1
    jmp trial
composite:
    mov r2, 0
    ret
prime:
    mov r2, 1
    ret
finish:
    out r3
    halt
"""
for name, src in [("factorials", FACT), ("fibonacci", FIB), ("primes", PRIMES)]:
    out, steps = run(assemble(src))
    print(f"{name}: {len(assemble(src))} instructions, {steps} steps")
    print("   ", out)
for bad in ["mov r0", "jmp nowhere", "frob r1, 2", "mov r9, 1"]:
    try:
        assemble(bad)
    except AsmError as e:
        print("AsmError:", e)
for src in ["loop:\n jmp loop", "ret", "mov r1, 0\n mod r0, r1", "jmp 99"]:
    try:
        run(assemble(src), max_steps=1000)
    except VMFault as e:
        print("VMFault:", e)
