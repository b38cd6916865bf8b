package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CappedOutputStreamTest {

  @Test
  void write_pastTheLimit_keepsThePrefix_signalsOnce() {
    AtomicInteger signals = new AtomicInteger();
    CappedOutputStream out = new CappedOutputStream(4, signals::incrementAndGet);

    out.write(new byte[] {1, 2, 3}, 0, 3);
    out.write(new byte[] {4, 5, 6}, 0, 3);
    out.write(7);

    assertArrayEquals(new byte[] {1, 2, 3, 4}, out.toByteArray());
    assertEquals(1, signals.get());
  }
}
