package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLibrariesTest {
  @TempDir Path dir;

  private Path file(String name, String source) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    return Files.writeString(path, source);
  }

  private static String run(InProcessExecutor executor, String source) {
    Execution run = executor.execute(Path.of("t.lox"), source.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    return new String(run.stdout(), StandardCharsets.UTF_8) + new String(run.stderr(), StandardCharsets.UTF_8);
  }

  @Test
  void eachTestsVmSeesTheLibrariesButNeverAnotherTestsGlobals() throws IOException {
    Path lib = file("lib.lox", "var counter = 0;\nfun bump() { counter = counter + 1; return counter; }\n");
    ProjectLibraries.Prepared prepared = ProjectLibraries.prepare(List.of(lib), JitMode.OFF);
    assertTrue(prepared.succeeded(), prepared.problems().toString());
    try (InProcessExecutor executor = new InProcessExecutor(JitMode.OFF, prepared.libraries())) {
      assertEquals("1\n", run(executor, "var leaked = 1;\nprint bump();"));
      assertEquals("1\n", run(executor, "print bump();"));
      assertEquals("Undefined variable 'leaked'.\n[line 1] in script\n", run(executor, "print leaked;"));
    }
  }

  @Test
  void librariesRunInTheGivenOrderInEveryJitMode() throws IOException {
    Path base = file("a.lox", "class Base { name() { return \"base\"; } }\n");
    Path derived = file("b.lox", "class Derived < Base { name() { return \"derived of \" + super.name(); } }\n");
    for (JitMode mode : JitMode.values()) {
      ProjectLibraries.Prepared prepared = ProjectLibraries.prepare(List.of(base, derived), mode);
      try (InProcessExecutor executor = new InProcessExecutor(mode, prepared.libraries())) {
        assertEquals("derived of base\n", run(executor, "print Derived().name();"), mode.toString());
      }
    }
  }

  @Test
  void chunksAreVerifiedAndLoaded() throws IOException {
    Path chunk = dir.resolve("lib.loxc");
    Files.write(chunk, Lox.compile("fun hi() { return 1; }".getBytes(StandardCharsets.UTF_8)).script().toBytes());
    ProjectLibraries.Prepared prepared = ProjectLibraries.prepare(List.of(chunk), JitMode.OFF);
    assertEquals(List.of(chunk), prepared.libraries().files());
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length - 1] ^= 1;
    Files.write(chunk, bytes);
    List<String> problems = ProjectLibraries.prepare(List.of(chunk), JitMode.OFF).problems();
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith(chunk + ": "), problems.get(0));
  }

  @Test
  void compileErrorsOfEveryLibraryNameFileAndLine() throws IOException {
    Path one = file("one.lox", "var a = ;\n");
    Path two = file("two.lox", "\nfun f( {}\n");
    assertEquals(
        List.of(one + ":[line 1] Error at ';': Expect expression.",
            two + ":[line 2] Error at '{': Expect parameter name."),
        ProjectLibraries.prepare(List.of(one, two), JitMode.OFF).problems());
  }

  @Test
  void aRuntimeErrorWhileLoadingIsOneProblemWithTheTrace() throws IOException {
    Path ok = file("ok.lox", "fun f() { return nil + 1; }\n");
    Path bad = file("bad.lox", "\nf();\n");
    assertEquals(
        List.of(bad + ": runtime error while loading the library:\n"
            + "Operands must be two numbers or two strings.\n[line 1] in f()\n[line 2] in script"),
        ProjectLibraries.prepare(List.of(ok, bad), JitMode.OFF).problems());
  }
}
