import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of lox-vm (run as a single-file program at package time, never part of the jar):
 * copies the ASM jar for bin/lox with every class re-emitted as a Java 8 class file, stack map
 * frames included.
 *
 * <p>ASM ships Java 5 class files, which class-data sharing refuses to archive ("Pre JDK 6 class
 * not supported by CDS") and which the JVM checks with its slow type-inferring verifier. So each
 * run of bin/lox that compiles Lox code loaded and verified ASM from the jar, about 30-50 ms of
 * a program's own time. Re-emitted, the classes are archived with the rest and load in
 * microseconds. The code of every method is unchanged; only the version and the frames differ.
 *
 * <p>Usage: {@code java -cp ASM_JAR ShareableAsm.java ASM_JAR OUTPUT_JAR}. The output is
 * reproducible: the input's entries in its order, with its times.
 */
public final class ShareableAsm {
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: ShareableAsm ASM_JAR OUTPUT_JAR");
      System.exit(64);
    }
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Path partial = output.resolveSibling(output.getFileName() + ".partial");
    try (JarFile jar = new JarFile(input.toFile());
        OutputStream file = Files.newOutputStream(partial);
        JarOutputStream out = new JarOutputStream(file)) {
      for (JarEntry entry : jar.stream().toList()) {
        byte[] bytes = jar.getInputStream(entry).readAllBytes();
        if (isSignature(entry.getName())) {
          continue; // the classes change, so a signature would no longer hold
        }
        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
          bytes = asJava8(bytes);
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isSignature(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return upper.startsWith("META-INF/")
        && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA")
            || upper.endsWith(".EC"));
  }

  /** The class as version 52 with frames computed; superclasses resolve against ASM itself. */
  private static byte[] asJava8(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public void visit(
              int version, int access, String name, String signature, String superName,
              String[] interfaces) {
            super.visit(Math.max(version, Opcodes.V1_8), access, name, signature, superName,
                interfaces);
          }
        },
        ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}
