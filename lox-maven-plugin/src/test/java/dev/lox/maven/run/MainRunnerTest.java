package dev.lox.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.maven.compile.IncrementalCompiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainRunnerTest {
  @TempDir Path project;

  private static Script compile(String source) {
    return Lox.compile(source.getBytes(StandardCharsets.UTF_8)).script();
  }

  /** Records what had been written each time it was flushed. */
  private static final class Recorder extends ByteArrayOutputStream {
    final List<String> flushes = new ArrayList<>();

    @Override
    public synchronized void flush() {
      flushes.add(toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void outputIsStreamedLineByLineAsItIsPrinted() throws Exception {
    Recorder out = new Recorder();
    RunResult result = MainRunner.run(compile("print 1;\nprint \"two\";\nprint 3;\n"), out, new ByteArrayOutputStream(), JitMode.OFF);
    assertEquals(Status.OK, result.status());
    assertEquals("1\ntwo\n3\n", out.toString(StandardCharsets.UTF_8));
    assertTrue(out.flushes.containsAll(List.of("1\n", "1\ntwo\n", "1\ntwo\n3\n")), out.flushes.toString());
  }

  @Test
  void theRequestedJitModeRunsTheProgramAlike() throws Exception {
    for (JitMode mode : JitMode.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RunResult result = MainRunner.run(
          compile("fun f(n) { if (n < 2) return n; return f(n - 1) + f(n - 2); }\nprint f(12);\n"),
          out, new ByteArrayOutputStream(), mode);
      assertEquals(Status.OK, result.status(), mode.toString());
      assertEquals("144\n", out.toString(StandardCharsets.UTF_8), mode.toString());
    }
  }

  @Test
  void aRuntimeErrorComesBackWithItsTrace() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult result = MainRunner.run(
        compile("fun f() {\n  return nil + 1;\n}\nf();\n"), new ByteArrayOutputStream(), err, JitMode.OFF);
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("Operands must be two numbers or two strings.\n[line 2] in f()\n[line 4] in script",
        result.runtimeError().toString());
  }

  @Test
  void anInterruptStopsTheProgramAndLeavesNoThreadBehind() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch printing = new CountDownLatch(1);
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        printing.countDown();
      }
    };
    Thread caller = new Thread(() -> {
      try {
        MainRunner.run(compile("while (true) print 1;"), out, new ByteArrayOutputStream(), JitMode.OFF);
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    caller.start();
    assertTrue(printing.await(30, TimeUnit.SECONDS));
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(caller.isAlive());
    assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().equals("lox-run") && thread.isAlive()));
  }

  @Test
  void runPreparesTheMainScriptThenRunsIt() throws Exception {
    Path src = project.resolve("src/main/lox");
    Files.createDirectories(src);
    Files.writeString(src.resolve("main.lox"), "print \"hi\";\n");
    IncrementalCompiler compiler = new IncrementalCompiler(
        src, project.resolve("target/classes"), project.resolve("target/work"), 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    MainRunner.Outcome first = MainRunner.run(new MainRunner.Request(src.resolve("main.lox"), compiler, out));
    MainRunner.Outcome second = MainRunner.run(new MainRunner.Request(src.resolve("main.lox"), compiler, out));

    assertTrue(first.ran());
    assertFalse(first.prepared().fromChunk());
    assertTrue(second.prepared().fromChunk());
    assertEquals("hi\nhi\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aProgramThatDoesNotCompileDoesNotRun() throws Exception {
    Path main = project.resolve("main.lox");
    Files.writeString(main, "print;\n");
    IncrementalCompiler compiler = new IncrementalCompiler(
        project.resolve("src"), project.resolve("out"), project.resolve("work"), 1);
    MainRunner.Outcome outcome = MainRunner.run(new MainRunner.Request(main, compiler, new ByteArrayOutputStream()));
    assertFalse(outcome.ran());
    assertEquals(1, outcome.prepared().errors().size());
  }

  @Test
  void aMissingMainIsAnIoError() {
    IncrementalCompiler compiler = new IncrementalCompiler(
        project.resolve("src"), project.resolve("out"), project.resolve("work"), 1);
    assertThrows(IOException.class, () -> MainRunner.run(
        new MainRunner.Request(project.resolve("none.lox"), compiler, new ByteArrayOutputStream())));
  }
}
