package dev.lox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lox.api.CompileError;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile errors are printed or handed on as they are found; results keep only the first few. */
class CompileErrorStreamingTest {
  private static final int STATEMENTS = 5000;
  /** One "Expect expression." error per statement, with panic-mode recovery at each ';'. */
  private static final byte[] SOURCE = "print;\n".repeat(STATEMENTS).getBytes(StandardCharsets.UTF_8);

  private static String expectedLines(int count) {
    StringBuilder text = new StringBuilder();
    for (int line = 1; line <= count; line++) {
      text.append("[line ").append(line).append("] Error at ';': Expect expression.\n");
    }
    return text.toString();
  }

  @Test
  void interpretPrintsEveryErrorAndKeepsTheFirstHundred() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult result = new Lox(out, err).interpret(SOURCE);
    assertEquals(Status.COMPILE_ERROR, result.status());
    assertEquals(expectedLines(STATEMENTS), err.toString(StandardCharsets.ISO_8859_1));
    assertEquals(Lox.KEPT_COMPILE_ERRORS, result.compileErrors().size());
    assertEquals(100, Lox.KEPT_COMPILE_ERRORS);
    assertEquals(new CompileError(1, " at ';'", "Expect expression."), result.compileErrors().get(0));
    assertEquals(100, result.compileErrors().get(99).line());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void errorsAreWrittenInBlocks() {
    // Never all at once: memory stays bounded however many errors there are.
    List<Integer> writes = new ArrayList<>();
    OutputStream err = new OutputStream() {
      @Override
      public void write(int b) {
        writes.add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writes.add(len);
      }
    };
    new Lox(OutputStream.nullOutputStream(), err).interpret(SOURCE);
    int total = expectedLines(STATEMENTS).length();
    assertEquals(total, writes.stream().mapToInt(Integer::intValue).sum());
    assertFalse(writes.size() < total / 8192, "written in blocks of at most 8 KiB: " + writes.size());
    for (int len : writes) {
      assertFalse(len > 8192, "a block of " + len);
    }
  }

  @Test
  void compileWithASinkHandsOnEveryErrorAndKeepsTheFirstHundred() {
    List<CompileError> seen = new ArrayList<>();
    CompileResult result = Lox.compile(SOURCE, seen::add);
    assertNull(result.script());
    assertEquals(STATEMENTS, seen.size());
    assertEquals(seen.subList(0, Lox.KEPT_COMPILE_ERRORS), result.errors());
  }

  @Test
  void compileWithoutASinkKeepsEveryError() {
    assertEquals(STATEMENTS, Lox.compile(SOURCE).errors().size());
  }

  @Test
  void aSmallSourceGivesTheSameErrorsEitherWay() {
    byte[] source = "print 1 +;\nvar;\n".getBytes(StandardCharsets.UTF_8);
    List<CompileError> seen = new ArrayList<>();
    assertEquals(Lox.compile(source).errors(), Lox.compile(source, seen::add).errors());
    assertEquals(Lox.compile(source).errors(), seen);
    assertEquals(2, seen.size());
  }
}
