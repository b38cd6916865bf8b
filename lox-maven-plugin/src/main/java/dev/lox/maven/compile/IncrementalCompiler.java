package dev.lox.maven.compile;

import dev.lox.CompileResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.CompileError;
import dev.lox.chunk.ChunkFormat;
import dev.lox.concurrent.Threads;
import dev.lox.io.AtomicFiles;
import dev.lox.io.LinkLoop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Compiles a tree of {@code .lox} sources to a tree of chunk files, doing only the work that is
 * needed: {@code src/main/lox/lib/util.lox} becomes {@code OUTPUT/lib/util.loxc}.
 *
 * <ul>
 *   <li>A chunk that {@link ChunkCache} finds fresh for its source is left alone, not rewritten.
 *       Every build reads each source and its chunk and checks the chunk in full: nothing about a
 *       chunk is trusted because it was found fresh before.
 *   <li>Any other chunk (missing, stale, of another toolchain, damaged) is compiled again and
 *       replaced atomically.
 *   <li>A source with compile errors loses its chunk; every error of every file is reported.
 *   <li>A chunk this compiler wrote whose source is gone is deleted. What it wrote is listed in a
 *       manifest in the work directory, so chunks it did not write (a {@code .loxc} resource, say)
 *       are never touched; without a manifest (the first build) any chunk file in the output
 *       directory without a source counts as its own.
 * </ul>
 *
 * <p>Files are handled in parallel, on a pool of daemon threads that is gone when a call returns.
 */
public final class IncrementalCompiler {
  /** The extension of sources. */
  public static final String SOURCE_EXTENSION = ".lox";

  /** The extension of chunk files, as {@code docs/chunk-format.md} suggests. */
  public static final String CHUNK_EXTENSION = ".loxc";

  private static final String MANIFEST = "chunks.lst";
  private static final String MANIFEST_HEADER = "# lox-maven-plugin chunks in ";
  private static final String TEMP = "tmp";

  private final Path sourceDirectory;
  private final Path outputDirectory;
  private final Path workDirectory;
  private final ChunkCache cache;
  private final int threads;

  /**
   * @param sourceDirectory where the {@code .lox} files are (it need not exist)
   * @param outputDirectory where their chunks go
   * @param workDirectory for the manifest and temporary files; nothing in it is part of the result
   * @param threads how many files to handle at once
   */
  public IncrementalCompiler(
      Path sourceDirectory, Path outputDirectory, Path workDirectory, int threads) {
    this(sourceDirectory, outputDirectory, workDirectory, threads,
        new ChunkCache(workDirectory.resolve(TEMP)));
  }

