// Surefire's -Dtest=Class#method pattern reaches the Lox engine: the tests are methods of the
// class named after their files.
def log = new File(basedir, "build.log").text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 3

assert runs[0].contains("BUILD FAILURE")
assert runs[0].contains("Tests run: 2, Failures: 2, Errors: 0, Skipped: 0") : runs[0]
assert runs[0].contains("money/wrong_total.lox:2: expected '5', got '4'")
assert runs[0].contains("wrong_answer.lox:1: expected '3', got '2'")

assert runs[1].contains("BUILD SUCCESS")
assert runs[1].contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0") : runs[1]

assert runs[2].contains("Tests run: 4, Failures: 2, Errors: 0, Skipped: 0") : runs[2]
def report = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(basedir, "target/surefire-reports/TEST-com.example.LoxSpecTest.xml")).documentElement
assert report.getAttribute("tests") == "4" && report.getAttribute("failures") == "2"
def cases = report.getElementsByTagName("testcase")
def names = (0..<cases.length).collect { cases.item(it).getAttribute("name") }.sort()
assert names == ["fine", "ok", "wrong_answer", "wrong_total"] : names
assert (0..<cases.length).every { cases.item(it).getAttribute("classname") == "com.example.LoxSpecTest" }
true
