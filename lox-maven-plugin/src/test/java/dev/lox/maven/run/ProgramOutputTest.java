package dev.lox.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.logging.LogLinePrintStream;
import org.junit.jupiter.api.Test;

class ProgramOutputTest {
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void aPlainSystemOutIsUsedAsItIs() {
    PrintStream plain = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertFalse(ProgramOutput.isLoggingStream(plain));
    assertSame(plain, ProgramOutput.of(plain, console));
  }

  @Test
  void mavenFoursLoggingStreamIsBypassedForTheProcesssStandardOutput() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream logging = new LogLinePrintStream(log);
    assertTrue(ProgramOutput.isLoggingStream(logging));
    OutputStream out = ProgramOutput.of(logging, console);
    out.write("Hello, Lox!\n".getBytes(StandardCharsets.UTF_8));
    out.write(new byte[] {'x', '1', '\n', 'y'}, 1, 2);
    out.close();
    assertEquals("Hello, Lox!\n1\n", console.toString(StandardCharsets.UTF_8));
    assertEquals("", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void closingTheProgramsStreamLeavesTheProcesssStandardOutputOpen() throws Exception {
    OutputStream standardOutput = new OutputStream() {
      boolean closed;

      @Override
      public void write(int b) {
        assertFalse(closed);
        console.write(b);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
    OutputStream out = ProgramOutput.of(new LogLinePrintStream(new ByteArrayOutputStream()), standardOutput);
    out.close();
    standardOutput.write('a');
    assertEquals("a", console.toString(StandardCharsets.UTF_8));
  }
}
