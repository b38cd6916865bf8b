package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the compiling tier on generated programs of classes and calls: instances
 * whose fields change type, subclasses whose methods call their superclass's, functions with
 * closures that write captured parameters, numbers of every kind (infinities, NaN, negative zero),
 * hot loops around all of it, and now and then one runtime error at an arbitrary place. Compiled
 * and interpreted, each must print the same bytes and end the same way. The seeds are fixed, so a
 * failure names a program that can be printed and run again.
 */
class GeneratedObjectProgramsTest {
  private static final int PROGRAMS = 50;

  @Test
  void compiledCodeBehavesAsTheInterpreterOnGeneratedObjectPrograms() {
    int failed = 0;
    int superCalls = 0;
    for (int seed = 1; seed <= PROGRAMS; seed++) {
      String source = new Generator(new Random(seed)).program();
      ModeRuns.Run interpreted = ModeRuns.sameInEveryMode(source, "seed " + seed);
      failed += interpreted.exit() == 70 ? 1 : 0;
      superCalls += source.contains("super.") ? 1 : 0;
    }
    // The generator is only worth its time if most programs run to their end, some fail at run
    // time, and some call through super.
    assertTrue(failed > 0 && failed < PROGRAMS / 3, "programs ending in a runtime error: " + failed);
    assertTrue(superCalls > PROGRAMS / 4, "programs with super calls: " + superCalls);
  }

  /**
   * Numbers in variables and fields (so most programs run to the end), strings, booleans and
   * instances in prints and equality, and with probability 0.3 one value of the wrong type where
   * a number belongs.
   */
  private static final class Generator {
    private static final String[] NUMBERS = {"0", "1", "2", "3", "0.5", "-1", "10", "-0", "7.25",
        "100", "3.14159", "0.00001", "123456789", "100000000000000000000"};
    private static final String[] STRINGS = {"\"a\"", "\"bc\"", "\"\"", "\"x y\""};

    /** A class: its methods of numbers (name, arity), number fields, and short methods. */
    private record Klass(String name, List<String[]> methods, List<String> fields,
        String setter, String toggle, String flag) {}

    private record Instance(String name, Klass klass) {}

    private final Random random;
    private final StringBuilder source = new StringBuilder();
    private final List<String> functions = new ArrayList<>(); // "name/arity"
    private final List<Klass> classes = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private List<String> variables = new ArrayList<>();
    private boolean errorLeft;
    private int indent;
    private int names;

    Generator(Random random) {
      this.random = random;
      this.errorLeft = random.nextInt(10) < 3;
    }

