// The generated project built (its Lox tests ran through lox:test), ran with lox:run, and its jar
// runs the compiled program on its own, with bin/lox's exit codes.
def project = new File(basedir, "hello-lox")
def log = new File(basedir, "build.log").text.replace("\r\n", "\n")

def expected = "Hello, Lox!\nAda's account\n125\n3\n1\n4\n9\n16\n25\n144\n"

// Generated from the archetype of this build.
assert new File(project, "pom.xml").text.contains("<lox.version>" + loxVersion + "</lox.version>")
assert new File(project, ".gitignore").isFile()
// The Maven Wrapper, runnable as ./mvnw (the post-generate script restores its execute bit), the
// same Maven as this repository's, and a .mvn/ directory, by which Maven 4 finds the root.
assert new File(project, "mvnw").canExecute() : "mvnw is not executable"
assert new File(project, "mvnw.cmd").isFile()
def wrapperProperties = new File(project, ".mvn/wrapper/maven-wrapper.properties")
assert wrapperProperties.text =~ /distributionUrl=https:.*apache-maven-3\.9\.\d+-bin\.zip/ : wrapperProperties.text
assert new File(project, ".mvn/maven-build-cache-config.xml").isFile()

// mvn verify: compiled, every test ran and passed, packaged.
// (Maven 3.9 names a plugin by its prefix in the log, "lox:VERSION:compile"; older ones in full.)
assert log.contains("lox:" + loxVersion + ":compile") || log.contains("lox-maven-plugin:" + loxVersion + ":compile")
assert log =~ /Tests run: 6, Failures: 0, Errors: 0, Skipped: 0/ : "lox:test did not run the 6 tests"
assert new File(project, "target/surefire-reports").list().any { it ==~ /TEST-.*\.xml/ }
def jar = new File(project, "target/hello-lox-1.0.jar")
assert jar.isFile() : "mvn package made no jar"

// mvn lox:run: the program's output, in the build's output.
assert log.contains("Running src/main/lox/main.lox\n" + expected) : "lox:run did not print the program's output"

// No build of the project warns of anything: not the first verify, nor the second (step 4), where
// the shade plugin used to shade its own runnable jar again. Each build's log starts with Maven's
// "Scanning for projects"; the first is the archetype's.
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 5 : "expected the logs of 5 Maven builds, found ${builds.size()}"
assert builds[3].contains("maven-shade-plugin") || builds[3].contains("--- shade:") : "the second verify did not shade"
[1, 2, 3, 4].each { assert !builds[it].contains("[WARNING]") : "build ${it + 1} warned:\n" + builds[it] }

// The archetype asks nothing and prints nothing about .gitignore (the plugin's own `package` it
// cannot hide).
assert !builds[0].contains("gitignore") : builds[0]

// mvn test -Dtest=closures: the one Lox test of closures/ ran, and Surefire, with no Java test to
// run, did not fail the build.
assert builds[4] =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0\n/ : builds[4]
assert builds[4].contains("BUILD SUCCESS") : builds[4]

// java -jar: the VM and the chunk are in the jar; a copy of the jar runs anywhere.
def entries = new java.util.jar.JarFile(jar).withCloseable { it.entries().collect { it.name } }
assert entries.contains("main.loxc") : "the compiled program is not in the jar"
assert entries.contains("dev/lox/Lox.class") : "the VM is not in the jar"
assert entries.contains("lib/math.loxc") : "the library's chunk is not in the jar"
assert entries.contains("lox-libraries.txt") : "the jar does not list its libraries"

// The jar runs its own main.loxc (java -jar APP.jar) through lox-vm's ChunkLauncher.
def mainClass = new java.util.jar.JarFile(jar).withCloseable { it.manifest.mainAttributes.getValue("Main-Class") }
def launcher = mainClass == "dev.lox.cli.ChunkLauncher"
assert launcher : "unexpected Main-Class ${mainClass}"

def elsewhere = File.createTempDir()
def javaCmd = new File(System.getProperty("java.home"), "bin/java").path
def exec = { List<String> command ->
  def process = new ProcessBuilder(command).directory(elsewhere).start()
  def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
  process.waitForProcessOutput(out, err)
  [status: process.exitValue(), out: out.toString("UTF-8"), err: err.toString("UTF-8")]
}

// A copy of the jar, elsewhere, with main.loxc replaced (null: removed).
def jarWith = { String name, byte[] chunk ->
  def copy = new File(elsewhere, name + ".jar")
  new java.util.zip.ZipFile(jar).withCloseable { zip ->
    copy.withOutputStream { stream ->
      def out = new java.util.zip.ZipOutputStream(stream)
      zip.entries().each { entry ->
        if (entry.name != "main.loxc") {
          out.putNextEntry(new java.util.zip.ZipEntry(entry.name))
          out << zip.getInputStream(entry)
          out.closeEntry()
        }
      }
      if (chunk != null) {
        out.putNextEntry(new java.util.zip.ZipEntry("main.loxc"))
        out.write(chunk)
        out.closeEntry()
      }
      out.finish()
    }
  }
  copy
}

// Runs a program the way the jar runs programs: `chunk` as its main.loxc (null: none).
def runProgram = { String name, byte[] chunk ->
  if (launcher) {
    return exec([javaCmd, "-jar", jarWith(name, chunk).path])
  }
  def copy = new File(elsewhere, jar.name)
  if (!copy.exists()) copy.bytes = jar.bytes
  def file = new File(elsewhere, name + ".loxc")
  if (chunk != null) file.bytes = chunk
  exec([javaCmd, "-jar", copy.path, file.path])
}

byte[] mainChunk = new File(project, "target/classes/main.loxc").bytes
def ok = runProgram("main", mainChunk)
assert ok.status == 0 && ok.out == expected && ok.err.isEmpty() : "java -jar: ${ok}"

// Exit codes as bin/lox's: 70 runtime error, 65 a bad chunk, 74 no program to read.
new File(elsewhere, "fails.lox").text = 'fun f() { return nil + 1; }\nprint "before";\nf();\n'
def compiled = exec([javaCmd, "-cp", jar.path, "dev.lox.cli.LoxcMain", "-o", "fails.loxc", "fails.lox"])
assert compiled.status == 0 : "loxc from the jar: ${compiled}"
def failing = runProgram("fails", new File(elsewhere, "fails.loxc").bytes)
assert failing.status == 70 : "runtime error: ${failing}"
assert failing.out == "before\n"
assert failing.err == "Operands must be two numbers or two strings.\n[line 1] in f()\n[line 3] in script\n" : "runtime error: ${failing}"

byte[] damaged = mainChunk.clone()
damaged[damaged.length - 10] ^= 0x5a
def bad = runProgram("damaged", damaged)
assert bad.status == 65 && bad.out.isEmpty() && bad.err.contains("checksum mismatch") : "damaged chunk: ${bad}"

def missing = runProgram("missing", null)
assert missing.status == 74 && missing.out.isEmpty() : "no chunk: ${missing}"

elsewhere.deleteDir()
println "archetype-project: generated, built, tested, ran, packaged; java -jar (${mainClass}) exits 0/70/65/74"
true
