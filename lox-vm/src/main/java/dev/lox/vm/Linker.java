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

  static LoxFunction link(FunctionProto script, Interner interner) {
    ArrayDeque<LoxFunction> pending = new ArrayDeque<>();
    LoxFunction root = shell(script);
    pending.push(root);
    while (!pending.isEmpty()) {
      LoxFunction function = pending.pop();
      Object[] constants = function.proto.constants;
      for (int i = 0; i < constants.length; i++) {
        Object constant = constants[i];
        if (constant instanceof Double number) {
          function.constRefs[i] = null;
          function.constNums[i] = number;
        } else if (constant instanceof LoxString string) {
          function.constRefs[i] = interner.intern(string);
        } else if (constant instanceof FunctionProto nested) {
          LoxFunction linked = shell(nested);
          function.constRefs[i] = linked;
          pending.push(linked);
        } else {
          throw new IllegalArgumentException("unsupported constant " + constant);
        }
      }
    }
    return root;
  }

  private static LoxFunction shell(FunctionProto proto) {
    int count = proto.constants.length;
    return new LoxFunction(proto, new Object[count], new double[count]);
  }
}
