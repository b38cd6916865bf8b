package dev.lox.cli;

import dev.lox.api.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program that bin/lox's class-data archive is written from (the launcher runs it once per
 * jar and JDK, before the first Lox program): it runs a small Lox program from a file the way
 * {@code lox} does, with every function compiled and then as by default, so the archive holds the
 * classes of the command line, the compiler, the VM and the compiling tier, ASM's among them. Not those of {@code loxc}
 * and chunk files: each class in the archive costs every run resident memory (theirs made a
 * one-line program take 0.8 MB more).
 *
 * <p>A fixed program rather than the user's first one, because the archive also keeps state
 * of the run that wrote it: with the same classes in it, an archive written by running the
 * {@code method_call} benchmark made later runs of it take 0.83 s, against 0.28 s with one written
 * by this program ({@code zoo} 0.52 s against 0.39 s; medians of 5). With one training program,
 * every user gets the same archive.
 */
public final class ClassDataTraining {
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
        var area = s.area;
        total = total + area() - i / 2;
        if (!(total > 100) and total >= 0 or nil == false) print s.describe();
        while (next() < 2) total = -total;
      }
      class Toggle {
        init() { this.on = false; this.count = 0; }
        flip() { this.on = !this.on; return this; }
        get() { return this.on; }
      }
      class Every < Toggle {
        step() {
          this.count = this.count + 1;
          if (this.count >= 3) { super.flip(); this.count = 0; }
          return this;
        }
      }
      var every = Every();
      var flips = 0;
      for (var round = 0; round < 300; round = round + 1) {
        if (every.flip().get()) flips = flips + 1;
        if (every.step().get()) flips = flips + 1;
      }
      var rounds = 0;
      while (rounds < 300) rounds = rounds + 1;
      print total + rounds + flips;
      """;

  private ClassDataTraining() {}

  /**
   * Usage: {@code ClassDataTraining DIR}. Writes the program into DIR (a new directory in the
   * build's own), runs it, and deletes them both; prints nothing.
   * Exit 0 when the program ran as it should, 70 otherwise (the launcher then keeps no archive).
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path source = dir.resolve("training.lox");
    OutputStream discard = OutputStream.nullOutputStream();
    InputStream nothing = InputStream.nullInputStream();
    int status;
    try {
      Files.createDirectories(dir);
      Files.writeString(source, PROGRAM, StandardCharsets.UTF_8);
      // Every function compiled before it runs, then as by default: the script moves into
      // compiled code at each of its last two loops, translated from there on, the first with
      // calls that run in place and one of a method it knows.
      status = LoxMain.run(new String[] {"--jit=always", source.toString()}, nothing, discard, discard);
      if (status == ExitCodes.OK) {
        status = LoxMain.run(new String[] {source.toString()}, nothing, discard, discard);
      }
    } finally {
      Files.deleteIfExists(source);
      Files.deleteIfExists(dir);
    }
    System.exit(status == ExitCodes.OK ? ExitCodes.OK : ExitCodes.SOFTWARE);
  }
}
