package dev.lox.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never JIT-compiles a method whose bytecode exceeds 8000 bytes (HugeMethodLimit); an
 * interpreter loop over that limit runs several times slower. This guards the dispatch loop and
 * everything else on the VM's hot path.
 */
class MethodSizeTest {
  private static final int HUGE_METHOD_LIMIT = 8000;

  @Test
  void hotPathMethodsStayCompilable() throws IOException {
    List<String> tooBig = new ArrayList<>();
    for (Class<?> type :
        List.of(VM.class, Values.class, Output.class, Linker.class, CompiledSupport.class)) {
      for (MethodSize m : codeSizes(type)) {
        if (m.bytes > HUGE_METHOD_LIMIT) {
          tooBig.add(type.getSimpleName() + "." + m.name + " is " + m.bytes + " bytes");
        }
      }
    }
    assertTrue(tooBig.isEmpty(), "methods over HotSpot's compile limit: " + tooBig);
  }

  @Test
  void dispatchLoopIsMeasuredAndUnderTheLimit() throws IOException {
    MethodSize execute =
        codeSizes(VM.class).stream().filter(m -> m.name.equals("execute")).findFirst().orElseThrow();
    assertTrue(execute.bytes > 1000, "the measurement found the real loop: " + execute.bytes);
    assertTrue(
        execute.bytes <= HUGE_METHOD_LIMIT,
        "VM.execute is " + execute.bytes + " bytes; move cold paths into helpers");
  }

  private record MethodSize(String name, int bytes) {}

  /** Each method's code_length, read from the class file (JVMS chapter 4). */
  static List<MethodSize> codeSizes(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream raw = type.getResourceAsStream(resource);
        DataInputStream in = new DataInputStream(raw)) {
      in.readInt(); // magic
      in.readInt(); // minor, major version
      String[] utf8 = readConstantPool(in);
      in.skipBytes(6); // access flags, this class, super class
      in.skipBytes(2 * in.readUnsignedShort()); // interfaces
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.skipBytes(6);
        skipAttributes(in);
      }
      List<MethodSize> result = new ArrayList<>();
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.skipBytes(2);
        String name = utf8[in.readUnsignedShort()];
        in.skipBytes(2);
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
          String attribute = utf8[in.readUnsignedShort()];
          int length = in.readInt();
          if (attribute.equals("Code")) {
            in.skipBytes(4); // max stack, max locals
            int codeLength = in.readInt();
            result.add(new MethodSize(name, codeLength));
            in.skipBytes(length - 8);
          } else {
            in.skipBytes(length);
          }
        }
      }
      return result;
    }
  }

  private static String[] readConstantPool(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++; // longs and doubles take two entries
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return utf8;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.skipBytes(2);
      in.skipBytes(in.readInt());
    }
  }
}
