// Maven 4 puts every line a plugin prints on System.out into its log ("[INFO] [stdout] Hello");
// lox:run's program output must come out as printed all the same, in order with Maven's own lines,
// and the project from the archetype has the .mvn/ by which Maven 4 finds its root (else it warns
// "Unable to find the root directory" on every build).
def project = new File(basedir, "hello-lox")
def mavenHome = new File(basedir, "maven/apache-maven-4.0.0-rc-5")
assert new File(mavenHome, "bin/mvn").isFile() : "the dependency plugin did not unpack Maven 4"

def settings = new File(basedir, "it-settings.xml")
settings.text = new File(itSettings).text.replace("@localRepositoryUrl@", new File(outerRepository).toURI().toString())

def mvn = { String step, List<String> args ->
  def command = ["sh", new File(mavenHome, "bin/mvn").path, "-B", "-ntp", "-s", settings.path,
      "-Dmaven.repo.local=" + localRepositoryPath, "-Dstyle.color=never"] + args
  def builder = new ProcessBuilder(command).directory(project)
  builder.environment().put("MAVEN_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
  builder.environment().remove("MAVEN_ARGS")
  def process = builder.start()
  def out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream()
  process.consumeProcessOutput(out, err)
  if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
    process.destroyForcibly()
    assert false : "Maven 4 ${args} (${step}) did not end within 5 minutes"
  }
  process.waitForProcessOutput()
  def result = [status: process.exitValue(), out: out.toString("UTF-8").replace("\r\n", "\n"),
      err: err.toString("UTF-8")]
  new File(basedir, "build-${step}.log").text = result.out + result.err
  assert result.status == 0 : "Maven 4 ${args} (${step}) failed:\n${result.out}${result.err}"
  result
}

def expected = "Hello, Lox!\nAda's account\n125\n3\n1\n4\n9\n16\n25\n144\n"

// mvn -q lox:run: the program's output and nothing else, byte for byte.
def quiet = mvn("quiet", ["-q", "lox:run"])
assert quiet.out == expected : "mvn -q lox:run under Maven 4 printed:\n${quiet.out}"

// mvn lox:run: Maven's lines, then the program's right after "Running", and no root warning.
def full = mvn("full", ["lox:run"])
assert full.out.contains("[INFO] Running src/main/lox/main.lox\n" + expected + "[INFO] ---") : full.out
assert !full.out.contains("[stdout]") : full.out
assert !full.out.contains("Unable to find the root directory") : full.out

println "maven4-run: lox:run under Maven 4.0.0-rc-5 printed the program's output as printed"
true
