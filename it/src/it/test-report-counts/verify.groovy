// The summary line, the XML reports and maven-surefire-report-plugin's page agree on the counts:
// 5 tests, 1 failure (wrong output), 3 errors (runtime error, compile error, timeout); every failed
// testcase names its file and line, and its message starts with path:line.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 2
assert runs[0].contains("[ERROR] Tests run: 5, Failures: 1, Errors: 3, Skipped: 0") : runs[0]

def reports = new File(basedir, "target/surefire-reports")
def files = reports.listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
assert files*.name.sort() == ["TEST-dev.lox.it.test-report-counts.money.xml", "TEST-dev.lox.it.test-report-counts.xml"]
def totals = [tests: 0, failures: 0, errors: 0, skipped: 0]
def located = [:]
files.each { file ->
  def suite = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).documentElement
  totals.keySet().each { totals[it] += suite.getAttribute(it) as int }
  def cases = suite.getElementsByTagName("testcase")
  (0..<cases.length).each { i ->
    def testcase = cases.item(i)
    def problems = testcase.getElementsByTagName("failure").length + testcase.getElementsByTagName("error").length
    assert testcase.getAttribute("file").startsWith("src/test/lox/")
    if (problems > 0) {
      def problem = (testcase.getElementsByTagName("failure").item(0) ?: testcase.getElementsByTagName("error").item(0))
      def where = testcase.getAttribute("file") + ":" + testcase.getAttribute("line")
      assert problem.getAttribute("message").startsWith(where + ": ") : problem.getAttribute("message")
      located[testcase.getAttribute("name")] = [problem.tagName, testcase.getAttribute("line")]
    } else {
      assert !testcase.hasAttribute("line")
    }
  }
}
assert totals == [tests: 5, failures: 1, errors: 3, skipped: 0] : totals
assert located == [wrong_total: ["failure", "2"], crash: ["error", "2"], forever: ["error", "3"], no_compile: ["error", "2"]] : located

// maven-surefire-report-plugin:report-only: its summary table shows the same counts.
def page = new File(basedir, "target/reports/surefire.html")
if (!page.isFile()) page = new File(basedir, "target/site/surefire.html")
assert page.isFile() : "no surefire.html"
def text = page.text.replaceAll(/<[^>]+>/, " ").replaceAll(/\s+/, " ")
def summary = text.substring(text.indexOf("Success Rate Time"))
// Tests Errors Failures Skipped Success-rate
assert summary =~ /^Success Rate Time 5 3 1 0 20(\.0)?%/ : summary.take(200)
assert text.contains("wrong_total") && text.contains("forever") && text.contains("no_compile")
true
