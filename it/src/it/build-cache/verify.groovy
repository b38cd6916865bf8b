// The build cache sees every Lox input and restores every Lox output. The project from the
// archetype, with the extension enabled in .mvn/extensions.xml, built by Maven 3.9 with a cache of
// its own (target-independent: ./cache), five times:
//   1. a first build: nothing cached, the build runs and is saved;
//   2. clean, nothing changed: a cache hit; lox:compile and lox:test are skipped, and the chunks,
//      the library list, the plugin's chunk list and the test reports are restored; the jar runs;
//   3. main.lox edited: a new checksum, the program is compiled again, the jar prints the new text;
//   4. a library edited: a new checksum, built again;
//   5. a test edited to fail: a new checksum, and the build fails on the test.
def project = new File(basedir, "cached")
def mavenHome = new File(basedir, "maven/apache-maven-3.9.16")
assert new File(mavenHome, "bin/mvn").isFile() : "the dependency plugin did not unpack Maven"

new File(project, ".mvn/extensions.xml").text = '''<?xml version="1.0" encoding="UTF-8"?>
<extensions>
  <extension>
    <groupId>org.apache.maven.extensions</groupId>
    <artifactId>maven-build-cache-extension</artifactId>
    <version>1.3.0</version>
  </extension>
</extensions>
'''

// The invoker's settings and local repository, so that this Maven finds this build's artifacts.
def settings = new File(basedir, "it-settings.xml")
settings.text = new File(itSettings).text.replace("@localRepositoryUrl@", new File(outerRepository).toURI().toString())

def mvn = { String step, String goals, boolean succeeds ->
  def command = ["sh", new File(mavenHome, "bin/mvn").path, "-B", "-ntp", "-s", settings.path,
      "-Dmaven.repo.local=" + localRepositoryPath,
      "-Dmaven.build.cache.location=" + new File(basedir, "cache").path] + goals.tokenize(" ")
  def builder = new ProcessBuilder(command).directory(project).redirectErrorStream(true)
  builder.environment().put("MAVEN_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
  builder.environment().remove("MAVEN_ARGS")
  def process = builder.start()
  def buffer = new ByteArrayOutputStream()
  def reader = process.consumeProcessOutputStream(buffer)
  if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
    process.destroyForcibly()
    assert false : "mvn ${goals} (${step}) did not end within 5 minutes"
  }
  reader.join()
  def output = buffer.toString("UTF-8").replace("\r\n", "\n")
  new File(basedir, "build-${step}.log").text = output
  assert (process.exitValue() == 0) == succeeds : "mvn ${goals} (${step}) exited ${process.exitValue()}:\n" + output
  output
}

def checksum = { String log ->
  def found = log =~ /checksum \[([0-9a-f]+)\]/
  assert found.find() : "the build cache computed no checksum:\n" + log
  found.group(1)
}
def cached = { String log -> log.contains("Found cached build, restoring com.example:cached from cache") }

def javaCmd = new File(System.getProperty("java.home"), "bin/java").path
def runJar = {
  def process = new ProcessBuilder([javaCmd, "-jar", new File(project, "target/cached-1.0.jar").path])
      .redirectErrorStream(true).start()
  def out = process.inputStream.text
  assert process.waitFor() == 0 : out
  out
}

def classes = new File(project, "target/classes")
def reports = { new File(project, "target/surefire-reports").list()?.findAll { it ==~ /TEST-.*\.xml/ } ?: [] }

// 1. The first build: built and saved.
def first = mvn("first", "verify", true)
def sum1 = checksum(first)
assert first.contains("Local build was not found by checksum " + sum1) : first
assert first.contains("Saved Build to local file") : first
assert first =~ /Tests run: 6, Failures: 0, Errors: 0, Skipped: 0/
assert reports().size() == 5

// 2. Clean, unchanged: the same checksum, a hit, and the outputs back as they were.
def hit = mvn("unchanged", "clean verify", true)
assert checksum(hit) == sum1
assert cached(hit) : hit
assert hit.contains("Skipping plugin execution (cached): lox:compile") : hit
assert hit.contains("Skipping plugin execution (cached): lox:test") : hit
["main.loxc", "lib/math.loxc", "lox-libraries.txt"].each {
  assert new File(classes, it).isFile() : "a cache hit did not restore target/classes/${it}"
}
assert new File(project, "target/lox-maven-plugin/chunks.lst").isFile() : "the plugin's chunk list was not restored"
assert reports().size() == 5 : "a cache hit did not restore the test reports: ${reports()}"
assert runJar().startsWith("Hello, Lox!\n")

// 3. A program changed: a new checksum, compiled again, and the jar prints the new text.
def main = new File(project, "src/main/lox/main.lox")
main.text = main.text.replace('"Hello, Lox!"', '"Hello, cache!"')
assert main.text.contains("Hello, cache!")
def edited = mvn("source-changed", "clean verify", true)
def sum3 = checksum(edited)
assert sum3 != sum1 : "editing main.lox did not change the checksum"
assert !cached(edited) && edited.contains("--- lox:" + loxVersion + ":compile") : edited
assert runJar().startsWith("Hello, cache!\n")

// 4. A library changed: a new checksum, built again.
def library = new File(project, "src/main/lox/lib/math.lox")
library.text = library.text + "\nfun cube(n) { return n * n * n; }\n"
def libraryEdited = mvn("library-changed", "clean verify", true)
def sum4 = checksum(libraryEdited)
assert sum4 != sum3 : "editing a library did not change the checksum"
assert !cached(libraryEdited) && libraryEdited.contains("--- lox:" + loxVersion + ":test") : libraryEdited

// 5. A test changed to fail: a new checksum, and the test runs and fails the build.
def test = new File(project, "src/test/lox/strings/concatenation.lox")
def expect = test.text =~ /\/\/ expect: (.+)/
assert expect.find()
test.text = test.text.replaceFirst(/\/\/ expect: .+/, "// expect: not what it prints")
def failing = mvn("test-changed", "clean verify", false)
assert checksum(failing) != sum4 : "editing a test did not change the checksum"
assert !cached(failing) : failing
assert failing =~ /Tests run: 6, Failures: 1, Errors: 0, Skipped: 0/ : failing

println "build-cache: checksums ${sum1} (hit on rebuild), ${sum3} (source), ${sum4} (library), ${checksum(failing)} (failing test)"
true
