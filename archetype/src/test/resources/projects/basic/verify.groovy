// After `mvn verify` on the generated project: what a new user gets is there, the tests ran through
// lox:test, and the packaged jar runs the program on its own.
def project = new File(basedir, "project/hello-lox")

def expectFile = { String path ->
  def file = new File(project, path)
  assert file.isFile() : "the generated project has no ${path}"
  file
}
expectFile(".gitignore")
assert expectFile("README.md").text.contains("./mvnw lox:run")
assert expectFile("mvnw").canExecute() : "the Maven Wrapper's script is not executable"
assert expectFile(".mvn/wrapper/maven-wrapper.properties").text.contains("distributionUrl=")
def pom = expectFile("pom.xml").text
assert pom.contains("<artifactId>lox-maven-plugin</artifactId>")
assert pom =~ /<lox.version>\d[^<@$]*<\/lox.version>/ : "the pom names no toolchain version"
assert pom =~ /<project.build.outputTimestamp>\d{4}-\d\d-\d\dT[^<@$]*Z<\/project.build.outputTimestamp>/ :
    "the pom sets no fixed date for reproducible builds"
def main = expectFile("src/main/lox/main.lox").text
assert main =~ /class \w+ \{/ && main.contains("init(") && main.contains("fun ") && main.contains("for (")
["classes", "closures", "control_flow"].each { area ->
  def tests = new File(project, "src/test/lox/" + area).listFiles()
  assert tests && tests.any { it.text.contains("// expect") } : "no test of ${area}"
}

// lox:test ran every test and left Surefire reports.
def reports = new File(project, "target/surefire-reports").listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
assert reports : "lox:test wrote no report"
def parse = { File xml -> javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml).documentElement }
def testCount = reports.sum { parse(it).getAttribute("tests") as int }
assert testCount == 6 : "expected 6 Lox tests in the reports, found ${testCount}"

// lox:run printed the program's output.
def log = new File(project, "build.log").text.replace("\r\n", "\n")
def expected = "Hello, Lox!\nAda's account\n125\n3\n1\n4\n9\n16\n25\n144\n"
assert log.contains("Running src/main/lox/main.lox\n" + expected) : "lox:run did not print the program's output"

// The jar carries the VM and the compiled program.
def jar = new File(project, "target/hello-lox-1.0-SNAPSHOT.jar")
assert jar.isFile()
def entries = new java.util.jar.JarFile(jar).withCloseable { it.entries().collect { it.name } }
assert entries.contains("main.loxc") && entries.contains("dev/lox/Lox.class")
// ... and the library's chunk, listed for ChunkLauncher to load before main.loxc.
assert entries.contains("lib/math.loxc") && entries.contains("lox-libraries.txt")

// The jar runs its own main.loxc through lox-vm's ChunkLauncher: java -jar APP.jar, nothing more.
def mainClass = new java.util.jar.JarFile(jar).withCloseable { it.manifest.mainAttributes.getValue("Main-Class") }
assert mainClass == "dev.lox.cli.ChunkLauncher" : "unexpected Main-Class ${mainClass}"
def command = [new File(System.getProperty("java.home"), "bin/java").path, "-jar", jar.path]
def process = new ProcessBuilder(command).directory(project).redirectErrorStream(true).start()
def output = process.inputStream.text
def status = process.waitFor()
assert status == 0 : "java -jar exited ${status}: ${output}"
assert output == expected : "java -jar printed: ${output}"
println "verify.groovy: generated project built, ${testCount} Lox tests passed, the jar ran"
true
