package dev.lox.jit;

import dev.lox.api.JitMode;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.LoxFunction;
import dev.lox.vm.Tier;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The compiling tier: translates hot functions with {@link Translator} and loads each as a
 * hidden class, which the JVM unloads once its VM's functions are gone.
 */
public final class JitTier implements Tier {
  /** Calls before a function is compiled, in {@link JitMode#AUTO}. */
  static final int CALLS_TO_COMPILE = 100;
  /** Loop iterations before a running function moves into compiled code, in AUTO. */
  static final int ITERATIONS_TO_COMPILE = 100;

  private final JitMode mode;
  /**
   * The code compiled so far, by what its translation depends on: functions with the same code
   * (a class's getters, say) share one class, translated, loaded and compiled by HotSpot once.
   * One VM's only, as the cells of its globals are in it. Held weakly, as the functions hold
   * their code: once none does, its class can be unloaded and its entry goes.
   */
  private final Map<Translator.Key, Shared> compiled = new HashMap<>();
  private final ReferenceQueue<CompiledCode> unused = new ReferenceQueue<>();

  /** An entry of {@link #compiled}, which knows its key to leave the map once cleared. */
  private static final class Shared extends WeakReference<CompiledCode> {
    final Translator.Key key;

    Shared(CompiledCode code, Translator.Key key, ReferenceQueue<CompiledCode> queue) {
      super(code, queue);
      this.key = key;
    }
  }

  /** A tier for {@code mode}, which is AUTO or ALWAYS (OFF means having no tier). */
  public JitTier(JitMode mode) {
    if (mode == JitMode.OFF) {
      throw new IllegalArgumentException("JitMode.OFF: run the VM without a tier");
    }
    this.mode = mode;
  }

  @Override
  public int callThreshold() {
    return mode == JitMode.ALWAYS ? 1 : CALLS_TO_COMPILE;
  }

  @Override
  public int loopThreshold() {
    return mode == JitMode.ALWAYS ? 1 : ITERATIONS_TO_COMPILE;
  }

  @Override
  public CompiledCode compile(LoxFunction function, int entry, MethodHandles.Lookup lookup) {
    for (Reference<?> gone; (gone = unused.poll()) != null; ) {
      compiled.remove(((Shared) gone).key, gone);
    }
    Translator.Key key = Translator.keyOf(function, entry);
    Shared shared = compiled.get(key);
    CompiledCode code = shared == null ? null : shared.get();
    if (code == null) {
      code = translate(function, entry, key, lookup);
      if (code != null) {
        compiled.put(key, new Shared(code, key, unused));
      }
    }
    return code;
  }

  private CompiledCode translate(
      LoxFunction function, int entry, Translator.Key key, MethodHandles.Lookup lookup) {
    String name = function.name == null ? "script" : function.name.toString();
    // dev.lox.vm.Lox$NAME, from the VM's lookup: bin/lox's launcher tunes HotSpot for the name.
    String className =
        lookup.lookupClass().getPackageName().replace('.', '/') + "/Lox$" + javaName(name);
    Translator.Output output = Translator.translate(function, className, entry, key);
    if (output == null) {
      return null;
    }
    try {
      Class<?> compiled = lookup.defineHiddenClassWithClassData(
          output.bytes(), output.classData(), true).lookupClass();
      return (CompiledCode) compiled.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("compiled code for " + name + " did not load", e);
    }
  }

  /** The name as a safe part of a class name (a chunk file may name a function anything). */
  private static String javaName(String name) {
    StringBuilder safe = new StringBuilder(name.length());
    for (int i = 0; i < name.length() && i < 64; i++) {
      char c = name.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      safe.append(plain || c == '_' ? c : '_');
    }
    return safe.toString();
  }
}
