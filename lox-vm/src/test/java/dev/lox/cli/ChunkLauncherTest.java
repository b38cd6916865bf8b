package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkLauncherTest {
  @TempDir Path classpath;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int launch(String... args) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
      return ChunkLauncher.run(args, ChunkLauncher.DEFAULT_PROGRAM, loader, out, err);
    }
  }

  private void program(String source) throws IOException {
    byte[] chunk = Lox.compile(source.getBytes(StandardCharsets.UTF_8)).script().toBytes();
    Files.write(classpath.resolve(ChunkLauncher.DEFAULT_PROGRAM), chunk);
  }

  @Test
  void runsTheProgramOnTheClassPath() throws IOException {
    program("print \"hello\";");
    assertEquals(0, launch());
    assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runtimeErrorExitsWith70AndTrace() throws IOException {
    program("print 1;\nprint nil + 1;");
    assertEquals(70, launch());
    assertEquals("1\n", out.toString(StandardCharsets.UTF_8));
    assertEquals(
        "Operands must be two numbers or two strings.\n[line 2] in script\n",
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void damagedChunkIsRejectedBeforeRunning() throws IOException {
    program("print \"never\";");
    Path file = classpath.resolve(ChunkLauncher.DEFAULT_PROGRAM);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    assertEquals(65, launch());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("main.loxc: "), err.toString());
  }

  @Test
  void missingProgramIsAnIoError() throws IOException {
    assertEquals(74, launch());
    assertEquals("lox: no main.loxc on the class path\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void argumentsAreAUsageError() throws IOException {
    program("print 1;");
    assertEquals(64, launch("extra"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage: java -jar JAR"));
  }

  private int launchWithJit(String jit) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null)) {
      return ChunkLauncher.launch(new String[0], ChunkLauncher.DEFAULT_PROGRAM, jit, loader, out, err);
    }
  }

  @Test
  void everyJitModeRunsTheProgramAlike() throws IOException {
    program("fun f(n) { if (n < 2) return n; return f(n - 1) + f(n - 2); }\nprint f(15);");
    for (String mode : new String[] {null, "off", "auto", "always"}) {
      out.reset();
      assertEquals(0, launchWithJit(mode), mode);
      assertEquals("610\n", out.toString(StandardCharsets.UTF_8), mode);
    }
  }

  @Test
  void badJitPropertyIsAUsageErrorAndNothingRuns() throws IOException {
    program("print \"never\";");
    assertEquals(64, launchWithJit("fast"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals(
        "lox: -Dlox.jit takes off, auto or always, not 'fast'\n", err.toString(StandardCharsets.UTF_8));
  }

  private void chunk(String name, String source) throws IOException {
    Path file = classpath.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, Lox.compile(source.getBytes(StandardCharsets.UTF_8)).script().toBytes());
  }

  @Test
  void theListedLibrariesLoadInTheirOrderBeforeTheProgram() throws IOException {
    chunk("lib/b.loxc", "class Square < Shape { area() { return twice(this.side) * this.side / 2; } }");
    chunk("lib/a.loxc", "class Shape { init(side) { this.side = side; } } fun twice(n) { return 2 * n; }");
    Files.writeString(classpath.resolve(ChunkLauncher.LIBRARY_LIST), "lib/a.loxc\nlib/b.loxc\n");
    program("print Square(4).area();");
    assertEquals(0, launch(), err.toString());
    assertEquals("16\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aLibrarysRuntimeErrorNamesItAndTheProgramDoesNotRun() throws IOException {
    chunk("lib/a.loxc", "var a = 1;\nvar b = a + nil;");
    Files.writeString(classpath.resolve(ChunkLauncher.LIBRARY_LIST), "lib/a.loxc\n");
    program("print \"never\";");
    assertEquals(70, launch());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("lib/a.loxc: runtime error while loading the library:\n"
        + "Operands must be two numbers or two strings.\n[line 2] in script\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aListedLibraryThatIsMissingIsAnIoError() throws IOException {
    Files.writeString(classpath.resolve(ChunkLauncher.LIBRARY_LIST), "lib/gone.loxc\n");
    program("print \"never\";");
    assertEquals(74, launch());
    assertEquals("lox: no library lib/gone.loxc on the class path (listed in lox-libraries.txt)\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
