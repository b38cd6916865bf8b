package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code loxc} command, run in-process. */
class LoxcMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int loxc(String... args) {
    return LoxcMain.run(args, out, err);
  }

  private String out() {
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private String err() {
    return err.toString(StandardCharsets.ISO_8859_1);
  }

  private String file(String name, String source) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, source, StandardCharsets.UTF_8);
    return path.toString();
  }

  private static final String PROGRAM = String.join("\n",
      "var greeting = \"hi\";",
      "fun outer(a) {",
      "  fun inner(b) { return a + b; }",
      "  return inner;",
      "}",
      "class Greeter { greet() { print greeting; } }",
      "print outer(1)(2.5);",
      "Greeter().greet();",
      "");

  @Test
  void listsEveryFunction() throws IOException {
    assertEquals(0, loxc("-l", file("p.lox", PROGRAM)));
    String listing = out();
    assertEquals("", err());
    assertTrue(listing.startsWith("== <script> =="), listing);
    for (String header : new String[] {"== <script> ==", "== outer ==", "== inner ==", "== greet =="}) {
      assertTrue(listing.contains(header + "  ("), "missing header " + header + " in\n" + listing);
    }
    for (String op : new String[] {"OP_CONSTANT", "OP_DEFINE_GLOBAL", "OP_CLOSURE", "OP_CLASS",
        "OP_METHOD", "OP_CALL", "OP_INVOKE", "OP_PRINT", "OP_RETURN", "OP_GET_UPVALUE"}) {
      assertTrue(listing.contains(op), "missing " + op + " in\n" + listing);
    }
    // Constants are shown with their values, as clox's disassembler shows them.
    assertTrue(listing.contains("'hi'"), listing);
    assertTrue(listing.contains("'2.5'"), listing);
    assertTrue(listing.contains("'<fn outer>'"), listing);
    // Outermost first: each nested function after the one containing it.
    assertTrue(listing.indexOf("== outer ==") < listing.indexOf("== inner =="), listing);
  }

  @Test
  void listingLinesHaveOffsetsAndSourceLines() throws IOException {
    assertEquals(0, loxc("-l", file("p.lox", "print 1;\nprint 2;\n")));
    Matcher first = Pattern.compile("(?m)^0000 +1 OP_CONSTANT +0 '1'$").matcher(out());
    assertTrue(first.find(), out());
    assertTrue(Pattern.compile("(?m)^\\d{4} +2 OP_CONSTANT +\\d+ '2'$").matcher(out()).find(), out());
    assertTrue(Pattern.compile("(?m)^\\d{4} +\\| OP_PRINT$").matcher(out()).find(), out());
  }

  @Test
  void listingKeepsStringBytes() throws IOException {
    Path path = dir.resolve("bytes.lox");
    Files.write(path, new byte[] {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0xc3, (byte) 0xa9, (byte) 0xff,
        '"', ';'});
    assertEquals(0, loxc("-l", path.toString()));
    assertTrue(out().contains("'\u00c3\u00a9\u00ff'"), out());
  }

  @Test
  void checkingAloneWritesNothing() throws IOException {
    assertEquals(0, loxc(file("p.lox", PROGRAM)));
    assertEquals("", out());
    assertEquals("", err());
  }

  @Test
  void compileErrorsExit65() throws IOException {
    assertEquals(65, loxc("-l", file("bad.lox", "print 1;\nvar;\nprint 2 +;\n")));
    assertEquals("", out(), "no listing");
    assertEquals("[line 2] Error at ';': Expect variable name.\n"
        + "[line 3] Error at ';': Expect expression.\n", err());
  }

  @Test
  void missingFileExits74() {
    String missing = dir.resolve("nope.lox").toString();
    assertEquals(74, loxc("-l", missing));
    assertTrue(err().contains(missing), err());
  }

  @Test
  void usageErrorsExit64() throws IOException {
    assertEquals(64, loxc());
    assertTrue(err().startsWith("Usage: loxc"), err());
    String path = file("p.lox", "print 1;");
    assertEquals(64, loxc(path, path));
    assertEquals(64, loxc("-z", path));
  }

  @Test
  void anOutputThatIsTheInputIsRefusedAndTheSourceKept() throws IOException {
    String source = file("p.lox", "print 1;\n");
    Path hardLink = Files.createLink(dir.resolve("hard.lox"), Path.of(source));
    for (String output : new String[] {source, hardLink.toString()}) {
      err.reset();
      assertEquals(64, loxc("-o", output, source));
      assertEquals("loxc: output file \"" + output
          + "\" is the input file; it would be overwritten.\n", err());
      assertEquals("print 1;\n", Files.readString(Path.of(source)));
    }
  }

  @Test
  void helpAndVersion() {
    assertEquals(0, loxc("--help"));
    assertTrue(out().startsWith("Usage: loxc"), out());
    out.reset();
    assertEquals(0, loxc("--version"));
    assertTrue(out().matches("loxc \\S+\n"), out());
  }
}
