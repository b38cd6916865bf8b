// Each switch skipped what it should, and -Dlox.test ran only the matching tests.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 6 : "expected 6 builds in build.log, found ${runs.size()}"

def check = { int run, boolean condition, String what ->
  assert condition : "build ${run + 1} (${['no switch', '-DskipTests', '-Dmaven.test.skip=true', '-Dlox.skip=true', '-Dlox.test=fast/*', '-Dlox.test=second'][run]}): ${what}"
}
def succeeded = { int run -> runs[run].contains("[INFO] BUILD SUCCESS") }
def compiled = { int run -> runs[run].contains("Compiled 1 Lox file to target/classes") }
// The totals line of lox:test: [tests run, failures], or null when no test ran.
def totals = { int run ->
  def m = runs[run] =~ /(?m)^\[(?:INFO|ERROR)\] Tests run: (\d+), Failures: (\d+), Errors: \d+, Skipped: \d+$/
  m.find() ? [m.group(1) as int, m.group(2) as int] : null
}

// 1. The failing test fails the build.
check(0, !succeeded(0) && totals(0) == [3, 1], "expected a failure, 3 tests run, 1 failed; got ${totals(0)}")

// 2, 3. Tests skipped, the program still compiled.
[1, 2].each { run ->
  check(run, succeeded(run), "the build failed")
  check(run, compiled(run), "main.lox was not compiled")
  check(run, runs[run].contains("Tests are skipped.") && totals(run) == null, "tests ran")
}

// 4. -Dlox.skip=true: every goal says it skipped, and did nothing.
check(3, succeeded(3), "the build failed")
["compile", "test", "run"].each { goal ->
  check(3, runs[3].contains("Skipping lox:" + goal + " (lox.skip is true)"), "lox:${goal} was not skipped")
}
check(3, !runs[3].contains("Compiled ") && totals(3) == null && !runs[3].contains("main ran"), "a Lox goal did some work")

// 5. -Dlox.test=fast/*: the two tests under fast/, not the failing one.
check(4, succeeded(4) && totals(4) == [2, 0], "expected 2 tests run, none failed; got ${totals(4)}")
check(4, !runs[4].contains("failing"), "the failing test ran")

// 6. -Dlox.test=second: a test by name at any depth.
check(5, succeeded(5) && totals(5) == [1, 0], "expected 1 test run; got ${totals(5)}")
def reports = new File(basedir, "target/surefire-reports").listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
check(5, reports.collect { it.text }.join().contains('name="second"'), "no report of the test 'second'")
true
