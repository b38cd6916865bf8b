package dev.lox.maven.compile;

import dev.lox.api.CompileError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A compile error and the source file it is in.
 *
 * @param source the {@code .lox} file
 * @param error the error, as lox-vm reports it
 */
public record SourceError(Path source, CompileError error) {
  /**
   * The line a build log shows: the file's path relative to {@code basedir} with {@code /}
   * separators, a colon, and the error as clox prints it, for example {@code
   * src/main/lox/lib/util.lox:[line 3] Error at 'x': Expect ';' after value.}
   */
  public String format(Path basedir) {
    return Paths.display(basedir, source) + ":" + text(error);
  }

  /**
   * The error without its line, for a marker in an IDE, which shows the line apart: {@code Error
   * at 'x': Expect ';' after value.}
   */
  public String description() {
    return utf8("Error" + error.location() + ": " + error.message());
  }

  /**
   * The error's text. lox-vm carries a lexeme's bytes one char per byte, so that it prints back
   * byte for byte; a log takes text, so they are read back as UTF-8 here.
   */
  static String text(CompileError error) {
    return utf8(error.toString());
  }

  private static String utf8(String bytesAsChars) {
    return new String(bytesAsChars.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
