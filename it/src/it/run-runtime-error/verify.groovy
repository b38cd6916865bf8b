// lox:run streamed the program's output, then failed the build with the Lox error: its message
// and every frame of the trace, with lines, as clox prints them.
def log = new File(basedir, "build.log").text.replace("\r\n", "\n")

assert log.contains("Running src/main/lox/main.lox\nadded 10\n") : "the output before the error is missing"
assert !log.contains("never printed")
assert log.contains("""Lox runtime error in src/main/lox/main.lox:
Operands must be two numbers or two strings.
[line 7] in add()
[line 14] in checkout()
[line 18] in script""") : "the build did not fail with the Lox message and trace"
assert log.contains("BUILD FAILURE")
true
