package dev.lox.testing.expect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void display_decodesUtf8_escapesTheRest() {
    byte[] bytes = "caf\u00e9 \u20ac".getBytes(StandardCharsets.UTF_8);
    byte[] mixed = {'a', (byte) 0xE9, 'b', 0x07, '\n'};

    assertEquals("caf\u00e9 \u20ac", Bytes.display(bytes));
    assertEquals("a\\xE9b\\x07\\x0A", Bytes.display(mixed));
    assertEquals("a\\xE9b\\x07\n", Bytes.displayLines(mixed));
  }

  @Test
  void latin1_roundTripsEveryByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }

    assertEquals(256, Bytes.latin1(all).length());
    assertArrayEquals(all, Bytes.raw(Bytes.latin1(all)));
  }
}
