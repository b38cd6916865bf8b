package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.CompileResult;
import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.chunk.Instructions;
import dev.lox.chunk.OpCode;
import dev.lox.runtime.Closure;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.GlobalCell;
import dev.lox.runtime.LoxClass;
import dev.lox.runtime.LoxInstance;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxString;
import dev.lox.runtime.Nil;
import dev.lox.runtime.PropertyCache;
import dev.lox.runtime.Shape;
import dev.lox.vm.Tier;
import dev.lox.vm.VM;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Translates every function of every program in the project's tests and the book's suite, and
 * checks each class as the JVM would (ASM's CheckClassAdapter with its data-flow verifier, then
 * the JVM's verifier by loading it), that every support method it calls exists with that
 * signature, and that {@code run} stays under HotSpot's compile limit. Running the translated
 * code is LoxProgramsTest's part.
 */
class TranslatorTest {
  private static final List<Path> ROOTS = List.of(
      Path.of("src", "test", "lox"), Path.of("..", "..", "shared", "lox-suite", "test"));

  @Test
  void everyFunctionTranslatesToVerifiedCodeUnderTheSizeLimit() throws IOException {
    Set<String> supportMethods = supportMethods();
    List<String> problems = new ArrayList<>();
    int translated = 0;
    List<String> tooLarge = new ArrayList<>();
    int withCells = 0;
    for (Path file : programs()) {
      CompileResult compiled = Lox.compile(Files.readAllBytes(file));
      if (!compiled.succeeded()) {
        continue;
      }
      VM vm = new VM(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
      for (LoxFunction fn : functions(vm.link(compiled.script().function()))) {
        String where = file + ": " + (fn.name == null ? "script" : fn.name);
        // As the VM hands it over: its globals' cells found (compiled code holds them).
        findGlobalCells(fn);
        // Named in this package, so that this test can have the JVM load it.
        Translator.Output output = Translator.translate(fn, "dev/lox/jit/Lox$test");
        if (output == null) {
          tooLarge.add(where);
          continue;
        }
        translated++;
        withCells += output.classData().isEmpty() ? 0 : 1;
        check(where, output, supportMethods, problems);
        // A script moved into compiled code at a loop is translated from there on.
        if (fn.name == null) {
          for (int entry : loopStarts(fn)) {
            Translator.Output partial = Translator.translate(fn, "dev/lox/jit/Lox$test", entry);
            if (partial == null) {
              problems.add(where + ": not translated from the loop at " + entry);
            } else {
              check(where + " from " + entry, partial, supportMethods, problems);
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertTrue(translated > 1000, "translated only " + translated + " functions");
    assertTrue(withCells > 100, "translated with global cells: " + withCells);
    // Only the stress tests of clox's limits and of deep nesting hold functions too long for a
    // JVM method; no ordinary program leaves one to the interpreter.
    System.out.println("TranslatorTest: " + translated + " functions translated; left to the"
        + " interpreter as too large: " + tooLarge);
    List<String> ordinary = tooLarge.stream()
        .filter(where -> !where.contains("/limit/") && !where.contains("/nesting/"))
        .collect(Collectors.toList());
    assertTrue(ordinary.isEmpty(), "left to the interpreter: " + ordinary);
    assertTrue(tooLarge.size() <= 12, "left to the interpreter: " + tooLarge);
  }

  /**
   * As {@link #everyFunctionTranslatesToVerifiedCodeUnderTheSizeLimit}, but translating each
   * function as the tier does, once running the program has made it hot (here on its second call
   * or loop round): with the shapes and methods its caches saw built into the code.
   */
  @Test
  void everyFunctionTranslatedWhenHotEmbedsWhatItsCachesSawInVerifiedCode() throws IOException {
    Set<String> supportMethods = supportMethods();
    List<String> problems = new ArrayList<>();
    int[] withShapes = {0};
    for (Path file : programs()) {
      CompileResult compiled = Lox.compile(Files.readAllBytes(file));
      if (!compiled.succeeded()) {
        continue;
      }
      JitTier tier = new JitTier(JitMode.AUTO);
      Tier checking = new Tier() {
        @Override
        public CompiledCode compile(LoxFunction fn, int entry, MethodHandles.Lookup lookup) {
          String where = file + ": " + (fn.name == null ? "script" : fn.name) + " from " + entry;
          Translator.Key key = Translator.keyOf(fn, entry);
          Translator.Output output = Translator.translate(fn, "dev/lox/jit/Lox$hot", entry, key);
          if (output != null) {
            check(where, output, supportMethods, problems);
            withShapes[0] += output.classData().stream().anyMatch(Shape.class::isInstance) ? 1 : 0;
          }
          return tier.compile(fn, entry, lookup);
        }

        @Override
        public int callThreshold() {
          return 2;
        }

        @Override
        public int loopThreshold() {
          return 2;
        }
      };
      new VM(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), checking)
          .run(compiled.script().function());
    }
    assertEquals(List.of(), problems);
    assertTrue(withShapes[0] > 30, "translated with shapes: " + withShapes[0]);
  }

  @Test
  void longStraightCodeIsSplitIntoPiecesUnderTheSizeLimit() {
    StringBuilder source = new StringBuilder("{ var a = 1;\n");
    for (int i = 0; i < 2000; i++) {
      source.append("a = a + a;\n");
    }
    source.append("print a; }\n");
    Translator.Output output = Translator.translate(link(source.toString()), "dev/lox/vm/Lox$long");
    assertNotNull(output);
    assertTrue(output.codeSize() <= Translator.METHOD_SIZE_LIMIT, "largest method " + output.codeSize());
    List<String> pieces = new ArrayList<>();
    new ClassReader(output.bytes()).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(
          int access, String name, String descriptor, String signature, String[] exceptions) {
        if (name.startsWith("piece")) {
          pieces.add(name);
        }
        return null;
      }
    }, 0);
    assertTrue(pieces.size() > 5, "pieces: " + pieces);
  }

  @Test
  void tooLargeCodeThatCannotBeCutIsLeftToTheInterpreter() {
    // One if around everything: its jump crosses every place a piece could start.
    StringBuilder source = new StringBuilder("{ var a = 1;\nif (a > 0) {\n");
    for (int i = 0; i < 2000; i++) {
      source.append("a = a + a;\n");
    }
    source.append("} }\n");
    assertNull(Translator.translate(link(source.toString()), "dev/lox/vm/Lox$big"));
  }

  @Test
  void aScriptEnteredAtALoopIsTranslatedForTheOutermostLoopAroundItOnly() {
    String source = "class A { m() {} }\nvar a = A();\n"
        + "for (var i = 0; i < 3; i = i + 1) {\n"
        + "  for (var j = 0; j < 3; j = j + 1) a.m();\n"
        + "}\n"
        + "print a;\n";
    LoxFunction script = link(source);
    findGlobalCells(script);
    // A for loop goes back to its increment and to its condition: the inner one's are last.
    List<Integer> loops = loopStarts(script);
    assertTrue(loops.size() == 4, "loops at " + loops);
    List<String> whole = supportCalls(Translator.translate(script, "dev/lox/jit/Lox$s").bytes());
    assertTrue(whole.stream().anyMatch(call -> call.startsWith("klass(")), "whole: " + whole);
    Translator.Output fromInner = Translator.translate(script, "dev/lox/jit/Lox$s", loops.get(2));
    List<String> calls = supportCalls(fromInner.bytes());
    // The class and its method were made before the loops: not translated. The outer loop's
    // code is; the print after it is left to the interpreter.
    assertTrue(calls.stream().noneMatch(call -> call.startsWith("klass(")), "partial: " + calls);
    assertTrue(calls.stream().anyMatch(call -> call.startsWith("invokeTarget(")), "partial: " + calls);
    assertTrue(calls.stream().noneMatch(call -> call.startsWith("print(")), "partial: " + calls);
    assertTrue(calls.stream().anyMatch(call -> call.startsWith("resumeInterpreting(")),
        "partial: " + calls);
    List<String> problems = new ArrayList<>();
    check("partial", fromInner, supportMethods(), problems);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void functionsShareATranslationOnlyWhenTheirCodeAndWhatItEmbedsAreTheSame() {
    String source = "class P { getA() { return this.a; } getB() { return this.b; } }\n"
        + "var x; var y;\n"
        + "fun readX() { return x; }\nfun readY() { return y; }\nfun readX2() { return x; }\n"
        + "fun half(n) { return n / 2; }\nfun third(n) { return n / 3; }\n"
        + "fun twice(n) { return n + n; }\nfun twice2(n, m) { return n + n; }\n";
    Map<String, LoxFunction> byName = new HashMap<>();
    Map<String, GlobalCell> cells = new HashMap<>();
    for (LoxFunction fn : functions(link(source))) {
      // One cell per global name, as the VM has.
      for (int index : globalConstants(fn)) {
        LoxString name = (LoxString) fn.constRefs[index];
        fn.globals[index] = cells.computeIfAbsent(name.toString(), n -> new GlobalCell(name));
      }
      byName.put(fn.name == null ? "script" : fn.name.toString(), fn);
    }
    // The same code, different names: one class, which reads the names through the closure.
    assertEquals(key(byName, "getA"), key(byName, "getB"));
    assertEquals(key(byName, "readX"), key(byName, "readX2"));
    // The same code, but other globals, numbers or parameters: each its own.
    assertNotEquals(key(byName, "readX"), key(byName, "readY"));
    assertNotEquals(key(byName, "half"), key(byName, "third"));
    assertNotEquals(key(byName, "twice"), key(byName, "twice2"));
    // Once their sites have seen the fields of one shape, at their slots: each its own.
    LoxInstance instance = new LoxInstance(new LoxClass(LoxString.of("P")));
    instance.addField(LoxString.of("a"));
    instance.addField(LoxString.of("b"));
    for (String getter : List.of("getA", "getB")) {
      LoxFunction fn = byName.get(getter);
      for (int at = 0; at < fn.code.length; at += Instructions.length(fn.code, at, fn.constRefs)) {
        if (fn.code[at] == OpCode.GET_LOCAL_PROPERTY.code()) {
          LoxString name = (LoxString) fn.constRefs[fn.code[at + 2] & 0xff];
          fn.caches[at] = new PropertyCache(instance.shape, instance.shape.indexOf(name), null, null, null);
        }
      }
    }
    assertNotEquals(key(byName, "getA"), key(byName, "getB"));
  }

  @Test
  void callsOfShortMethodsRunInPlaceAndTheirCodeVerifies() {
    String source = "class C {\n"
        + "  get() { return this.v; }\n"
        + "  set(x) { this.v = x; }\n"
        + "  flip() { this.on = !this.on; return this; }\n"
        + "  nothing() {}\n"
        + "  same(a, b) { return b; }\n"
        + "  add() { return this.v + 1; }\n"
        + "  missing() { return this.w; }\n"
        + "}\n"
        + "fun use(c) {\n"
        + "  c.set(c.get()); c.flip(); c.nothing(); c.same(1, 2); c.add(); c.missing();\n"
        + "  return c.get();\n"
        + "}\n";
    Map<String, LoxFunction> byName = new HashMap<>();
    for (LoxFunction fn : functions(link(source))) {
      byName.put(fn.name == null ? "script" : fn.name.toString(), fn);
    }
    // What running the calls on one instance leaves in the sites' caches.
    LoxInstance instance = new LoxInstance(new LoxClass(LoxString.of("C")));
    instance.addField(LoxString.of("v"));
    instance.addField(LoxString.of("on"));
    LoxFunction use = byName.get("use");
    Map<String, Integer> sites = new HashMap<>();
    for (int at = 0; at < use.code.length; at += Instructions.length(use.code, at, use.constRefs)) {
      if (use.code[at] == OpCode.INVOKE.code()) {
        String name = use.constRefs[use.code[at + 1] & 0xff].toString();
        sites.putIfAbsent(name, at);
        Closure method = new Closure(byName.get(name));
        use.caches[at] = new PropertyCache(instance.shape, -1, method, null, null);
      }
    }
    PropertyCache[] inlined = Translator.inlineTargets(use);
    for (String name : List.of("get", "set", "flip", "nothing", "same")) {
      assertNotNull(inlined[sites.get(name)], name + " runs in place");
    }
    // An operator that can fail, and a field the shape lacks: calls, of the method the site has
    // seen, which the code holds as a constant.
    PropertyCache[] embedded = Translator.embeddedEntries(use);
    for (String name : List.of("add", "missing")) {
      assertNull(inlined[sites.get(name)], name + " is called");
      assertSame(use.caches[sites.get(name)], embedded[sites.get(name)], name + " is known");
    }
    // A site that has seen two shapes, or none: a call as before.
    LoxInstance other = new LoxInstance(new LoxClass(LoxString.of("D")));
    int getAt = sites.get("get");
    use.caches[getAt] = new PropertyCache(
        other.shape, -1, new Closure(byName.get("get")), null, use.caches[getAt]);
    assertNull(Translator.inlineTargets(use)[getAt]);
    assertNull(Translator.embeddedEntries(use)[getAt], "a site of two shapes looks them up");
    use.caches[getAt] = null;
    assertNull(Translator.inlineTargets(use)[getAt]);

    use.caches[getAt] = new PropertyCache(instance.shape, -1, new Closure(byName.get("get")), null, null);
    Translator.Output output = Translator.translate(use, "dev/lox/jit/Lox$use");
    assertNotNull(output);
    List<String> problems = new ArrayList<>();
    check("use", output, supportMethods(), problems);
    assertEquals(List.of(), problems);
    assertTrue(output.classData().contains(instance.shape), "the shape is a constant of the class");
    assertTrue(output.classData().contains(use.caches[sites.get("add")].method),
        "a method called directly is a constant of the class");

    // A callee compiled before its caller is translated: its code is a constant too, called
    // with no check that it has some, and the class still verifies.
    CompiledCode addCode = new CompiledCode() {
      @Override
      public void run(Object vm, Closure closure, int base, int fc, int entry) {}
    };
    LoxFunction add = use.caches[sites.get("add")].method.function;
    assertNull(add.compiled);
    add.compiled = addCode;
    Translator.Output bound = Translator.translate(use, "dev/lox/jit/Lox$use");
    assertNotNull(bound);
    check("use", bound, supportMethods(), problems);
    assertEquals(List.of(), problems);
    assertTrue(bound.classData().contains(addCode), "compiled code called directly is a constant");
  }

  @Test
  void propertySitesOfOneSharedShapeUseTheFieldsSlotAndTheirCodeVerifies() {
    String source = "fun use(p) { p.x = p.y; return p.x; }\n";
    LoxFunction use = functions(link(source)).stream()
        .filter(fn -> fn.name != null).findFirst().orElseThrow();
    LoxInstance instance = new LoxInstance(new LoxClass(LoxString.of("P")));
    instance.addField(LoxString.of("y"));
    instance.addField(LoxString.of("x"));
    List<Integer> sites = new ArrayList<>();
    for (int at = 0; at < use.code.length; at += Instructions.length(use.code, at, use.constRefs)) {
      OpCode op = OpCode.of(use.code[at]);
      if (op == OpCode.GET_PROPERTY || op == OpCode.GET_LOCAL_PROPERTY
          || op == OpCode.SET_PROPERTY || op == OpCode.SET_PROPERTY_POP) {
        String name = use.constRefs[use.code[at + (op == OpCode.GET_LOCAL_PROPERTY ? 2 : 1)] & 0xff]
            .toString();
        use.caches[at] = new PropertyCache(
            instance.shape, instance.shape.indexOf(LoxString.of(name)), null, null, null);
        sites.add(at);
      }
    }
    assertEquals(3, sites.size(), "sites at " + sites);
    for (int at : sites) {
      assertNotNull(Translator.fieldTargets(use)[at], "a site at " + at + " uses the slot");
    }
    Translator.Output output = Translator.translate(use, "dev/lox/jit/Lox$use");
    List<String> problems = new ArrayList<>();
    check("use", output, supportMethods(), problems);
    assertEquals(List.of(), problems);
    assertTrue(output.classData().contains(instance.shape), "the shape is a constant of the class");
    // Two shapes seen, or a method found: the cached path as before.
    int first = sites.get(0);
    LoxInstance other = new LoxInstance(new LoxClass(LoxString.of("Q")));
    use.caches[first] = new PropertyCache(other.shape, 0, null, null, use.caches[first]);
    assertNull(Translator.fieldTargets(use)[first]);
    use.caches[first] = new PropertyCache(instance.shape, -1, null, null, null);
    assertNull(Translator.fieldTargets(use)[first]);
  }

  @Test
  void superCallsOfShortMethodsRunInPlaceForTheReceiverShapeTheMethodHasSeen() {
    String source = "class Base { flip() { this.on = !this.on; } }\n"
        + "class Sub < Base { step() { this.n = this.n + 1; super.flip(); return this.n; } }\n";
    Map<String, LoxFunction> byName = new HashMap<>();
    for (LoxFunction fn : functions(link(source))) {
      byName.put(fn.name == null ? "script" : fn.name.toString(), fn);
    }
    LoxClass base = new LoxClass(LoxString.of("Base"));
    LoxInstance instance = new LoxInstance(new LoxClass(LoxString.of("Sub")));
    instance.addField(LoxString.of("n"));
    instance.addField(LoxString.of("on"));
    LoxFunction step = byName.get("step");
    int superAt = -1;
    for (int at = 0; at < step.code.length;
        at += Instructions.length(step.code, at, step.constRefs)) {
      if (step.code[at] == OpCode.GET_LOCAL_PROPERTY.code()) {
        step.caches[at] = new PropertyCache(instance.shape, 0, null, null, null);
      } else if (step.code[at] == OpCode.SUPER_INVOKE.code()) {
        superAt = at;
      }
    }
    // No superclass seen yet: a call.
    assertNull(Translator.inlineTargets(step)[superAt]);
    step.caches[superAt] = new PropertyCache(
        base.rootShape(), -1, new Closure(byName.get("flip")), null, null);
    PropertyCache inlined = Translator.inlineTargets(step)[superAt];
    assertNotNull(inlined);
    assertSame(instance.shape, inlined.shape);

    Translator.Output output = Translator.translate(step, "dev/lox/jit/Lox$step");
    assertNotNull(output);
    List<String> problems = new ArrayList<>();
    check("step", output, supportMethods(), problems);
    assertEquals(List.of(), problems);
    assertTrue(output.classData().contains(base), "the superclass is a constant of the class");
  }

  private static Translator.Key key(Map<String, LoxFunction> functions, String name) {
    return Translator.keyOf(functions.get(name), 0);
  }

  /**
   * Checks a translated class as the JVM would (ASM's CheckClassAdapter with its data-flow
   * verifier, then the JVM's verifier by loading it), that its methods stay under HotSpot's
   * compile limit, and that every support method it calls exists with that signature.
   */
  private void check(
      String where, Translator.Output output, Set<String> supportMethods, List<String> problems) {
    if (output.codeSize() > Translator.METHOD_SIZE_LIMIT) {
      problems.add(where + ": a method of " + output.codeSize() + " bytes");
    }
    StringWriter report = new StringWriter();
    CheckClassAdapter.verify(
        new ClassReader(output.bytes()), getClass().getClassLoader(), false, new PrintWriter(report));
    if (!report.toString().isEmpty()) {
      problems.add(where + ": " + report);
    }
    // The JVM's own verifier, which also checks the stack map frames the translator writes
    // (a class it refused would leave the function interpreted, and every output the same).
    try {
      MethodHandles.lookup().defineHiddenClassWithClassData(
          output.bytes(), output.classData(), true);
    } catch (LinkageError e) {
      problems.add(where + ": the JVM refuses it: " + e);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    for (String call : supportCalls(output.bytes())) {
      if (!supportMethods.contains(call)) {
        problems.add(where + ": calls missing CompiledSupport." + call);
      }
    }
  }

  /** Where the loops of {@code fn} start (the targets of its LOOP instructions), in order. */
  private static List<Integer> loopStarts(LoxFunction fn) {
    Set<Integer> starts = new TreeSet<>();
    for (int at = 0; at < fn.code.length; at += Instructions.length(fn.code, at, fn.constRefs)) {
      if (fn.code[at] == OpCode.LOOP.code()) {
        starts.add(Instructions.jumpTarget(fn.code, at));
      }
    }
    return new ArrayList<>(starts);
  }

  /** The script of {@code source}, compiled and linked into a VM of its own. */
  private static LoxFunction link(String source) {
    CompileResult compiled = Lox.compile(source.getBytes());
    VM vm = new VM(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    return vm.link(compiled.script().function());
  }

  private static List<Path> programs() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : ROOTS) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          files.addAll(walk.filter(p -> p.toString().endsWith(".lox")).sorted().collect(Collectors.toList()));
        }
      }
    }
    return files;
  }

  private static List<LoxFunction> functions(LoxFunction script) {
    List<LoxFunction> all = new ArrayList<>();
    Deque<LoxFunction> pending = new ArrayDeque<>(List.of(script));
    while (!pending.isEmpty()) {
      LoxFunction fn = pending.pop();
      all.add(fn);
      for (Object constant : fn.constRefs) {
        if (constant instanceof LoxFunction nested) {
          pending.push(nested);
        }
      }
    }
    return all;
  }

  /**
   * What the VM does before it has a function compiled: finds its globals' cells. Every other one
   * is defined already, as globals that a running program has defined are (code that uses those
   * need not check them).
   */
  private static void findGlobalCells(LoxFunction fn) {
    for (int index : globalConstants(fn)) {
      GlobalCell cell = new GlobalCell((LoxString) fn.constRefs[index]);
      if (index % 2 == 0) {
        cell.ref = Nil.NIL;
      }
      fn.globals[index] = cell;
    }
  }

  /** The constants that name the globals {@code fn} uses, once for each use. */
  private static List<Integer> globalConstants(LoxFunction fn) {
    List<Integer> indexes = new ArrayList<>();
    for (int at = 0; at < fn.code.length; at += Instructions.length(fn.code, at, fn.constRefs)) {
      if (OpCode.of(fn.code[at]).namesGlobal()) {
        indexes.add(fn.code[at + 1] & 0xff);
      }
    }
    return indexes;
  }

  /** name + descriptor of every static method of CompiledSupport. */
  private static Set<String> supportMethods() {
    Set<String> methods = new HashSet<>();
    try {
      for (Method m : Class.forName("dev.lox.vm.CompiledSupport").getDeclaredMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          methods.add(m.getName() + Type.getMethodDescriptor(m));
        }
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    return methods;
  }

  private static List<String> supportCalls(byte[] bytes) {
    List<String> calls = new ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int op, String owner, String method, String d, boolean itf) {
            if (owner.equals("dev/lox/vm/CompiledSupport")) {
              calls.add(method + d);
            }
          }
        };
      }
    }, 0);
    return calls;
  }
}
