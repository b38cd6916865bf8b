package dev.lox.testing;

import java.util.List;

/**
 * What bless mode did with one failing test.
 *
 * @param written whether the file was rewritten
 * @param changes for a rewritten file, one line per change
 * @param reason for a file left alone, why
 */
public record UpdateReport(boolean written, List<String> changes, String reason) {
  public UpdateReport {
    changes = List.copyOf(changes);
  }

  static UpdateReport written(List<String> changes) {
    return new UpdateReport(true, changes, "");
  }

  static UpdateReport refused(String reason) {
    return new UpdateReport(false, List.of(), reason);
  }
}
