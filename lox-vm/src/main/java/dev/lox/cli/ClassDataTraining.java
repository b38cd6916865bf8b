package dev.lox.cli;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The extra work of the one run that writes bin/lox's class-data archive: the archive holds the
 * classes that run loaded, so it also compiles a small program with every function translated,
 * and the compiling tier's classes (ASM's among them) come from the archive in later runs too,
 * whatever program wrote it. It runs after the program, with its output discarded, and never
 * changes the program's output or exit code.
 */
final class ClassDataTraining {
  /** Set by the launcher on the run that writes the archive. */
  static final String PROPERTY = "lox.cds.training";

  static final String PROGRAM = """
      class Shape {
        init(name) { this.name = name; this.count = 0; }
        area() { return 0; }
        describe() { return this.name; }
      }
      class Square < Shape {
        init(side) { super.init("square"); this.side = side; }
        area() { return this.side * this.side; }
        describe() { return "a " + super.describe(); }
      }
      fun counter() {
        var n = 0;
        fun next() { n = n + 1; return n; }
        return next;
      }
      var next = counter();
      var total = 0;
      for (var i = 0; i < 3; i = i + 1) {
        var s = Square(i);
        total = total + s.area() - i / 2;
        if (!(total > 100) and total >= 0 or nil == false) print s.describe();
        while (next() < 2) total = -total;
      }
      print total;
      """;

  private ClassDataTraining() {}

  /** Trains when the launcher asked for it; any failure only makes the archive smaller. */
  static void runIfRequested() {
    if (!Boolean.getBoolean(PROPERTY)) {
      return;
    }
    try {
      OutputStream discard = OutputStream.nullOutputStream();
      new Lox(discard, discard, JitMode.ALWAYS)
          .interpret(PROGRAM.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException | LinkageError e) {
      // The program's run is over and reported; a smaller archive is the only cost.
    }
  }
}