  /** As the public constructor, with the cache given (for tests: another toolchain version). */
  IncrementalCompiler(
      Path sourceDirectory, Path outputDirectory, Path workDirectory, int threads, ChunkCache cache) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, not " + threads);
    }
    this.sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
    this.workDirectory = workDirectory.toAbsolutePath().normalize();
    this.cache = cache;
    this.threads = threads;
  }

  public Path sourceDirectory() {
    return sourceDirectory;
  }

  public Path outputDirectory() {
    return outputDirectory;
  }

  /** The chunk of a source below the source directory; empty for a file elsewhere. */
  public Optional<Path> chunkFor(Path source) {
    Path file = source.toAbsolutePath().normalize();
    String name = file.getFileName().toString();
    if (!file.startsWith(sourceDirectory) || !name.endsWith(SOURCE_EXTENSION)) {
      return Optional.empty();
    }
    Path relative = sourceDirectory.relativize(file);
    String chunkName = name.substring(0, name.length() - SOURCE_EXTENSION.length()) + CHUNK_EXTENSION;
    return Optional.of(outputDirectory.resolve(relative).resolveSibling(chunkName));
  }

  // ---- The whole tree ----

  /** Brings every chunk up to date with its source; see the class comment. */
  public CompileSummary compileAll() throws IOException {
    return compileAll(CompileListener.NONE);
  }

  /**
   * As {@link #compileAll()}, telling {@code listener} of each source checked, each error and
   * each chunk written or removed: on this thread, once the pool's work is done, sources in path
   * order.
   */
  public CompileSummary compileAll(CompileListener listener) throws IOException {
    clearTemporaryFiles();
    Optional<Manifest> previous = readManifest();
    List<Path> sources = sources();
    List<FileResult> results = forEach(sources, this::compileOne);

    Manifest manifest = new Manifest(outputDirectory.toString(), List.of());
    List<Path> compiled = new ArrayList<>();
    List<SourceError> errors = new ArrayList<>();
    List<CompileSummary.Rebuild> rebuilt = new ArrayList<>();
    Set<String> sourceChunks = new TreeSet<>();
    int upToDate = 0;
    for (FileResult result : results) {
      String chunk = relativeChunk(result.chunk());
      sourceChunks.add(chunk);
      listener.sourceChecked(result.source());
      if (!result.errors().isEmpty()) {
        for (CompileError error : result.errors()) {
          SourceError sourceError = new SourceError(result.source(), error);
          errors.add(sourceError);
          listener.error(sourceError);
        }
        if (result.before().state() != ChunkCache.State.MISSING) {
          listener.outputChanged(result.chunk()); // its old chunk was removed
        }
        continue;
      }
      manifest.add(chunk);
      if (result.before().fresh()) {
        upToDate++;
        continue;
      }
      compiled.add(result.chunk());
      listener.outputChanged(result.chunk());
      if (result.before().state() != ChunkCache.State.MISSING) {
        rebuilt.add(new CompileSummary.Rebuild(
            result.chunk(), result.before().state(), result.before().reason()));
      }
    }

    Collection<String> ours =
        previous.isPresent() ? previous.get().chunks() : chunkFilesInOutput();
    List<Path> removed = new ArrayList<>();
    for (String entry : ours) {
      if (!sourceChunks.contains(entry) && isSafeEntry(entry)) {
        Path orphan = outputDirectory.resolve(entry);
        if (cache.remove(orphan)) {
          removed.add(orphan);
          listener.outputChanged(orphan);
          removeEmptyParents(orphan);
        }
      }
    }
    if (!previous.equals(Optional.of(manifest))) {
      writeManifest(manifest);
    }
    return new CompileSummary(sources.size(), compiled, upToDate, removed, errors, rebuilt);
  }

  /** The outcome for one source: the chunk's state before, and errors if it did not compile. */
  private record FileResult(
      Path source, Path chunk, ChunkCache.Entry before, List<CompileError> errors) {}

  /** Reads the source and checks its chunk in full; compiles it again unless fresh. */
  private FileResult compileOne(Path source) throws IOException {
    Path chunk = chunkFor(source).orElseThrow();
    byte[] bytes = Files.readAllBytes(source);
    ChunkCache.Entry before = cache.lookup(chunk, bytes);
    if (before.fresh()) {
      return new FileResult(source, chunk, before, List.of());
    }
    CompileResult result = Lox.compile(bytes);
    if (!result.succeeded()) {
      cache.remove(chunk);
      return new FileResult(source, chunk, before, result.errors());
    }
    cache.store(chunk, result.script());
    return new FileResult(source, chunk, before, List.of());
  }

  private List<Path> sources() throws IOException {
    List<Path> files = new ArrayList<>();
    walk(sourceDirectory, SOURCE_EXTENSION, true, files::add);
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /**
   * Calls {@code action} for each regular file below {@code directory} whose name ends so. Sources
   * are found through symbolic links, as javac finds them (a link loop fails the walk with a
   * {@link java.nio.file.FileSystemLoopException}); the output directory is walked without, so
   * that deleting a stale chunk never reaches outside it.
   */
  private static void walk(Path directory, String ending, boolean followLinks,
      Consumer<Path> action) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    Set<FileVisitOption> options =
        followLinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    Files.walkFileTree(directory, options, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && file.getFileName().toString().endsWith(ending)) {
          action.accept(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        throw explained(e);
      }
    });
  }

  /** A link loop in words; Java's message for it is just the path. */
  static IOException explained(IOException e) {
    if (e instanceof FileSystemLoopException loop) {
      return new IOException(LinkLoop.at(Path.of(loop.getFile())), e);
    }
    return e;
  }

  // ---- One program, for lox:run ----

  /**
   * A program ready to run, or the errors that stopped it.
   *
   * @param script the program; {@code null} when it did not compile
   * @param chunk its chunk file, when its source is below the source directory
   * @param before the cached chunk's state before this call (missing when there is no chunk)
   * @param errors the compile errors; empty when there is a script
   */
  public record Prepared(
      Script script, Optional<Path> chunk, ChunkCache.Entry before, List<SourceError> errors) {
    public Prepared {
      errors = List.copyOf(errors);
    }

    public boolean succeeded() {
      return script != null;
    }

    /** Whether the script was loaded from a fresh chunk rather than compiled now. */
    public boolean fromChunk() {
      return before.fresh();
    }
  }

  /**
   * The program in {@code source}: loaded from its chunk when that is fresh, else compiled (and,
   * for a source below the source directory, its chunk written as {@link #compileAll} would).
   */
  public Prepared prepare(Path source) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    Optional<Path> chunk = chunkFor(source);
    ChunkCache.Entry before = chunk.isPresent()
        ? cache.lookup(chunk.get(), bytes)
        : new ChunkCache.Entry(ChunkCache.State.MISSING, null, "no chunk for a source outside " + sourceDirectory);
    if (before.fresh()) {
      return new Prepared(before.script(), chunk, before, List.of());
    }
    CompileResult result = Lox.compile(bytes);
    if (!result.succeeded()) {
      List<SourceError> errors = new ArrayList<>();
      result.errors().forEach(error -> errors.add(new SourceError(source, error)));
      return new Prepared(null, chunk, before, errors);
    }
    if (chunk.isPresent()) {
      cache.store(chunk.get(), result.script());
      Optional<Manifest> manifest = readManifest();
      if (manifest.isPresent()) {
        manifest.get().add(relativeChunk(chunk.get()));
        writeManifest(manifest.get());
      }
    }
    return new Prepared(result.script(), chunk, before, List.of());
  }

  // ---- Threads ----

  /** A task over one source file that may fail with an I/O error. */
  @FunctionalInterface
  private interface FileTask<T> {
    T apply(Path file) throws IOException;
  }

  /** Runs {@code task} on each file, {@link #threads} at a time; results in the files' order. */
  private <T> List<T> forEach(List<Path> files, FileTask<T> task) throws IOException {
    if (files.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Threads.pool("lox-compile", Math.min(threads, files.size()));
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> task.apply(file)));
      }
      List<T> results = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        results.add(await(futures.get(i), files.get(i)));
      }
      return results;
    } finally {
      Threads.shutdownAndWait(pool);
    }
  }

  private static <T> T await(Future<T> future, Path file) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling " + file, e);
    } catch (ExecutionException e) {
      throw fault(e.getCause(), file.toString());
    }
  }

  /** An I/O error stays one; anything else is a fault of lox-vm, said so. */
  private static IOException fault(Throwable cause, String where) {
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException("lox-vm failed on " + where + ": " + cause, cause);
  }

  // ---- Manifest and housekeeping ----

  private String relativeChunk(Path chunk) {
    return Paths.portable(outputDirectory.relativize(chunk));
  }

  private Path manifest() {
    return workDirectory.resolve(MANIFEST);
  }

  /** What the last build into this output directory listed, if anything. */
  private Optional<Manifest> readManifest() throws IOException {
    return Manifest.read(manifest(), outputDirectory.toString());
  }

  /** A manifest entry names a chunk inside the output directory, nothing else. */
  private boolean isSafeEntry(String entry) {
    Path resolved = outputDirectory.resolve(entry).normalize();
    return entry.endsWith(CHUNK_EXTENSION) && resolved.startsWith(outputDirectory)
        && !resolved.equals(outputDirectory);
  }

  private void writeManifest(Manifest manifest) throws IOException {
    Files.createDirectories(workDirectory);
    AtomicFiles.write(manifest(), manifest.toBytes(), workDirectory.resolve(TEMP));
  }

  /** Without a manifest: every chunk file in the output directory (by name and magic number). */
  private List<String> chunkFilesInOutput() throws IOException {
    List<Path> files = new ArrayList<>();
    walk(outputDirectory, CHUNK_EXTENSION, false, files::add);
    List<String> chunks = new ArrayList<>();
    for (Path file : files) {
      if (startsLikeChunk(file)) {
        chunks.add(relativeChunk(file));
      }
    }
    return chunks;
  }

  private static boolean startsLikeChunk(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return ChunkFormat.isChunk(in.readNBytes(ChunkFormat.magic().length));
    }
  }

  /** Directories left empty by a removal, up to the output directory. */
  private void removeEmptyParents(Path removed) throws IOException {
    for (Path dir = removed.getParent();
        dir != null && dir.startsWith(outputDirectory) && !dir.equals(outputDirectory);
        dir = dir.getParent()) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
    }
  }

  /** Temporary files of an interrupted build. */
  private void clearTemporaryFiles() throws IOException {
    Path temp = workDirectory.resolve(TEMP);
    if (!Files.isDirectory(temp)) {
      return;
    }
    try (Stream<Path> files = Files.list(temp)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(".tmp")) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
