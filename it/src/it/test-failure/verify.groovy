// Run 1: the failing expectation failed the build, with its diff; XML reports were written.
// Run 2 (-Dmaven.test.failure.ignore=true): the build passed, and still reported the failure.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 2

def diff = """[ERROR] FAIL src/test/lox/strings/join.lox:2
  line 2: expected 'left right', got 'leftright'
  stdout (- expected, at its line of the test; + actual):
          1 | ab
    -     2 | left right
    +       | leftright
          3 | end
"""
runs.each { run ->
  assert run.replace("\r\n", "\n").contains(diff) : "no diff of the failing test in:\n" + run
  assert run.contains("[ERROR] Tests run: 2, Failures: 1, Errors: 0, Skipped: 0")
}
assert runs[0].contains("BUILD FAILURE") && runs[0].contains("There are Lox test failures")
assert runs[1].contains("BUILD SUCCESS") && runs[1].contains("[ERROR] There are Lox test failures")

def reports = new File(basedir, "target/surefire-reports")
def parse = { String name ->
  javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
      .parse(new File(reports, name)).documentElement
}
def failing = parse("TEST-dev.lox.it.test-failure.strings.xml")
assert failing.getAttribute("tests") == "1" && failing.getAttribute("failures") == "1"
def failure = failing.getElementsByTagName("failure").item(0)
assert failure.getAttribute("message") == "src/test/lox/strings/join.lox:2: expected 'left right', got 'leftright'"
def testcase = failure.parentNode
assert testcase.getAttribute("file") == "src/test/lox/strings/join.lox" && testcase.getAttribute("line") == "2"
def passing = parse("TEST-dev.lox.it.test-failure.xml")
assert passing.getAttribute("tests") == "1" && passing.getAttribute("failures") == "0"
true
