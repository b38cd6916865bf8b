package dev.lox.testing.expect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Conversions between raw bytes and the byte-per-char strings this package compares. Comparison
 * must be exact on bytes, while messages for people should show UTF-8 text as text.
 */
public final class Bytes {
  private Bytes() {}

  /** The bytes as a string with one char per byte, so equal strings mean equal bytes. */
  public static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The inverse of {@link #latin1(byte[])}. */
  public static byte[] raw(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Byte-per-char text made readable: valid UTF-8 is decoded, each byte that is not becomes {@code
   * \xNN}, and control characters other than tab become {@code \xNN} too, so a message stays on one
   * line and a terminal shows what the bytes were.
   */
  public static String display(String latin1) {
    return display(raw(latin1));
  }

  /** See {@link #display(String)}. */
  public static String display(byte[] bytes) {
    return decode(bytes, false);
  }

  /**
   * Like {@link #display(byte[])} for many lines: newlines stay newlines. What comes back is also
   * fit for XML 1.0, which has no way to write most control characters.
   */
  public static String displayLines(byte[] bytes) {
    return decode(bytes, true);
  }

  private static String decode(byte[] bytes, boolean keepNewlines) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    StringBuilder text = new StringBuilder(bytes.length);
    while (in.hasRemaining()) {
      CoderResult result = decoder.decode(in, out, true);
      appendPrintable(text, out.flip(), keepNewlines);
      out.clear();
      if (result.isError()) {
        for (int i = 0; i < result.length(); i++) {
          appendByte(text, in.get());
        }
      }
    }
    return text.toString();
  }

  private static void appendPrintable(StringBuilder text, CharBuffer chars, boolean keepNewlines) {
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c == '\n' && keepNewlines) {
        text.append(c);
      } else if (c < 0x20 && c != '\t' || c == 0x7f) {
        appendByte(text, (byte) c);
      } else if (c == '\uFFFE' || c == '\uFFFF') {
        text.append(String.format("\\u%04X", (int) c));
      } else {
        text.append(c);
      }
    }
  }

  private static void appendByte(StringBuilder text, byte b) {
    text.append(String.format("\\x%02X", b & 0xff));
  }
}
