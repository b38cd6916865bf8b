package dev.lox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.ExitCodes;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Output that cannot be written: the program stops, as clox dies of SIGPIPE, with exit 141. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutputClosedTest {
  /** Takes {@code capacity} bytes, then fails every write, as a pipe whose reader went away. */
  private static final class ClosingStream extends OutputStream {
    private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    private final int capacity;
    int failedWrites;

    ClosingStream(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (taken.size() + len > capacity) {
        failedWrites++;
        throw new IOException("Broken pipe");
      }
      taken.write(b, off, len);
    }

    String taken() {
      return taken.toString(StandardCharsets.UTF_8);
    }
  }

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEndlessPrintingLoopStopsWhenOutputCloses() {
    ClosingStream out = new ClosingStream(100);
    Lox lox = new Lox(out, err);
    lox.setFlushEachLine(true);
    RunResult result = lox.interpret(utf8("while (true) { print \"yes\"; }"));
    assertEquals(Status.OUTPUT_CLOSED, result.status());
    assertEquals(ExitCodes.OUTPUT_CLOSED, result.exitCode());
    assertEquals(141, result.exitCode());
    assertEquals("yes\n".repeat(25), out.taken());
    assertEquals(1, out.failedWrites, "no write is tried after one failed");
    assertEquals("", err.toString(StandardCharsets.UTF_8), "silent, as a program killed by SIGPIPE");
  }

  @Test
  void endlessRecursionThatPrintsStopsToo() {
    ClosingStream out = new ClosingStream(0);
    Lox lox = new Lox(out, err);
    RunResult result = lox.interpret(utf8(
        "fun tree(n) { if (n == 0) { print n; return; } tree(n - 1); tree(n - 1); }\ntree(60);"));
    assertEquals(Status.OUTPUT_CLOSED, result.status());
  }

  @Test
  void aFiniteProgramWhoseOutputIsLostDoesNotSucceed() {
    ClosingStream out = new ClosingStream(0);
    Lox lox = new Lox(out, err);
    // Buffered: nothing is written until the end of the run, where the write fails.
    RunResult result = lox.interpret(utf8("print \"a\";\nprint \"b\";"));
    assertEquals(Status.OUTPUT_CLOSED, result.status());
    // Later runs that print are lost too; a run that prints nothing is fine.
    assertEquals(Status.OUTPUT_CLOSED, lox.interpret(utf8("print 1;")).status());
    assertEquals(Status.OK, lox.interpret(utf8("var x = 1;")).status());
  }

  @Test
  void aRuntimeErrorStaysARuntimeError() {
    ClosingStream out = new ClosingStream(0);
    Lox lox = new Lox(out, err);
    RunResult result = lox.interpret(utf8("print \"a\";\nprint -nil;"));
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("Operand must be a number.\n[line 2] in script\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void outputThatFitsIsNotAffected() {
    ClosingStream out = new ClosingStream(1000);
    Lox lox = new Lox(out, err);
    assertEquals(Status.OK, lox.interpret(utf8("for (var i = 0; i < 3; i = i + 1) print i;")).status());
    assertEquals("0\n1\n2\n", out.taken());
    assertTrue(out.failedWrites == 0);
  }
}
