// Both runs: the runaway test is an error of its own (it ran out of memory), the three others pass,
// the build fails as for any error (not with Maven's own OutOfMemoryError), and the reports agree.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 2
runs.eachWithIndex { run, i ->
  assert run.contains("BUILD FAILURE") && run.contains("There are Lox test failures") : run
  assert !run.contains("java.lang.OutOfMemoryError") && !run.contains("runner error") : run
  assert run.contains("[ERROR] Tests run: 4, Failures: 0, Errors: 1, Skipped: 0") : run
  assert run.contains("[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ") : run
  assert run.contains("-- in dev.lox.it.test-fork-isolation.ok") : run
  assert run =~ /\[ERROR\] ERROR src\/test\/lox\/hog\.lox:\d+/ : run
  assert run.contains("Out of memory.") || run.contains("ran the JVM out of memory") : run
}
def reports = new File(basedir, "target/surefire-reports")
def parse = { String name ->
  javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new File(reports, name)).documentElement
}
def top = parse("TEST-dev.lox.it.test-fork-isolation.xml")
assert top.getAttribute("tests") == "1" && top.getAttribute("errors") == "1"
def ok = parse("TEST-dev.lox.it.test-fork-isolation.ok.xml")
assert ok.getAttribute("tests") == "3" && ok.getAttribute("errors") == "0" && ok.getAttribute("failures") == "0"
true
