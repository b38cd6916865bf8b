package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.LoxFunction;
import dev.lox.vm.VM;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitTierTest {
  @Test
  void functionsWithTheSameCodeShareTheirCompiledCodeWithinOneTier() throws Exception {
    Map<String, LoxFunction> functions = functions(
        "class P { getA() { return this.a; } getB() { return this.b; } one() { return 1; } }");
    // As the VM's own lookup: classes defined in its package.
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(
        Class.forName("dev.lox.vm.CompiledSupport"), MethodHandles.lookup());
    JitTier tier = new JitTier(JitMode.AUTO);
    CompiledCode getA = tier.compile(functions.get("getA"), 0, lookup);
    assertNotNull(getA);
    assertSame(getA, tier.compile(functions.get("getB"), 0, lookup));
    assertNotSame(getA, tier.compile(functions.get("one"), 0, lookup));
    // Another VM's tier makes its own.
    assertNotSame(getA, new JitTier(JitMode.AUTO).compile(functions.get("getA"), 0, lookup));
  }

  @Test
  void compiledClassesHaveTheNamesTheLauncherTunesHotSpotFor() {
    // bin/lox's launcher (src/main/sh/launch) has HotSpot compile dev.lox.vm.Lox$* sooner.
    Lox lox = new Lox(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(),
        JitMode.ALWAYS);
    List<String> callers = new ArrayList<>();
    lox.defineNative("where", args -> {
      StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES)
          .forEach(frame -> callers.add(frame.getClassName()));
      return null;
    });
    lox.interpret("fun hot() { where(); } hot();".getBytes());
    assertTrue(callers.stream().anyMatch(name -> name.startsWith("dev.lox.vm.Lox$hot/")),
        callers.toString());
  }

  private static Map<String, LoxFunction> functions(String source) {
    VM vm = new VM(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    LoxFunction script = vm.link(Lox.compile(source.getBytes()).script().function());
    Map<String, LoxFunction> byName = new HashMap<>();
    for (Object constant : script.constRefs) {
      if (constant instanceof LoxFunction fn) {
        byName.put(fn.name.toString(), fn);
      }
    }
    return byName;
  }
}
