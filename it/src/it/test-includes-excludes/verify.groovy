// Run 1: includes money/**, excludes **/slow*: one test, which passes.
// Run 2: -Dlox.test=other replaces both: the other directory's test runs, and fails.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 2
assert runs[0].contains("BUILD SUCCESS") : runs[0]
assert runs[0].contains("[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0") : runs[0]
assert runs[0].contains("-- in dev.lox.it.test-includes-excludes.money")
assert !runs[0].contains("slow_sum") && !runs[0].contains("other")
assert runs[1].contains("BUILD FAILURE") : runs[1]
assert runs[1].contains("[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0") : runs[1]
assert runs[1].contains("FAIL src/test/lox/other/wrong.lox:1")
true
