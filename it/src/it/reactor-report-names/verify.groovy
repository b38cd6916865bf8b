// Each module's reports are named after it: groupId.artifactId, then the test's directory; the
// same layout in two modules gives four distinct report names and classnames, each with its
// suite's real elapsed time.
def log = new File(basedir, "build.log").text
assert log.contains("BUILD SUCCESS")
def parse = { File file ->
  javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).documentElement
}
def names = []
["app-a", "app-b"].each { module ->
  def reports = new File(basedir, module + "/target/surefire-reports")
  def files = reports.list().findAll { it.startsWith("TEST-") }.sort()
  assert files == ["TEST-dev.lox.it.${module}.money.xml", "TEST-dev.lox.it.${module}.xml"] : files
  files.each { name ->
    def suite = parse(new File(reports, name))
    def expected = name - "TEST-" - ".xml"
    assert suite.getAttribute("name") == expected
    assert suite.getAttribute("tests") == "1" && suite.getAttribute("failures") == "0"
    def testcase = suite.getElementsByTagName("testcase").item(0)
    assert testcase.getAttribute("classname") == expected
    assert suite.getAttribute("time") ==~ /\d+\.\d{3}/
    names << expected
  }
  assert log.contains("-- in dev.lox.it.${module}.money")
}
assert names.unique(false).size() == 4
true
