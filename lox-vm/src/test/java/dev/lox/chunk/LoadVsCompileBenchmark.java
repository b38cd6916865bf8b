package dev.lox.chunk;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measures loading a chunk file against compiling its source, for a generated program of about
 * 50,000 lines. Not a test: it asserts nothing. Run after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp lox-vm/target/classes:lox-vm/target/test-classes dev.lox.chunk.LoadVsCompileBenchmark [DIR]
 * </pre>
 *
 * Writes {@code big.lox} and {@code big.loxc} to DIR (default {@code lox-vm/target/bench}), for
 * timing {@code bin/lox} on each as well.
 */
public final class LoadVsCompileBenchmark {
  private LoadVsCompileBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "lox-vm/target/bench");
    Files.createDirectories(dir);
    byte[] source = program(42, 25).getBytes(StandardCharsets.UTF_8);
    long lines = new String(source, StandardCharsets.UTF_8).lines().count();

    // Cold: the first call of each in this JVM, as a one-off `lox FILE` run sees it.
    long t0 = System.nanoTime();
    CompileResult compiled = Lox.compile(source);
    long coldCompile = System.nanoTime() - t0;
    if (!compiled.succeeded()) {
      throw new IllegalStateException(compiled.errors().toString());
    }
    byte[] chunk = compiled.script().toBytes();
    t0 = System.nanoTime();
    LoadResult loaded = Lox.load(chunk);
    long coldLoad = System.nanoTime() - t0;
    if (!loaded.succeeded()) {
      throw new IllegalStateException(loaded.problems().toString());
    }
    Files.write(dir.resolve("big.lox"), source);
    Files.write(dir.resolve("big.loxc"), chunk);

    int rounds = 15;
    long[] compile = new long[rounds];
    long[] load = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      t0 = System.nanoTime();
      Lox.compile(source);
      compile[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      Lox.load(chunk);
      load[i] = System.nanoTime() - t0;
    }
    System.out.printf("program: %,d lines, %,d bytes of source; chunk file %,d bytes%n",
        lines, source.length, chunk.length);
    System.out.printf("first call:  compile %7.1f ms   load (read + verify) %7.1f ms%n",
        coldCompile / 1e6, coldLoad / 1e6);
    System.out.printf("warm median: compile %7.1f ms   load (read + verify) %7.1f ms   (%d rounds)%n",
        median(compile) / 1e6, median(load) / 1e6, rounds);
    System.out.println("files: " + dir.resolve("big.lox") + ", " + dir.resolve("big.loxc"));
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * {@code groups} top-level functions, each holding {@code perGroup} local functions and a class
   * of about 48 lines each, called once so that running the program is quick.
   */
  static String program(int groups, int perGroup) {
    StringBuilder s = new StringBuilder();
    s.append("var total = 0;\n");
    for (int g = 0; g < groups; g++) {
      s.append("fun group").append(g).append("() {\n");
      for (int f = 0; f < perGroup; f++) {
        String name = "f" + g + "_" + f;
        s.append("  fun ").append(name).append("(a, b) {\n");
        s.append("    var x = a + b * ").append(f).append(";\n");
        s.append("    var label = \"").append(name).append("\";\n");
        for (int k = 0; k < 8; k++) {
          s.append("    if (x > ").append(k * 3).append(" and b != nil) {\n");
          s.append("      x = x - ").append(k).append(" / 2;\n");
          s.append("    } else {\n");
          s.append("      x = x + ").append(k + 1).append(";\n");
          s.append("    }\n");
        }
        s.append("    for (var i = 0; i < 3; i = i + 1) { x = x + i; }\n");
        s.append("    return x;\n");
        s.append("  }\n");
      }
      s.append("  class K").append(g).append(" {\n");
      s.append("    init(n) { this.n = n; }\n");
      s.append("    get() { return this.n + ").append(g).append("; }\n");
      s.append("  }\n");
      s.append("  var sum = K").append(g).append("(").append(g).append(").get();\n");
      for (int f = 0; f < perGroup; f++) {
        s.append("  sum = sum + f").append(g).append("_").append(f).append("(").append(f)
            .append(", 2);\n");
      }
      s.append("  return sum;\n");
      s.append("}\n");
      s.append("total = total + group").append(g).append("();\n");
    }
    s.append("print total;\n");
    return s.toString();
  }
}
