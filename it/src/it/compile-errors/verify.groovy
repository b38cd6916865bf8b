// Every compile error of every file is in the build's output with its file and line, and the
// build failed because of them. The file that compiled has its chunk; the others have none.
def log = new File(basedir, "build.log").text

[
  "src/main/lox/first.lox:[line 3] Error at ';': Expect expression.",
  "src/main/lox/lib/second.lox:[line 4] Error at 'print': Expect ';' after value.",
  "src/main/lox/lib/second.lox:[line 6] Error at '=': Expect variable name.",
].each { error ->
  assert log.contains("[ERROR] " + error) : "the build did not report: " + error
}
assert log.contains("Lox compilation failed: 3 errors in 2 files")
assert log.contains("BUILD FAILURE")

assert new File(basedir, "target/classes/main.loxc").isFile()
assert !new File(basedir, "target/classes/first.loxc").exists()
assert !new File(basedir, "target/classes/lib/second.loxc").exists()
true
