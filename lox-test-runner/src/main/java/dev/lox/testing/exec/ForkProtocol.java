package dev.lox.testing.exec;

import dev.lox.testing.exec.Execution.Ending;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The lines a {@link ForkedExecutor} and its child JVM ({@link ForkedExecutorMain}) exchange: one
 * line per message, words separated by blanks, anything that could hold a blank or a line break
 * (paths, sources, output) in Base64. The parent sends {@code SETUP} once, then {@code RUN}s; the
 * child answers each {@code RUN} with a {@code DONE} of the same id, in any order.
 */
final class ForkProtocol {
  static final String SETUP = "SETUP";
  static final String RUN = "RUN";
  static final String DONE = "DONE";

  private ForkProtocol() {}

  /** {@code SETUP jit maxOutput jobs library...}: how the child runs every program. */
  static String setup(String jit, int maxOutput, int jobs, List<String> libraries) {
    StringBuilder line = new StringBuilder(SETUP)
        .append(' ').append(jit).append(' ').append(maxOutput).append(' ').append(jobs);
    libraries.forEach(library -> line.append(' ').append(text(library)));
    return line.toString();
  }

  /** {@code RUN id timeoutNanos path source}. */
  static String run(long id, Duration timeout, String path, byte[] source) {
    return RUN + " " + id + " " + timeout.toNanos() + " " + text(path) + " " + bytes(source);
  }

  /** {@code DONE id ending exitCode elapsedNanos stdout stderr detail}. */
  static String done(long id, Execution execution) {
    return DONE + " " + id + " " + execution.ending() + " " + execution.exitCode() + " "
        + execution.elapsed().toNanos() + " " + bytes(execution.stdout()) + " "
        + bytes(execution.stderr()) + " " + text(execution.detail());
  }

  /** The words of a message; an empty word (Base64 of nothing) is kept as such. */
  static String[] words(String line) {
    return line.split(" ", -1);
  }

  static Execution execution(String[] done) {
    return new Execution(
        decode(done[5]),
        decode(done[6]),
        Integer.parseInt(done[3]),
        Ending.valueOf(done[2]),
        Duration.ofNanos(Long.parseLong(done[4])),
        new String(decode(done[7]), StandardCharsets.UTF_8));
  }

  static List<String> texts(String[] words, int from) {
    List<String> texts = new ArrayList<>();
    for (int i = from; i < words.length; i++) {
      texts.add(new String(decode(words[i]), StandardCharsets.UTF_8));
    }
    return texts;
  }

  static String text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  static String bytes(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] decode(String word) {
    return Base64.getDecoder().decode(word);
  }
}
