// Libraries under src/main/lox/lib load, in path order, before main.lox (run 1), before each test
// (runs 2 and 3) and before the compiled program (java -jar, below); a library that does not
// compile stops the build before any test runs (run 4).
def log = new File(basedir, "build.log").text.replace("\r\n", "\n")
def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)
assert runs.size() == 4

assert runs[0].contains("Running src/main/lox/main.lox\n9\na unit square\n1\n25\n") : "lox:run: " + runs[0]
assert runs[0].contains("BUILD SUCCESS")

assert runs[1].contains("[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0") : runs[1]
assert runs[1].contains("[ERROR] FAIL src/test/lox/shapes/failing_test.lox:1\n  line 1: expected '2', got '1'")
assert runs[1].contains("BUILD FAILURE")

assert runs[2].contains("[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0") : runs[2]
assert runs[2].contains("BUILD SUCCESS")

assert runs[3].contains("[ERROR] src/broken/lox/lib/bad.lox:[line 2] Error at ';': Expect expression.") : runs[3]
assert runs[3].contains("BUILD FAILURE")
assert !runs[3].contains("L O X   T E S T S")

// The compiled program, as its jar runs it: lox-vm's ChunkLauncher with the chunks on the class
// path, loading the chunks lox-libraries.txt lists, in its order, before main.loxc.
def classes = new File(basedir, "target/classes")
assert new File(classes, "lox-libraries.txt").text ==
    "lib/math/arith.loxc\nlib/math/stats.loxc\nlib/shapes/shape.loxc\nlib/shapes/square.loxc\nlib/shapes/unit_square.loxc\n"
def vm = new File(localRepositoryPath, "dev/lox/lox-vm/${loxVersion}/lox-vm-${loxVersion}.jar")
assert vm.isFile() : "no lox-vm jar at ${vm}"
def javaCmd = new File(System.getProperty("java.home"), "bin/java").path
def process = new ProcessBuilder([javaCmd, "-cp", classes.path + File.pathSeparator + vm.path,
    "dev.lox.cli.ChunkLauncher"]).redirectErrorStream(true).start()
def output = process.inputStream.text
assert process.waitFor() == 0 : "the compiled program failed: ${output}"
assert output == "9\na unit square\n1\n25\n" : "the compiled program printed: ${output}"
true
