package dev.lox.testing.engine;

import dev.lox.testing.discovery.PathFilter;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.discovery.TestFinder;
import dev.lox.testing.expect.Expectation;
import dev.lox.testing.expect.ExpectationParser;
import dev.lox.testing.expect.TestSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.DirectorySource;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Turns discovery selectors into Lox test descriptors: classes marked {@link LoxTests},
 * directories, single {@code .lox} files, and unique ids (an IDE re-running one test). Unique ids
 * are {@code [engine:lox]/[class:NAME]/[test:PATH]}, {@code [engine:lox]/[directory:DIR]/[test:PATH]}
 * and {@code [engine:lox]/[file:FILE]}.
 */
final class LoxEngineDiscovery {
  static final String CLASS = "class";
  static final String DIRECTORY = "directory";
  static final String FILE = "file";
  static final String TEST = "test";

  private final EngineDiscoveryRequest request;
  private final EngineDescriptor engine;
  private final Path baseDir;
  private final PathFilter filter;
  private final boolean methodSources;

  /**
   * {@code filter} applies below each class's or selected directory, not to files selected alone;
   * with {@code methodSources}, a class's tests have methods of it as their sources ({@link
   * LoxEngineSettings#METHOD_SOURCES}).
   */
  LoxEngineDiscovery(
      EngineDiscoveryRequest request,
      EngineDescriptor engine,
      Path baseDir,
      PathFilter filter,
      boolean methodSources) {
    this.request = request;
    this.engine = engine;
    this.baseDir = baseDir;
    this.filter = filter;
    this.methodSources = methodSources;
  }

  void discover() {
    Predicate<String> classNames =
        Filter.composeFilters(request.getFiltersByType(ClassNameFilter.class)).toPredicate();
    for (ClassSelector selector : request.getSelectorsByType(ClassSelector.class)) {
      Optional<Class<?>> type = load(selector.getClassName());
      if (type.isPresent() && classNames.test(type.get().getName())) {
        addClass(type.get(), Optional.empty());
      }
    }
    for (DirectorySelector selector : request.getSelectorsByType(DirectorySelector.class)) {
      addDirectory(selector.getPath(), Optional.empty());
    }
    for (FileSelector selector : request.getSelectorsByType(FileSelector.class)) {
      if (selector.getRawPath().endsWith(".lox")) {
        addFile(selector.getPath());
      }
    }
    for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
      addUniqueId(selector.getUniqueId());
    }
  }

  private void addUniqueId(UniqueId id) {
    List<UniqueId.Segment> segments = id.getSegments();
    if (!id.hasPrefix(engine.getUniqueId()) || segments.size() < 2) {
      return;
    }
    UniqueId.Segment group = segments.get(1);
    Optional<String> only =
        segments.size() > 2 && segments.get(2).getType().equals(TEST)
            ? Optional.of(segments.get(2).getValue())
            : Optional.empty();
    switch (group.getType()) {
      case CLASS:
        load(group.getValue()).ifPresent(type -> addClass(type, only));
        break;
      case DIRECTORY:
        addDirectory(Path.of(group.getValue()), only);
        break;
      case FILE:
        addFile(Path.of(group.getValue()));
        break;
      default:
        break;
    }
  }

  private Optional<Class<?>> load(String className) {
    return ReflectionSupport.tryToLoadClass(className)
        .toOptional()
        .filter(type -> AnnotationSupport.isAnnotated(type, LoxTests.class));
  }

  private void addClass(Class<?> type, Optional<String> only) {
    LoxContainerDescriptor container =
        container(
            engine.getUniqueId().append(CLASS, type.getName()),
            type.getSimpleName(),
            () -> ClassSource.from(type),
            type.getName());
    LoxTests marker = AnnotationSupport.findAnnotation(type, LoxTests.class).orElseThrow();
    for (String directory : marker.value()) {
      Path root = baseDir.resolve(directory);
      if (!Files.exists(root)) {
        issue(
            "@LoxTests on "
                + type.getName()
                + " names "
                + directory
                + ", which is not there (looked for "
                + root.toAbsolutePath().normalize()
                + ")",
            ClassSource.from(type));
        continue;
      }
      addTests(container, root, file -> idPath(baseDir.relativize(file.path())), only, methodSources);
    }
  }

  private void addDirectory(Path directory, Optional<String> only) {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      issue("no such directory: " + absolute, DirectorySource.from(absolute.toFile()));
      return;
    }
    LoxContainerDescriptor container =
        container(
            engine.getUniqueId().append(DIRECTORY, absolute.toString()),
            directory.toString(),
            () -> DirectorySource.from(absolute.toFile()),
            "");
    addTests(container, absolute, TestFile::relativePath, only, false);
  }

  private void addFile(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    for (TestFile test : TestFinder.find(List.of(absolute), PathFilter.all(), false).files()) {
      UniqueId id = engine.getUniqueId().append(FILE, absolute.toString());
      if (engine.findByUniqueId(id).isEmpty()) {
        describe(id, test).ifPresent(engine::addChild);
      }
    }
  }

  private void addTests(
      LoxContainerDescriptor container,
      Path root,
      Function<TestFile, String> idOf,
      Optional<String> only,
      boolean methods) {
    for (TestFile file : TestFinder.find(List.of(root), filter, true).files()) {
      String name = idOf.apply(file);
      UniqueId id = container.getUniqueId().append(TEST, name);
      if (only.map(name::equals).orElse(true) && container.findByUniqueId(id).isEmpty()) {
        describe(id, file, methods ? Optional.of(container.className()) : Optional.empty())
            .ifPresent(container::addChild);
      }
    }
  }

  /**
   * A descriptor for a test file; none for {@code // nontest} files. A test of a {@link LoxTests}
   * class gets that class as its source's class, and its file's name as its method, so that
   * Surefire's {@code -Dtest=LoxSpecTest#wrong*} selects it as it would a method.
   */
  private static Optional<TestDescriptor> describe(UniqueId id, TestFile file) {
    return describe(id, file, Optional.empty());
  }

  private static Optional<TestDescriptor> describe(
      UniqueId id, TestFile file, Optional<String> testClass) {
    int firstLine = 0;
    try {
      TestSpec spec = ExpectationParser.parse(Files.readAllBytes(file.path()));
      if (spec.nonTest()) {
        return Optional.empty();
      }
      firstLine = spec.expectations().stream().mapToInt(Expectation::line).findFirst().orElse(0);
    } catch (IOException e) {
      // Still a test: running it will fail with the reason the file cannot be read.
    }
    return Optional.of(new LoxFileDescriptor(id, file, firstLine, testClass));
  }

  private LoxContainerDescriptor container(
      UniqueId id,
      String displayName,
      Supplier<TestSource> source,
      String className) {
    Optional<? extends TestDescriptor> existing = engine.findByUniqueId(id);
    if (existing.isPresent()) {
      return (LoxContainerDescriptor) existing.get();
    }
    LoxContainerDescriptor container =
        new LoxContainerDescriptor(id, displayName, source.get(), className);
    engine.addChild(container);
    return container;
  }

  private void issue(String message, TestSource source) {
    request
        .getDiscoveryListener()
        .issueEncountered(
            engine.getUniqueId(), DiscoveryIssue.builder(Severity.ERROR, message).source(source).build());
  }

  private static String idPath(Path relative) {
    return relative.toString().replace('\\', '/');
  }
}
