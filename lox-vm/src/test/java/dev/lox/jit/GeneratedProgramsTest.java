package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the compiling tier: generated programs whose long loop bodies are cut into
 * pieces, with early returns, nested loops, short-circuit operators across calls, method calls and
 * closures, must print the same and end the same compiled as interpreted. The seeds are fixed, so
 * a failure names a program that can be printed and run again.
 */
class GeneratedProgramsTest {
  private static final int PROGRAMS = 60;

  @Test
  void compiledCodeBehavesAsTheInterpreterOnGeneratedPrograms() {
    int withPieces = 0;
    for (int seed = 1; seed <= PROGRAMS; seed++) {
      String source = new Generator(new Random(seed)).program();
      ModeRuns.sameInEveryMode(source, "seed " + seed);
      withPieces += source.lines().filter(line -> line.contains("id(")).count() > 8 ? 1 : 0;
    }
    // The generator is only worth its time if most bodies are long enough to be cut.
    assertTrue(withPieces > PROGRAMS / 2, "programs with long bodies: " + withPieces);
  }

  /** Random statements and expressions over a few locals, globals, a class and a closure. */
  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    String program() {
      StringBuilder source = new StringBuilder();
      source.append("fun id(x) { return x; }\n");
      source.append("fun add(x, y) { if (x == nil or y == nil) return 0;"
          + " if (x == true or x == false or y == true or y == false) return 1; return x + y; }\n");
      source.append("class O { get(x) { return x; } }\nvar o = O();\n");
      source.append("fun work(n) {\n  var a = 1; var b = 2; var total = 0;\n");
      source.append("  for (var i = 0; i < n; i = i + 1) {\n");
      int statements = 8 + random.nextInt(18);
      for (int k = 0; k < statements; k++) {
        source.append("    ").append(statement(0)).append('\n');
      }
      source.append("  }\n  return total;\n}\n");
      source.append("print work(").append(300 + random.nextInt(2700)).append(");\n");
      source.append("print work(3);\n");
      return source.toString();
    }

    private String statement(int depth) {
      switch (random.nextInt(depth < 2 ? 10 : 6)) {
        case 0, 1, 2:
          return "a = " + expression(0) + ";";
        case 3:
          return "b = " + expression(0) + ";";
        case 4:
          return "total = total + id(1);";
        case 5:
          return "if (" + expression(0) + ") total = total + 1; else b = id(b);";
        case 6:
          return "{ var k = " + expression(0) + "; total = total + 1; a = k; }";
        case 7:
          return "for (var j = 0; j < 3; j = j + 1) { " + statement(depth + 1) + " "
              + statement(depth + 1) + " }";
        case 8:
          return "if (i == " + random.nextInt(400) + ") return total;";
        default:
          return "{ var c = i; fun f() { return c + 1; } total = total + f() - c; }";
      }
    }

    private String expression(int depth) {
      switch (random.nextInt(depth < 2 ? 10 : 5)) {
        case 0, 1:
          return Integer.toString(random.nextInt(10));
        case 2:
          return new String[] {"a", "b", "i"}[random.nextInt(3)];
        case 3:
          return "id(" + expression(depth + 1) + ")";
        case 4:
          return "add(" + expression(depth + 1) + ", " + expression(depth + 1) + ")";
        case 5:
          return "(" + expression(depth + 1) + " " + new String[] {"+", "-", "*"}[random.nextInt(3)]
              + " " + expression(depth + 1) + ")";
        case 6:
          return "(" + expression(depth + 1) + " and " + expression(depth + 1) + ")";
        case 7:
          return "(" + expression(depth + 1) + " or " + expression(depth + 1) + ")";
        case 8:
          return "o.get(" + expression(depth + 1) + ")";
        default:
          return "(" + expression(depth + 1) + " < " + expression(depth + 1) + ")";
      }
    }
  }
}
