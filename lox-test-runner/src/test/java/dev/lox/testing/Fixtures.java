package dev.lox.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the runner's own fixtures, the shared tools and an external interpreter are. */
public final class Fixtures {
  private Fixtures() {}

  /** The module directory (Surefire's working directory). */
  public static Path moduleDir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  public static Path fixtures() {
    return moduleDir().resolve("src/test/resources/fixtures");
  }

  /** The repository root: set by the build, else the module's parent. */
  public static Path repoRoot() {
    return Path.of(System.getProperty("lox.repo.root", moduleDir().resolve("..").toString()))
        .toAbsolutePath()
        .normalize();
  }

  /** The project's shared folder, beside the repository, when it is there. */
  public static Optional<Path> shared() {
    Path shared = repoRoot().resolve("../shared").normalize();
    return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
  }

  /**
   * How long a test may take on an external interpreter: room for a JVM to start on a busy
   * machine, since {@code bin/lox} starts one per test.
   */
  public static final java.time.Duration EXTERNAL_TIMEOUT = java.time.Duration.ofSeconds(5);

  /**
   * An external Lox interpreter to compare against: {@code -Dlox.test.interpreter=CMD}, else the
   * book's clox at {@code /work/clox-ref/clox}, else the repository's {@code bin/lox} once lox-vm
   * is packaged; empty when there is none.
   */
  public static Optional<List<String>> externalInterpreter() {
    String configured = System.getProperty("lox.test.interpreter", "");
    if (!configured.isBlank()) {
      return dev.lox.testing.exec.CommandLine.split(configured);
    }
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/work/clox-ref/clox"));
    if (Files.isRegularFile(repoRoot().resolve("lox-vm/target/lox-vm.jar"))) {
      candidates.add(repoRoot().resolve("bin/lox"));
    }
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(path -> List.of(path.toString()));
  }

  public static Optional<Path> python3() {
    return onPath("python3");
  }

  /** An executable of that name on the PATH. */
  public static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
