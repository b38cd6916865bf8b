// Run 1 (maxFailures=1, one thread): the first failure stops the run; the rest are skipped.
// Run 2 (an exclusion filter, Surefire's !pattern): only the passing test runs; the build passes.
// Run 3 (update): both failing tests get the output they printed as their expectations.
// Run 4: every test passes as rewritten.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4

assert runs[0].contains("BUILD FAILURE")
assert runs[0].contains("Tests run: 3, Failures: 1, Errors: 0, Skipped: 2") : runs[0]

assert runs[1].contains("BUILD SUCCESS")
assert runs[1].contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0") : runs[1]

assert runs[2].contains("BUILD SUCCESS") : runs[2]
assert runs[2].contains("UPDATED") && runs[2].contains("first_wrong.lox") && runs[2].contains("second_wrong.lox")
def tests = new File(basedir, "src/test/lox")
assert new File(tests, "a/first_wrong.lox").text == "print 1; // expect: 1\n"
assert new File(tests, "a/second_wrong.lox").text == "print \"x\"; // expect: x\n"

assert runs[3].contains("BUILD SUCCESS")
assert runs[3].contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0") : runs[3]
true
