package dev.lox.chunk;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lox.CompileResult;
import dev.lox.Lox;
import dev.lox.runtime.LoxString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Test helpers: hand-built functions, compiled programs, and byte surgery on chunk files. */
final class Chunks {
  static final Path PROGRAMS = Path.of("src", "test", "lox");

  private Chunks() {}

  /** A function with every line 1, from opcodes and raw operand bytes. */
  static FunctionProto fn(String name, int arity, int upvalues, int maxStack, Object[] constants,
      Object... code) {
    byte[] bytes = assemble(code);
    int[] lines = new int[bytes.length];
    Arrays.fill(lines, 1);
    return new FunctionProto(name == null ? null : LoxString.of(name), arity, upvalues, bytes,
        lines, constants, maxStack);
  }

  /** The script: no name, no arity, no upvalues. */
  static FunctionProto script(int maxStack, Object[] constants, Object... code) {
    return fn(null, 0, 0, maxStack, constants, code);
  }

  /** Opcodes become their byte; integers are operand bytes. */
  static byte[] assemble(Object... code) {
    byte[] bytes = new byte[code.length];
    for (int i = 0; i < code.length; i++) {
      bytes[i] = code[i] instanceof OpCode op ? op.code() : (byte) (int) (Integer) code[i];
    }
    return bytes;
  }

  static Object[] constants(Object... values) {
    Object[] result = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      result[i] = v instanceof String s ? LoxString.of(s)
          : v instanceof Integer n ? (Object) n.doubleValue() : v;
    }
    return result;
  }

  static byte[] bytes(FunctionProto script) {
    return ChunkWriter.toBytes(script, null, "test");
  }

  static FunctionProto compile(String source) {
    CompileResult result = Lox.compile(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertNotNull(result.script(), () -> "does not compile: " + result.errors());
    return result.script().function();
  }

  /** Every .lox program of the project's own suite, sorted. */
  static List<Path> programs() throws IOException {
    try (Stream<Path> walk = Files.walk(PROGRAMS)) {
      return walk.filter(p -> p.toString().endsWith(".lox") && Files.isRegularFile(p))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The compiled scripts of every program that compiles. */
  static List<FunctionProto> compiledPrograms() throws IOException {
    List<FunctionProto> result = new ArrayList<>();
    for (Path path : programs()) {
      CompileResult compiled = Lox.compile(Files.readAllBytes(path));
      if (compiled.succeeded()) {
        result.add(compiled.script().function());
      }
    }
    return result;
  }

  // ---- Byte surgery on chunk files ----

  /** Where the body starts. */
  static int bodyStart(byte[] chunk) {
    return ChunkFormat.FIXED_HEADER_SIZE + (chunk[ChunkFormat.TOOLCHAIN_OFFSET] & 0xff);
  }

  /** Sets the header's body length to what the file holds, then reseals it. */
  static byte[] fixLengthAndReseal(byte[] chunk) {
    int bodyLength = chunk.length - bodyStart(chunk) - ChunkFormat.CHECKSUM_SIZE;
    int at = ChunkFormat.BODY_LENGTH_OFFSET;
    chunk[at] = (byte) (bodyLength >>> 24);
    chunk[at + 1] = (byte) (bodyLength >>> 16);
    chunk[at + 2] = (byte) (bodyLength >>> 8);
    chunk[at + 3] = (byte) bodyLength;
    return ChunkFormat.reseal(chunk);
  }

  /** A chunk whose body is replaced by {@code body}, with length and checksum right. */
  static byte[] withBody(byte[] chunk, byte[] body) {
    int start = bodyStart(chunk);
    byte[] result = Arrays.copyOf(chunk, start + body.length + ChunkFormat.CHECKSUM_SIZE);
    System.arraycopy(body, 0, result, start, body.length);
    return fixLengthAndReseal(result);
  }

  static byte[] body(byte[] chunk) {
    return Arrays.copyOfRange(chunk, bodyStart(chunk), chunk.length - ChunkFormat.CHECKSUM_SIZE);
  }
}
