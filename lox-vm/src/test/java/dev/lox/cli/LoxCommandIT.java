package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/lox} and {@code bin/loxc} as a shell runs them: separate processes, through the
 * launcher, on the packaged jar. Run after {@code package} (Surefire's {@code process-tests}
 * execution, in {@code integration-test}): resources running out, huge or endless input files,
 * and output that nobody reads.
 */
class LoxCommandIT {
  /** Generous: a JVM starts per run, on a machine that may be busy. */
  private static final long TIMEOUT_SECONDS = 60;

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();
  private static final String LOX = ROOT.resolve("bin/lox").toString();
  private static final String LOXC = ROOT.resolve("bin/loxc").toString();

  @TempDir static Path dir;

  private record Result(int exit, String out, String err, long millis) {}

  /** The class-data archives, with their times, before and after the first run after the build. */
  private static Map<String, Long> archivesBeforeFirstRun;
  private static Map<String, Long> archivesAfterFirstRun;

  @BeforeAll
  static void packaged() throws Exception {
    assertTrue(Files.isRegularFile(ROOT.resolve("lox-vm/target/lox-vm.jar")), "run after package");
    archivesBeforeFirstRun = archives();
    // Were the archive not written yet, this first run would write it; let it do that on its own.
    assertEquals(0, run(Map.of(), LOX, "--version").exit());
    archivesAfterFirstRun = archives();
  }

  private static Map<String, Long> archives() throws IOException {
    Path cds = ROOT.resolve("lox-vm/target/cds");
    Map<String, Long> archives = new HashMap<>();
    if (Files.isDirectory(cds)) {
      try (var files = Files.list(cds)) {
        for (Path file : files.toList()) {
          archives.put(file.getFileName().toString(), Files.getLastModifiedTime(file).toMillis());
        }
      }
    }
    return archives;
  }

