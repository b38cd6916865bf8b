package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Compiled calls use the JVM stack, interpreted ones do not: recursion as deep as the VM allows
 * must still run on a small thread stack, and runaway recursion must end in the interpreter's
 * {@code Stack overflow.} with the same trace.
 */
class CompiledDepthTest {
  /** Smaller than any thread's default stack, so that the test proves the point. */
  private static final long SMALL_STACK = 512 * 1024;

  private record Run(int exit, String out, String err) {}

  private static Run run(String source, JitMode mode) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        Lox lox = new Lox(out, err, mode);
        exit.set(lox.interpret(source.getBytes(StandardCharsets.UTF_8)).exitCode());
        lox.flush();
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "deep", SMALL_STACK);
    thread.start();
    thread.join();
    if (thrown.get() != null) {
      throw new AssertionError("the run threw", thrown.get());
    }
    return new Run(exit.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void recursion150000DeepRunsCompiled() throws InterruptedException {
    String source = "fun f(n) { if (n == 0) return 0; return f(n - 1) + 1; }\n"
        + "class C { m(n) { if (n == 0) return 0; return this.m(n - 1) + 1; } }\n"
        + "print f(150000);\n"
        + "print C().m(150000);\n"
        // Through super calls too: B.m calls A.m, which calls B.m again, 180,000 frames deep.
        + "class A { m(n) { if (n == 0) return 0; return this.m(n - 1) + 1; } }\n"
        + "class B < A { m(n) { return super.m(n); } }\n"
        + "print B().m(90000);\n";
    for (JitMode mode : JitMode.values()) {
      assertEquals(new Run(0, "150000\n150000\n90000\n", ""), run(source, mode), mode.toString());
    }
  }

  @Test
  void runawayRecursionOverflowsAtTheSameDepthInEveryMode() throws InterruptedException {
    String source = "var depth = 0;\n"
        + "fun f() {\n  depth = depth + 1;\n  f();\n}\n"
        + "f();\n";
    Run interpreted = run(source + "print depth;\n", JitMode.OFF);
    assertEquals(70, interpreted.exit());
    assertEquals("Stack overflow.", interpreted.err().lines().findFirst().orElseThrow());
    for (JitMode mode : new JitMode[] {JitMode.AUTO, JitMode.ALWAYS}) {
      assertEquals(interpreted, run(source + "print depth;\n", mode), mode.toString());
    }
    // How deep it got is observable through a global after the error: a second program on the
    // same VM prints it, and it must not depend on the mode.
    String counted = "var depth = 0;\nfun f() {\n  depth = depth + 1;\n  f();\n}\n"
        + "fun g() { f(); }\ng();\n";
    String reached = depthReached(counted, JitMode.OFF);
    assertEquals("199998\n", reached, "frames: the script, g, and f to the limit of 200,000");
    assertEquals(reached, depthReached(counted, JitMode.AUTO), "auto");
    assertEquals(reached, depthReached(counted, JitMode.ALWAYS), "always");
  }

  private static String depthReached(String program, JitMode mode) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Lox lox = new Lox(out, new ByteArrayOutputStream(), mode);
    Thread thread = new Thread(null, () -> {
      lox.interpret(program.getBytes(StandardCharsets.UTF_8));
      lox.interpret("print depth;\n".getBytes(StandardCharsets.UTF_8));
      lox.flush();
    }, "deep", SMALL_STACK);
    thread.start();
    thread.join();
    return out.toString(StandardCharsets.UTF_8);
  }
}
