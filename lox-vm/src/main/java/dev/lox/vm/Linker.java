package dev.lox.vm;

import dev.lox.chunk.FunctionProto;
import dev.lox.runtime.Interner;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxString;
import java.util.ArrayDeque;

/**
 * Turns a compiled function tree into one VM's runtime functions: strings interned into the VM,
 * numbers unboxed, nested functions linked. Iterative, so deeply nested functions cannot exhaust
 * the Java stack.
 */
final class Linker {
  private Linker() {}

  /** A function still to link, with the compiled function it comes from. */
  private record Pending(FunctionProto proto, LoxFunction function) {}

  static LoxFunction link(FunctionProto script, Interner interner) {
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    LoxFunction root = shell(script, interner);
    pending.push(new Pending(script, root));
    while (!pending.isEmpty()) {
      Pending next = pending.pop();
      Object[] constants = next.proto().constants;
      LoxFunction function = next.function();
      for (int i = 0; i < constants.length; i++) {
        Object constant = constants[i];
        if (constant instanceof Double number) {
          function.constRefs[i] = null;
          function.constNums[i] = number;
        } else if (constant instanceof LoxString string) {
          function.constRefs[i] = interner.intern(string);
        } else if (constant instanceof FunctionProto nested) {
          LoxFunction linked = shell(nested, interner);
          function.constRefs[i] = linked;
          pending.push(new Pending(nested, linked));
        } else {
          throw new IllegalArgumentException("unsupported constant " + constant);
        }
      }
    }
    return root;
  }

  private static LoxFunction shell(FunctionProto proto, Interner interner) {
    int count = proto.constants.length;
    LoxString name = proto.name == null ? null : interner.intern(proto.name);
    return new LoxFunction(
        name,
        proto.arity,
        proto.upvalueCount,
        proto.maxStack,
        proto.code,
        proto.lines,
        new Object[count],
        new double[count]);
  }
}
