package dev.lox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Independent {@link Lox} instances running at once on many threads must each behave exactly as
 * one instance alone does; and one compiled {@link Script} may run on many instances at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {
  private static final int THREADS = 16;

  private static final String FIB = String.join("\n",
      "fun fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }",
      "for (var i = 0; i < 20; i = i + 1) print fib(i);",
      "print fib(18);");

  private static final String CLASSES = String.join("\n",
      "class Shape { init(name) { this.name = name; } area() { return 0; }",
      "  describe() { return this.name + \" \" + this.size(); }",
      "  size() { var a = this.area(); if (a > 100) return \"big\"; return \"small\"; } }",
      "class Rect < Shape { init(w, h) { super.init(\"rect\"); this.w = w; this.h = h; }",
      "  area() { return this.w * this.h; } }",
      "class Square < Rect { init(s) { super.init(s, s); this.name = \"square\"; } }",
      "class Circle < Shape { init(r) { super.init(\"circle\"); this.r = r; }",
      "  area() { return 3.14159 * this.r * this.r; } }",
      "var total = 0;",
      "var which = 0;",
      "for (var i = 0; i < 3000; i = i + 1) {",
      "  var s;",
      "  if (which == 0) s = Rect(i / 100, 7); else s = Circle(i / 1000);",
      "  which = which + 1; if (which == 3) which = 0;",
      "  total = total + s.area();",
      "  if (i == 1500 or i == 1501) print s.describe();",
      "}",
      "print total;",
      "print Square(12).describe();",
      "var m = Square(3).area; print m();");

  private static final String STRINGS = String.join("\n",
      "var s = \"\";",
      "for (var i = 0; i < 400; i = i + 1) {",
      "  s = s + \"x\";",
      "  if (s == \"xxxxxxxxxx\") print \"ten\";",
      "}",
      "var words = \"caf\u00e9\";",
      "for (var j = 0; j < 5; j = j + 1) { words = words + \" \" + words; }",
      "print words;",
      "var a = \"ab\"; var b = \"a\" + \"b\"; print a == b;",
      "print s == s + \"\";");

  private static final String CLOSURES = String.join("\n",
      "fun counter() { var n = 0; fun inc() { n = n + 1; return n; } return inc; }",
      "fun compose(f, g) { fun h(x) { return f(g(x)); } return h; }",
      "fun adder(k) { fun add(x) { return x + k; } return add; }",
      "var c = counter();",
      "var f = adder(0);",
      "for (var i = 0; i < 200; i = i + 1) { f = compose(f, adder(1)); c(); }",
      "print f(0); print c();",
      "var fns = nil;",
      "{ var a = 1; fun getA() { return a; } fns = getA; a = 2; }",
      "print fns();",
      "fun make() { var x = \"x\"; fun get() { return x; } fun set(v) { x = v; } set(\"y\"); return get; }",
      "print make()();");

  private static final List<String> PROGRAMS = List.of(FIB, CLASSES, STRINGS, CLOSURES);

  private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private record Output(byte[] out, byte[] err, Status status) {}

  private static Output runAlone(Script script) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err);
    Status status = lox.run(script).status();
    lox.flush();
    return new Output(out.toByteArray(), err.toByteArray(), status);
  }

  private static Output interpretAlone(String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err);
    Status status = lox.interpret(source.getBytes(StandardCharsets.UTF_8)).status();
    lox.flush();
    return new Output(out.toByteArray(), err.toByteArray(), status);
  }

  private static void assertSame(Output expected, Output actual, String what) {
    assertEquals(expected.status(), actual.status(), what);
    assertArrayEquals(expected.err(), actual.err(), what + " stderr");
    assertArrayEquals(expected.out(), actual.out(), () -> what + " stdout:\n"
        + new String(actual.out(), StandardCharsets.UTF_8));
  }

  private <T> List<T> all(List<Callable<T>> tasks) throws Exception {
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(executor.submit(task));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(100, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void programsAreDeterministicAlone() {
    for (String program : PROGRAMS) {
      Output first = interpretAlone(program);
      assertEquals(Status.OK, first.status(), new String(first.err(), StandardCharsets.UTF_8));
      assertTrue(first.out().length > 0);
      assertSame(first, interpretAlone(program), program);
    }
  }

  @Test
  void manyInstancesOnManyThreads() throws Exception {
    List<Output> expected = PROGRAMS.stream().map(ConcurrencyTest::interpretAlone).toList();
    int rounds = 4;
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Callable<List<Output>>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      tasks.add(() -> {
        start.await(30, TimeUnit.SECONDS);
        List<Output> outputs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          for (int p = 0; p < PROGRAMS.size(); p++) {
            outputs.add(interpretAlone(PROGRAMS.get((p + offset) % PROGRAMS.size())));
          }
        }
        return outputs;
      });
    }
    List<List<Output>> results = all(tasks);
    for (int t = 0; t < THREADS; t++) {
      List<Output> outputs = results.get(t);
      for (int i = 0; i < outputs.size(); i++) {
        int p = (i % PROGRAMS.size() + t) % PROGRAMS.size();
        assertSame(expected.get(p), outputs.get(i), "thread " + t + " run " + i + " program " + p);
      }
    }
  }

  @Test
  void oneInstancePerThreadRunningRepeatedlyWithReplGlobals() throws Exception {
    List<Callable<String>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      tasks.add(() -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Lox lox = new Lox(out, new ByteArrayOutputStream());
        lox.interpret(("var id = " + id + "; var sum = 0;").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 200; i++) {
          lox.interpret("sum = sum + id + 1;".getBytes(StandardCharsets.UTF_8));
        }
        lox.interpret("print sum;".getBytes(StandardCharsets.UTF_8));
        lox.flush();
        return out.toString(StandardCharsets.UTF_8);
      });
    }
    List<String> results = all(tasks);
    for (int t = 0; t < THREADS; t++) {
      assertEquals((200 * (t + 1)) + "\n", results.get(t), "thread " + t);
    }
  }

  @Test
  void oneScriptOnManyInstancesAtOnce() throws Exception {
    for (String program : PROGRAMS) {
      Script script = Lox.compile(program.getBytes(StandardCharsets.UTF_8)).script();
      Output expected = runAlone(script);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Callable<List<Output>>> tasks = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        tasks.add(() -> {
          start.await(30, TimeUnit.SECONDS);
          List<Output> outputs = new ArrayList<>();
          for (int r = 0; r < 3; r++) {
            outputs.add(runAlone(script));
          }
          return outputs;
        });
      }
      for (List<Output> outputs : all(tasks)) {
        for (Output output : outputs) {
          assertSame(expected, output, program);
        }
      }
      // The shared script still runs the same afterwards.
      assertSame(expected, runAlone(script), program);
    }
  }

  @Test
  void compilingConcurrently() throws Exception {
    // Sources over 1 KB are compiled on a thread of their own; compile many at once.
    String big = CLASSES + "\n" + "print " + "(".repeat(5_000) + "1" + ")".repeat(5_000) + ";";
    byte[] source = big.getBytes(StandardCharsets.UTF_8);
    Output expected = interpretAlone(big);
    assertEquals(Status.OK, expected.status());
    List<Callable<Output>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS * 2; t++) {
      tasks.add(() -> runAlone(Lox.compile(source).script()));
    }
    for (Output output : all(tasks)) {
      assertSame(expected, output, "compiled concurrently");
    }
  }

  @Test
  void runtimeErrorsOnManyThreads() throws Exception {
    String program = "fun f(n) { if (n == 0) return nil + 1; return f(n - 1); }\nprint \"go\";\nf(3);";
    Output expected = interpretAlone(program);
    assertEquals(Status.RUNTIME_ERROR, expected.status());
    List<Callable<Output>> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS * 4; t++) {
      tasks.add(() -> interpretAlone(program));
    }
    for (Output output : all(tasks)) {
      assertSame(expected, output, "runtime error");
    }
  }
}
