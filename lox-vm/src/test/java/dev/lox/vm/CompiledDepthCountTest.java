package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.CompileResult;
import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.jit.JitTier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compiled code counts its own calls against the VM's limit on compiled calls nested on the JVM
 * stack ({@link Tier#compiledCost}): each call that makes calls adds its cost while it runs and
 * takes it off when it returns; a call that makes none is not counted. A count that drifted up
 * would quietly send every later call to the interpreter, so these tests read it directly.
 */
class CompiledDepthCountTest {
  private static final String PROGRAM = """
      fun leaf(x) { return x + 1; }
      fun outer() { return inner(); }
      fun inner() { probe(); return leaf(1); }
      class Box {
        init() { this.n = 0; }
        get() { return this.n; }
        bump() { this.n = leaf(this.n); return this; }
      }
      var box = Box();
      for (var i = 0; i < 3000; i = i + 1) {
        box.bump().get();
        outer();
      }
      print box.get();
      """;

  private static VM vm(JitMode mode, List<Integer> probed, ByteArrayOutputStream out) {
    VM[] self = new VM[1];
    VM vm = new VM(out, new ByteArrayOutputStream(), new JitTier(mode));
    self[0] = vm;
    vm.defineNative("probe", args -> {
      probed.add(self[0].compiledDepth);
      return null;
    });
    return vm;
  }

  private static RunResult run(VM vm, String source) {
    CompileResult compiled = Lox.compile(source.getBytes(StandardCharsets.UTF_8));
    return vm.run(compiled.script().function());
  }

  @Test
  void everyCompiledCallTakesItsCountOffAgain() {
    for (JitMode mode : new JitMode[] {JitMode.ALWAYS, JitMode.AUTO}) {
      List<Integer> probed = new ArrayList<>();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VM vm = vm(mode, probed, out);
      assertEquals(RunResult.OK, run(vm, PROGRAM), mode.toString());
      vm.flush();
      assertEquals("3000\n", out.toString(StandardCharsets.UTF_8), mode.toString());
      assertEquals(0, vm.compiledDepth, mode + ": the count after the run");
      // Compiled by the end (the script once its loop is hot): the script, outer and inner, one
      // each (their frames are narrow); leaf and the natives are not counted.
      assertEquals(3, probed.get(probed.size() - 1), mode + ": the count inside inner");
    }
  }
}