    String program() {
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        function();
      }
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        klass();
      }
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        function();
      }
      for (int i = 4 + random.nextInt(7); i > 0; i--) {
        statement(0);
      }
      return source.toString();
    }

    private String fresh(String prefix) {
      return prefix + ++names;
    }

    private void line(String text) {
      source.append("  ".repeat(indent)).append(text).append('\n');
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] array) {
      return array[random.nextInt(array.length)];
    }

    private String number(int depth) {
      if (errorLeft && random.nextInt(50) == 0) {
        errorLeft = false;
        return pick(new String[] {"\"s\"", "nil", "true"});
      }
      int choice = depth > 2 ? 0 : random.nextInt(20);
      if (choice < 6) {
        return !variables.isEmpty() && random.nextBoolean() ? pick(variables) : pick(NUMBERS);
      }
      if (choice < 12) {
        return "(" + number(depth + 1) + " " + pick(new String[] {"+", "-", "*", "/"}) + " "
            + number(depth + 1) + ")";
      }
      if (choice < 13) {
        return "-" + number(depth + 1);
      }
      if (choice < 14) {
        return "(" + number(depth + 1) + " / " + pick(new String[] {"0", "-0", "3"}) + ")";
      }
      if (choice < 17 && !functions.isEmpty()) {
        String[] function = pick(functions).split("/");
        return function[0] + "(" + arguments(Integer.parseInt(function[1]), depth) + ")";
      }
      if (!instances.isEmpty()) {
        Instance instance = pick(instances);
        if (random.nextInt(5) < 3) {
          String[] method = pick(instance.klass().methods());
          return instance.name() + "." + method[0] + "("
              + arguments(Integer.parseInt(method[1]), depth) + ")";
        }
        return instance.name() + "." + pick(instance.klass().fields());
      }
      return pick(NUMBERS);
    }

    private String arguments(int count, int depth) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        values.add(number(depth + 1));
      }
      return String.join(", ", values);
    }

    private String condition(int depth) {
      int choice = depth > 2 ? 0 : random.nextInt(10);
      if (choice < 5) {
        return "(" + number(depth + 1) + " " + pick(new String[] {"<", "<=", ">", ">=", "==", "!="})
            + " " + number(depth + 1) + ")";
      }
      if (choice < 7) {
        return "(" + condition(depth + 1) + " " + pick(new String[] {"and", "or"}) + " "
            + condition(depth + 1) + ")";
      }
      if (choice < 8) {
        return "!" + condition(depth + 1);
      }
      if (choice < 9 && !instances.isEmpty()) {
        Instance instance = pick(instances);
        return instance.name() + "." + instance.klass().toggle() + "()." + instance.klass().flag();
      }
      return "(" + anything(depth + 1) + " == " + anything(depth + 1) + ")";
    }

    private String anything(int depth) {
      int choice = random.nextInt(20);
      if (choice < 10) {
        return number(depth);
      }
      if (choice < 14) {
        return "(" + pick(STRINGS) + " + " + pick(STRINGS) + ")";
      }
      if (choice < 17 && depth < 3) {
        return condition(depth);
      }
      if (choice < 19 && !instances.isEmpty()) {
        return pick(instances).name();
      }
      return pick(new String[] {"nil", "true", "false"});
    }

    private void statement(int depth) {
      int choice = depth > 2 ? 0 : random.nextInt(20);
      List<String> assignable = variables.stream().filter(v -> !v.startsWith("i")).toList();
      if (choice < 4) {
        line("print " + anything(0) + ";");
      } else if (choice < 7 && !assignable.isEmpty()) {
        line(pick(assignable) + " = " + number(0) + ";");
      } else if (choice < 9) {
        String name = fresh("v");
        line("var " + name + " = " + number(0) + ";");
        variables.add(name);
      } else if (choice < 14) {
        loop(depth);
      } else if (choice < 16) {
        line("if (" + condition(0) + ") {");
        block(depth + 1);
        line("} else {");
        block(depth + 1);
        line("}");
      } else if (choice < 17 && !instances.isEmpty()) {
        Instance instance = pick(instances);
        line(instance.name() + "." + pick(instance.klass().fields()) + " = " + number(0) + ";");
      } else if (choice < 18 && !instances.isEmpty()) {
        Instance instance = pick(instances);
        line(instance.name() + "." + instance.klass().setter() + "(" + number(0) + ");");
      } else {
        line("print " + number(0) + ";");
      }
    }

    private void block(int depth) {
      List<String> saved = new ArrayList<>(variables);
      indent++;
      for (int i = 1 + random.nextInt(2); i > 0; i--) {
        statement(depth);
      }
      indent--;
      variables = saved;
    }

    /** A counted loop, hot enough at the top level for the tier to enter it mid-run. */
    private void loop(int depth) {
      String index = fresh("i");
      String sum = fresh("sum");
      int rounds = depth == 0 ? pick(List.of(3, 150, 250)) : pick(List.of(3, 20));
      line("var " + sum + " = 0;");
      line("for (var " + index + " = 0; " + index + " < " + rounds + "; " + index + " = "
          + index + " + 1) {");
      List<String> saved = new ArrayList<>(variables);
      variables.add(index);
      variables.add(sum);
      indent++;
      String value = number(0);
      line(sum + " = " + sum + " + " + value + ";");
      if (!instances.isEmpty() && random.nextInt(10) < 3) {
        Instance instance = pick(instances);
        line(instance.name() + "." + instance.klass().setter() + "(" + number(0) + ");");
      }
      if (depth < 2 && random.nextInt(10) < 4) {
        block(depth + 1);
      }
      if (random.nextInt(10) < 3) {
        line("if (" + index + " == " + (rounds - 1) + ") print " + value + ";");
      }
      indent--;
      variables = saved;
      line("}");
      line("print " + sum + ";");
      variables.add(sum);
    }

    /** A function of up to 3 parameters, at times with a closure that writes one of them. */
    private void function() {
      String name = fresh("f");
      int arity = random.nextInt(4);
      List<String> parameters = new ArrayList<>();
      for (int i = 0; i < arity; i++) {
        parameters.add(fresh("p"));
      }
      line("fun " + name + "(" + String.join(", ", parameters) + ") {");
      List<String> saved = variables;
      variables = new ArrayList<>(saved);
      variables.addAll(parameters);
      indent++;
      if (arity > 0 && random.nextInt(10) < 4) {
        String inner = fresh("g");
        String captured = parameters.get(0);
        line("fun " + inner + "() { " + captured + " = " + captured + " + 1; return "
            + number(0) + "; }");
        line("var r" + inner + " = " + inner + "() + " + inner + "();");
        variables.add("r" + inner);
      }
      if (random.nextBoolean()) {
        line("if (" + condition(0) + ") return " + number(0) + ";");
      }
      line("return " + number(0) + ";");
      indent--;
      variables = saved;
      line("}");
      functions.add(name + "/" + arity);
    }

    /** A class, maybe a subclass whose methods call the superclass's, and one instance of it. */
    private void klass() {
      String name = fresh("C");
      Klass superclass = !classes.isEmpty() && random.nextBoolean() ? pick(classes) : null;
      List<String> fields = new ArrayList<>();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        fields.add(fresh("x"));
      }
      List<String> allFields = new ArrayList<>(fields);
      if (superclass != null) {
        allFields.addAll(superclass.fields());
      }
      line("class " + name + (superclass != null ? " < " + superclass.name() : "") + " {");
      indent++;
      String flag = fresh("flag");
      StringBuilder init = new StringBuilder("init() { ");
      if (superclass != null) {
        init.append("super.init(); ");
      }
      init.append("this.").append(flag).append(" = ").append(random.nextBoolean()).append("; ");
      for (String field : fields) {
        init.append("this.").append(field).append(" = ").append(pick(NUMBERS)).append("; ");
      }
      line(init.append('}').toString());
      List<String[]> methods = new ArrayList<>();
      // Short methods, which hot call sites run in place: a getter and a setter of a number,
      // and a toggle of a flag (its own field, never a number) that returns the instance.
      String accessed = pick(allFields);
      String getter = fresh("get");
      line(getter + "() { return this." + accessed + "; }");
      methods.add(new String[] {getter, "0"});
      String setter = fresh("set");
      line(setter + "(v) { this." + accessed + " = v; }");
      String toggle = fresh("flip");
      line(toggle + "() { this." + flag + " = !this." + flag + "; return this; }");
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        String method = fresh("m");
        int arity = random.nextInt(3);
        List<String> parameters = new ArrayList<>();
        for (int k = 0; k < arity; k++) {
          parameters.add(fresh("q"));
        }
        List<String> saved = variables;
        variables = new ArrayList<>(parameters);
        allFields.forEach(field -> variables.add("this." + field));
        String body = "this." + pick(allFields) + " = " + number(0) + "; return " + number(0) + ";";
        if (superclass != null && random.nextBoolean()) {
          String[] called = pick(superclass.methods());
          List<String> values = new ArrayList<>();
          for (int k = Integer.parseInt(called[1]); k > 0; k--) {
            values.add(pick(NUMBERS));
          }
          body = "var s = super." + called[0] + "(" + String.join(", ", values) + "); " + body;
        }
        line(method + "(" + String.join(", ", parameters) + ") { " + body + " }");
        variables = saved;
        methods.add(new String[] {method, Integer.toString(arity)});
      }
      indent--;
      line("}");
      if (superclass != null) {
        for (String[] inherited : superclass.methods()) {
          if (methods.stream().noneMatch(m -> m[0].equals(inherited[0]))) {
            methods.add(inherited);
          }
        }
      }
      Klass made = new Klass(name, methods, allFields, setter, toggle, flag);
      classes.add(made);
      String instance = fresh("o");
      line("var " + instance + " = " + name + "();");
      instances.add(new Instance(instance, made));
    }
  }
}
