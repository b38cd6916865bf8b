package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.Lox;
import dev.lox.runtime.Closure;
import dev.lox.runtime.LoxFunction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The trace printed with a runtime error, from the VM's frames as it finds them. */
class TraceTest {
  /**
   * A compiled frame's ip is only set once it calls or fails, so an error the VM catches from
   * the host (the JVM's stack or heap exhausted) may find an ip another function left there; the
   * trace still prints, with a line of the frame's own function.
   */
  @Test
  void aFrameWhoseIpIsNotItsOwnStillPrintsALineOfItsFunction() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VM vm = new VM(new ByteArrayOutputStream(), err);
    LoxFunction script = vm.link(Lox.compile(
        "fun f() {\n  return 1;\n}\n".getBytes(StandardCharsets.UTF_8)).script().function());
    LoxFunction f = (LoxFunction) Arrays.stream(script.constRefs)
        .filter(LoxFunction.class::isInstance).findFirst().orElseThrow();
    vm.frameClosures[0] = new Closure(script);
    vm.frameIps[0] = 2;
    vm.frameClosures[1] = new Closure(f);
    vm.frameIps[1] = 1_000_000;
    vm.frameCount = 2;
    vm.runtimeError("Stack overflow.");
    assertEquals("Stack overflow.\n[line 3] in f()\n[line 3] in script\n",
        err.toString(StandardCharsets.ISO_8859_1));
  }
}
