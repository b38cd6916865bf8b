package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.Status;
import dev.lox.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive-writing run's extra program must run to its end, or it trains nothing. */
class ClassDataTrainingTest {
  @ParameterizedTest
  @EnumSource(JitMode.class)
  void theTrainingProgramRunsToItsEnd(JitMode jit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunResult result = new Lox(out, err, jit)
        .interpret(ClassDataTraining.PROGRAM.getBytes(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    assertEquals(Status.OK, result.status());
    // As clox prints it.
    assertEquals("a square\na square\na square\n603.5\n", out.toString(StandardCharsets.UTF_8));
  }
}
