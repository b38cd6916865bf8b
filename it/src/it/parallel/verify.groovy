// mvn -T 2 verify of two Lox modules: both built and tested, and no thread-safety warning.
def log = new File(basedir, "build.log").text
assert log.contains("Using the MultiThreadedBuilder implementation with a thread count of 2") : "the build was not parallel"
assert !(log =~ /(?i)thread-?safe/) : "Maven warned about thread safety:\n" + log.readLines().findAll { it =~ /(?i)thread-?safe/ }.join("\n")
assert log.contains("BUILD SUCCESS") : "the build failed"
["lib", "app"].each { module ->
  assert new File(basedir, module + "/target/classes/part6.loxc").isFile() : "${module} was not compiled"
  assert new File(basedir, module + "/target/parallel-${module}-1.0.jar").isFile() : "${module} was not packaged"
}
def totals = log.readLines().findAll { it ==~ /\[INFO\] Tests run: 6, Failures: 0, Errors: 0, Skipped: 0/ }
assert totals.size() == 2 : "expected 6 passing Lox tests in each module, found: ${totals}"
true