  private static Result run(Map<String, String> env, String... command) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().remove("LOX_JAVA_OPTS");
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
        Files.readString(err, StandardCharsets.ISO_8859_1), millis);
  }

  private static Result bash(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
    command.addAll(List.of(args));
    return run(Map.of(), command.toArray(new String[0]));
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertNoJavaTrace(Result result) {
    assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
  }

  private static final Map<String, String> SMALL_HEAP = Map.of("LOX_JAVA_OPTS", "-Xmx64m");

  // ---- Running out of memory ----

  @Test
  void unboundedAllocationEndsInOutOfMemory() throws Exception {
    Path program = write("grow.lox", "class N { init(n) { this.next = n; } }\n"
        + "var l = nil;\nprint \"before\";\nwhile (true) l = N(l);\n");
    Result result = run(SMALL_HEAP, LOX, program.toString());
    assertEquals(70, result.exit(), result.err());
    assertEquals("before\n", result.out());
    assertTrue(result.err().startsWith("Out of memory.\n"), result.err());
    assertNoJavaTrace(result);
  }

  @Test
  void aStringTooLargeForTheHeapIsARuntimeErrorWithItsTrace() throws Exception {
    Path program = write("double.lox",
        "print \"before\";\nvar s = \"ab\";\nfor (var i = 0; i < 40; i = i + 1) s = s + s;\n");
    Result result = run(SMALL_HEAP, LOX, program.toString());
    assertEquals(new Result(70, "before\n", "Out of memory.\n[line 3] in script\n", result.millis()), result);
    // From a function, the whole trace.
    program = write("double-in-f.lox", "fun grow(s) {\n  while (true) s = s + s;\n}\n"
        + "print \"before\";\ngrow(\"ab\");\n");
    result = run(SMALL_HEAP, LOX, program.toString());
    assertEquals(new Result(70, "before\n", "Out of memory.\n[line 2] in grow()\n[line 5] in script\n",
        result.millis()), result);
  }

  @Test
  void theDefaultHeapIsOneGibAndLoxJavaOptsOverridesIt() throws Exception {
    Path program = write("one.lox", "print 1;\n");
    Result result = run(Map.of("LOX_JAVA_OPTS", "-XX:+PrintFlagsFinal"), LOX, program.toString());
    assertEquals(0, result.exit(), result.err());
    assertTrue(result.out().matches("(?s).* MaxHeapSize += 1073741824 .*"), "1 GiB by default");
    assertTrue(result.out().endsWith("\n1\n"), "the program runs after the JVM's flags");
    result = run(Map.of("LOX_JAVA_OPTS", "-Xmx256m  -XX:+PrintFlagsFinal"), LOX, program.toString());
    assertTrue(result.out().matches("(?s).* MaxHeapSize += 268435456 .*"), "overridden");
  }

  // ---- Input too large ----

  @Test
  void aThreeGibFileIsOneLineAndExit74() throws Exception {
    Path big = dir.resolve("big.lox");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(3L << 30);
    }
    String line = "Could not open file \"" + big + "\": file too large (the limit is 2 GiB).\n";
    for (String[] command : List.of(new String[] {LOX, big.toString()}, new String[] {LOXC, big.toString()},
        new String[] {LOXC, "-l", big.toString()},
        new String[] {LOXC, "-o", dir.resolve("big.loxc").toString(), big.toString()})) {
      Result result = run(Map.of(), command);
      assertEquals(new Result(74, "", line, result.millis()), result, String.join(" ", command));
    }
  }

  @Test
  void devZeroIsReadUntilMemoryRunsOut() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")));
    String line = "Could not open file \"/dev/zero\": not enough memory to read it.\n";
    for (String tool : List.of(LOX, LOXC)) {
      Result result = run(SMALL_HEAP, tool, "/dev/zero");
      assertEquals(new Result(74, "", line, result.millis()), result, tool);
    }
  }

  // ---- Compile errors ----

  @Test
  void millionsOfCompileErrorsNeedLittleMemory() throws Exception {
    int statements = 1_000_000;
    Path source = write("errors.lox", "print;\n".repeat(statements));
    // Collected, the errors' text alone would not fit in this heap.
    for (String tool : List.of(LOX, LOXC)) {
      Result result = run(SMALL_HEAP, tool, source.toString());
      assertEquals(65, result.exit(), tool);
      assertEquals(statements, result.err().lines().count(), tool);
      assertTrue(result.err().startsWith("[line 1] Error at ';': Expect expression.\n"));
      assertTrue(result.err().endsWith("[line " + statements + "] Error at ';': Expect expression.\n"));
    }
  }

  // ---- Output nobody reads ----

  @Test
  void anEndlessProgramPipedIntoHeadEndsWith141() throws Exception {
    Path program = write("yes.lox", "while (true) { print \"yes\"; }\n");
    Result result = bash("\"$1\" \"$2\" | head -1; exit \"${PIPESTATUS[0]}\"", LOX, program.toString());
    assertEquals(new Result(141, "yes\n", "", result.millis()), result);
  }

  @Test
  void theReplPipedIntoHeadEndsWith141() throws Exception {
    Result result = bash("echo 'while (true) print \"yes\";' | \"$1\" | head -1; exit \"${PIPESTATUS[1]}\"", LOX);
    assertEquals(new Result(141, "> yes\n", "", result.millis()), result);
    result = bash("yes 'print 1;' | \"$1\" | head -2; exit \"${PIPESTATUS[1]}\"", LOX);
    assertEquals(new Result(141, "> 1\n> 1\n", "", result.millis()), result);
  }

  @Test
  void aFiniteProgramWhoseOutputIsLostDoesNotExitZero() throws Exception {
    Path program = write("two.lox", "print \"a\";\nprint \"b\";\n");
    assertEquals(141, bash("\"$1\" \"$2\" >&-", LOX, program.toString()).exit(), "stdout closed");
    if (Files.exists(Path.of("/dev/full"))) {
      assertEquals(141, bash("\"$1\" \"$2\" > /dev/full", LOX, program.toString()).exit(), "disk full");
    }
  }

  // ---- Where -o writes ----

  private static final String ONE = "print 1;\n";

  private static byte[] chunkOf(String name) throws Exception {
    Path source = write(name + ".lox", ONE);
    Path chunk = dir.resolve(name + ".loxc");
    assertEquals(0, run(Map.of(), LOXC, "-o", chunk.toString(), source.toString()).exit());
    return Files.readAllBytes(chunk);
  }

  @Test
  void outputThroughASymbolicLinkReplacesTheLinksTargetAndKeepsTheLink() throws Exception {
    byte[] expected = chunkOf("reference");
    Path source = write("linked.lox", ONE);
    Path real = write("real.loxc", "old content");
    Path link = Files.createSymbolicLink(dir.resolve("link.loxc"), real.getFileName());
    Result result = run(Map.of(), LOXC, "-o", link.toString(), source.toString());
    assertEquals(new Result(0, "", "", result.millis()), result);
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertArrayEquals(expected, Files.readAllBytes(real));
  }

  @Test
  void outputToAFifoIsWrittenThroughIt() throws Exception {
    byte[] expected = chunkOf("fifo-reference");
    Path source = write("fifo.lox", ONE);
    Path got = dir.resolve("from-fifo.bin");
    Result result = bash("mkfifo \"$1\" && { cat \"$1\" > \"$2\" & } && \"$3\" -o \"$1\" \"$4\"; "
        + "s=$?; wait; [ -p \"$1\" ] || { echo 'not a FIFO any more' >&2; exit 99; }; exit $s",
        dir.resolve("out.fifo").toString(), got.toString(), LOXC, source.toString());
    assertEquals(new Result(0, "", "", result.millis()), result);
    assertArrayEquals(expected, Files.readAllBytes(got));
  }

  @Test
  void outputToStdoutThroughDevFdGoesDownThePipe() throws Exception {
    byte[] expected = chunkOf("stdout-reference");
    Path source = write("stdout.lox", ONE);
    Path got = dir.resolve("from-stdout.bin");
    // /dev/fd/1 rather than /dev/stdout: a faulty loxc cannot replace anything there.
    Result result = bash("\"$1\" -o /dev/fd/1 \"$2\" | cat > \"$3\"; exit \"${PIPESTATUS[0]}\"",
        LOXC, source.toString(), got.toString());
    assertEquals(new Result(0, "", "", result.millis()), result);
    assertArrayEquals(expected, Files.readAllBytes(got));
  }

  @Test
  void outputToAFullDeviceIsAnErrorAndTheDeviceStays() throws Exception {
    Path source = write("full.lox", ONE);
    // A device node of our own like /dev/full (never the system's: a faulty loxc would replace it).
    Path full = dir.resolve("full");
    Result mknod = run(Map.of(), "mknod", full.toString(), "c", "1", "7");
    assumeTrue(mknod.exit() == 0, "cannot make a device node here (not root?): " + mknod.err());
    Result result = run(Map.of(), LOXC, "-o", full.toString(), source.toString());
    String error = "Could not write file \"" + full + "\": No space left on device.\n";
    assertEquals(new Result(74, "", error, result.millis()), result);
    assertTrue(Files.readAttributes(full, BasicFileAttributes.class).isOther(), "still a device");
  }

  @Test
  void outputOverItsOwnInputIsRefused() throws Exception {
    String text = "print \"keep me\";\n";
    Path source = write("self.lox", text);
    Path link = Files.createSymbolicLink(dir.resolve("self-link.lox"), source.getFileName());
    for (Path output : List.of(source, link)) {
      Result result = run(Map.of(), LOXC, "-o", output.toString(), source.toString());
      assertEquals(new Result(64, "", "loxc: output file \"" + output
          + "\" is the input file; it would be overwritten.\n", result.millis()), result);
      assertEquals(text, Files.readString(source));
    }
  }

  // ---- The launcher ----

  /** The JDK running these tests, for the launcher too. */
  private static final Map<String, String> THIS_JDK = Map.of("JAVA_HOME", System.getProperty("java.home"));

  /** The class-data archive the launcher keeps for {@link #THIS_JDK}; its note is beside it. */
  private static Path archiveOfThisJdk() throws Exception {
    String java = System.getProperty("java.home") + "/bin/java";
    Path archive = ROOT.resolve("lox-vm/target/cds/lox-" + java.replaceAll("[^A-Za-z0-9]", "_") + ".jsa");
    if (!Files.isRegularFile(archive)) {
      assertEquals(0, run(THIS_JDK, LOX, "--version").exit());
    }
    assertTrue(Files.isRegularFile(archive), archive + " not written");
    assertTrue(Files.isRegularFile(Path.of(archive + ".jdk")), archive + " has no note");
    return archive;
  }

  @Test
  void theBuildWroteTheArchiveSoTheFirstRunWritesNone() {
    assertFalse(archivesBeforeFirstRun.isEmpty(), "no class-data archive after the build");
    assertEquals(archivesBeforeFirstRun, archivesAfterFirstRun, "the first run wrote an archive");
  }

  @Test
  void theClassDataArchiveIsWrittenOnceAndKeptWhereverLoxRunsFrom() throws Exception {
    Path program = write("where.lox", "print 1;\n");
    Path archive = archiveOfThisJdk();
    long written = Files.getLastModifiedTime(archive).toMillis();
    String javaHome = System.getProperty("java.home");
    // From another directory, by a relative path, with CDPATH set: same archive, same output.
    Result result = bash("cd \"$1\" && JAVA_HOME=\"$3\" CDPATH=/ ./bin/../bin/lox \"$2\"",
        ROOT.toString(), program.toString(), javaHome);
    assertEquals(new Result(0, "1\n", "", 0), withoutTime(result));
    result = bash("cd / && JAVA_HOME=\"$3\" \"$1\" \"$2\"", LOX, program.toString(), javaHome);
    assertEquals(new Result(0, "1\n", "", 0), withoutTime(result));
    assertEquals(written, Files.getLastModifiedTime(archive).toMillis(), "archive rewritten");
  }

  @Test
  void anArchiveOfAnotherJdkReleaseIsReplaced() throws Exception {
    Path note = Path.of(archiveOfThisJdk() + ".jdk");
    List<String> lines = Files.readAllLines(note);
    // The same java binary, but as if its JDK had been upgraded in place since.
    Files.writeString(note, lines.get(0) + "\nJAVA_VERSION=\"0.0.1\"\n");
    Path program = write("upgraded.lox", "print 2;\n");
    assertEquals(new Result(0, "2\n", "", 0), withoutTime(run(THIS_JDK, LOX, program.toString())));
    assertEquals(lines, Files.readAllLines(note), "the note describes the JDK again");
  }

  @Test
  void theArchiveIsWrittenFromTheTrainingProgramAndHoldsTheCompilingTier() throws Exception {
    Path archive = archiveOfThisJdk();
    Files.delete(archive);
    // The first run after that, of a program that compiles nothing, has the archive written...
    assertEquals(new Result(0, "2\n", "", 0),
        withoutTime(run(THIS_JDK, LOX, write("cold.lox", "print 2;\n").toString())));
    assertTrue(Files.isRegularFile(archive), archive + " not written");
    try (var left = Files.list(archive.getParent())) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("training"))
          .toList(), "the training program's files are left behind");
    }
    // ...and a later run that compiles loads the tier's classes, ASM's too, from it.
    Path loads = dir.resolve("class-loads.txt");
    Map<String, String> env = new HashMap<>(THIS_JDK);
    env.put("LOX_JAVA_OPTS", "-Xlog:class+load:file=" + loads);
    Path hot = write("hot.lox", "fun f(n) { return n + 1; }\nvar x = 0;\n"
        + "for (var i = 0; i < 2000; i = i + 1) x = f(x);\nprint x;\n");
    assertEquals(new Result(0, "2000\n", "", 0), withoutTime(run(env, LOX, hot.toString())));
    List<String> tierClasses = Files.readAllLines(loads).stream()
        .filter(line -> line.contains(" org.objectweb.asm.") || line.contains(" dev.lox.jit."))
        .toList();
    assertTrue(tierClasses.size() > 10, "the tier did not run: " + tierClasses);
    for (String line : tierClasses) {
      assertTrue(line.contains("source: shared objects file"), line);
    }
  }

  private static Result withoutTime(Result result) {
    return new Result(result.exit(), result.out(), result.err(), 0);
  }
}
