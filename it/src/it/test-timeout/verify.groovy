// The endless test was stopped at its timeout and reported as such, an error as Surefire counts
// them; the other test passed; the build failed promptly and left a report of the timeout.
def log = new File(basedir, "build.log").text
assert log.contains("BUILD FAILURE") : "the build did not fail"
assert log.contains("ERROR src/test/lox/forever.lox") : "the endless test was not reported as an error"
assert log.contains("timed out after 1.5 s") : "the failure does not say it timed out"
assert log.contains("Tests run: 2, Failures: 0, Errors: 1, Skipped: 0") : "wrong totals"
def seconds = (log =~ /Total time:\s+([\d.]+) s/).with { it.find() ? it.group(1) as double : 999 }
assert seconds < 30 : "the build took ${seconds} s"
def report = new File(basedir, "target/surefire-reports/TEST-dev.lox.it.test-timeout.xml").text
assert report.contains('name="forever"') && report.contains("timed out") : "no timeout in the XML report"
assert report.contains('errors="1"') && report.contains('failures="0"') && report.contains('<error ') : "the timeout is not an error in the XML report"
true
