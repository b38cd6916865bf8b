package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.lox.CompileResult;
import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.jit.JitTier;
import dev.lox.runtime.Closure;
import dev.lox.runtime.LoxString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A compiled call site whose callee has no compiled code yet: the site interprets the call
 * (CompiledSupport.uncompiled) until the callee is hot, then runs the callee's compiled code, all
 * with the same results and traces. The script's loop is compiled early (it runs thousands of
 * rounds), and only starts calling {@code f} after that, so every interpreted call of {@code f}
 * comes from compiled code.
 */
class WarmingCalleeTest {
  private static final int FIRST_CALL = 500;

  private static String program(int rounds, int failAt) {
    return """
        var total = 0;
        fun f(n) {
          if (n == %d) return n + nil;
          return n - n + 1;
        }
        for (var i = 0; i < %d; i = i + 1) {
          if (i >= %d) total = total + f(i);
        }
        print total;
        """.formatted(failAt, rounds, FIRST_CALL);
  }

  private record Run(VM vm, RunResult result, String out, String err) {}

  private static Run run(JitMode mode, String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VM vm = new VM(out, err, mode == JitMode.OFF ? null : new JitTier(mode));
    CompileResult compiled = Lox.compile(source.getBytes(StandardCharsets.UTF_8));
    RunResult result = vm.run(compiled.script().function());
    vm.flush();
    return new Run(vm, result, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private static Closure f(VM vm) {
    return (Closure) vm.globals.get(LoxString.of("f")).ref;
  }

  @Test
  void aCalleeWarmsUpAtACompiledSiteAndThenRunsCompiled() {
    int rounds = FIRST_CALL + 3000;
    Run auto = run(JitMode.AUTO, program(rounds, -1));
    assertEquals(RunResult.OK, auto.result());
    assertEquals("3000\n", auto.out());
    assertNotNull(f(auto.vm()).function.compiled, "f is compiled once hot");
    assertEquals(auto.out(), run(JitMode.OFF, program(rounds, -1)).out());
  }

  @Test
  void aCalleeThatStaysColdIsInterpretedFromCompiledCode() {
    Run auto = run(JitMode.AUTO, program(FIRST_CALL + 5, -1));
    assertEquals(RunResult.OK, auto.result());
    assertEquals("5\n", auto.out());
    assertNull(f(auto.vm()).function.compiled, "five calls do not make f hot");
  }

  @Test
  void anErrorInTheCalleeTracesTheSameWhileColdAndOnceCompiled() {
    for (int failAt : new int[] {FIRST_CALL + 2, FIRST_CALL + 2500}) {
      String source = program(FIRST_CALL + 3000, failAt);
      Run auto = run(JitMode.AUTO, source);
      Run off = run(JitMode.OFF, source);
      assertEquals(Status.RUNTIME_ERROR, auto.result().status(), "fails at " + failAt);
      assertEquals(off.err(), auto.err(), "fails at " + failAt);
      assertEquals(
          "Operands must be two numbers or two strings.\n[line 3] in f()\n[line 7] in script\n",
          auto.err());
      assertEquals(off.out(), auto.out());
    }
  }
}
