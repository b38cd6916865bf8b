package dev.lox.testing.exec;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * Collects bytes up to a limit, drops the rest, and calls {@code onOverflow} once when the limit is
 * first exceeded, so that the writer can be stopped.
 */
final class CappedOutputStream extends OutputStream {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final int limit;
  private final Runnable onOverflow;
  private boolean overflowed;

  CappedOutputStream(int limit, Runnable onOverflow) {
    this.limit = limit;
    this.onOverflow = onOverflow;
  }

  @Override
  public synchronized void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int room = limit - bytes.size();
    bytes.write(b, off, Math.min(room, len));
    if (len > room && !overflowed) {
      overflowed = true;
      onOverflow.run();
    }
  }

  synchronized byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
