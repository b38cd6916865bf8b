package dev.lox.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lox.Lox;
import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.ChunkReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalCompilerTest {
  @TempDir Path project;
  private Path src;
  private Path out;
  private Path work;

  @BeforeEach
  void layout() throws IOException {
    src = project.resolve("src/main/lox");
    out = project.resolve("target/classes");
    work = project.resolve("target/lox-maven-plugin");
    write("main.lox", "print \"main\";\n");
    write("lib/util.lox", "fun twice(x) { return 2 * x; }\nprint twice(21);\n");
    write("lib/deep/more.lox", "var a = \"more\";\nprint a;\n");
  }

  private void write(String path, String text) throws IOException {
    Path file = src.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private IncrementalCompiler compiler() {
    return new IncrementalCompiler(src, out, work, 2);
  }

  private IncrementalCompiler compilerOf(String toolchainVersion) {
    return new IncrementalCompiler(src, out, work, 2,
        new ChunkCache(work.resolve("tmp"), toolchainVersion));
  }

  /** Every file below the output directory with its modification time. */
  private Map<String, FileTime> outputTimes() throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        times.put(Paths.portable(out.relativize(file)), Files.getLastModifiedTime(file));
      }
    }
    return times;
  }

  /** Backdates every output file, so that a rewrite cannot hide within the clock's resolution. */
  private void backdateOutput() throws IOException {
    backdate(project.resolve("target"));
  }

  /** Backdates sources and output, as files are in a project nobody touched for a while. */
  private void backdateAll() throws IOException {
    backdate(project);
  }

  private static void backdate(Path directory) throws IOException {
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.setLastModifiedTime(file, old);
      }
    }
  }

  @Test
  void aFirstBuildCompilesEverySourceToAMirroredTreeOfChunks() throws IOException {
    CompileSummary summary = compiler().compileAll();
    assertTrue(summary.succeeded());
    assertEquals(3, summary.sources());
    assertEquals(3, summary.compiled().size());
    assertEquals(0, summary.upToDate());
    assertEquals(List.of("lib/deep/more.loxc", "lib/util.loxc", "main.loxc"),
        new ArrayList<>(outputTimes().keySet()));
    byte[] chunk = Files.readAllBytes(out.resolve("lib/util.loxc"));
    assertTrue(Lox.load(chunk).succeeded());
    assertTrue(ChunkReader.readHeader(chunk).isFreshFor(Files.readAllBytes(src.resolve("lib/util.lox"))));
    assertEquals("Compiled 3 Lox files to target/classes, 0 up to date",
        summary.describe("target/classes"));
  }

  @Test
  void aSymlinkedSourceDirectoryIsCompiledAsIfItWereThere() throws IOException {
    Path real = project.resolve("elsewhere/lox");
    Files.createDirectories(real.getParent());
    Files.move(src, real);
    Files.createSymbolicLink(src, real);

    CompileSummary summary = compiler().compileAll();

    assertEquals(3, summary.sources());
    assertEquals(List.of("lib/deep/more.loxc", "lib/util.loxc", "main.loxc"),
        new ArrayList<>(outputTimes().keySet()));
  }

  @Test
  void symlinkedSourcesAndFoldersInsideTheSourceDirectoryAreCompiled() throws IOException {
    Path shared = project.resolve("shared");
    Files.createDirectories(shared.resolve("dir"));
    Files.writeString(shared.resolve("one.lox"), "print 1;\n");
    Files.writeString(shared.resolve("dir/two.lox"), "print 2;\n");
    Files.createSymbolicLink(src.resolve("one.lox"), shared.resolve("one.lox"));
    Files.createSymbolicLink(src.resolve("linked"), shared.resolve("dir"));

    CompileSummary summary = compiler().compileAll();

    assertEquals(5, summary.sources());
    assertTrue(Files.isRegularFile(out.resolve("one.loxc")));
    assertTrue(Files.isRegularFile(out.resolve("linked/two.loxc")));
  }

  @Test
  void aSymbolicLinkLoopInTheSourcesIsReportedNotWalkedForever() throws IOException {
    Files.createSymbolicLink(src.resolve("lib/up"), src);

    IOException e = assertThrows(IOException.class, () -> compiler().compileAll());

    assertEquals("symbolic link loop at " + src.resolve("lib/up")
        + " (it leads back to a directory above it)", e.getMessage());
  }

  @Test
  void librariesAreFoundThroughSymbolicLinks() throws IOException {
    Path shared = project.resolve("shared-lib");
    Files.createDirectories(shared);
    Files.writeString(shared.resolve("extra.lox"), "var extra = 1;\n");
    Files.createSymbolicLink(src.resolve("lib/linked"), shared);

    assertEquals(
        List.of(src.resolve("lib/deep/more.lox"), src.resolve("lib/linked/extra.lox"),
            src.resolve("lib/util.lox")),
        Libraries.find(src, Libraries.DEFAULT_INCLUDES));
  }

  @Test
  void aSecondBuildCompilesNothingAndRewritesNoFile() throws IOException {
    compiler().compileAll();
    backdateOutput();
    Map<String, FileTime> before = outputTimes();
    FileTime manifestBefore = Files.getLastModifiedTime(work.resolve("chunks.lst"));

    CompileSummary summary = compiler().compileAll();

    assertEquals(0, summary.compiled().size());
    assertEquals(3, summary.upToDate());
    assertTrue(summary.rebuilt().isEmpty());
    assertEquals(before, outputTimes());
    assertEquals(manifestBefore, Files.getLastModifiedTime(work.resolve("chunks.lst")));
    assertEquals("Compiled 0 Lox files to out, 3 up to date", summary.describe("out"));
  }

  @Test
  void anEditedSourceIsTheOnlyOneRecompiled() throws IOException {
    compiler().compileAll();
    backdateOutput();
    Map<String, FileTime> before = outputTimes();
    write("lib/util.lox", "fun twice(x) { return x + x; }\nprint twice(21);\n");

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(out.resolve("lib/util.loxc")), summary.compiled());
    assertEquals(2, summary.upToDate());
    assertEquals(1, summary.rebuilt().size());
    assertEquals(ChunkCache.State.STALE, summary.rebuilt().get(0).state());
    Map<String, FileTime> after = outputTimes();
    assertEquals(before.get("main.loxc"), after.get("main.loxc"));
    assertEquals(before.get("lib/deep/more.loxc"), after.get("lib/deep/more.loxc"));
    assertFalse(before.get("lib/util.loxc").equals(after.get("lib/util.loxc")));
    assertTrue(ChunkReader.readHeader(out.resolve("lib/util.loxc"))
        .isFreshFor(Files.readAllBytes(src.resolve("lib/util.lox"))));
  }

  @Test
  void aChunkWhoseSourceWasDeletedIsRemovedWithItsEmptyDirectories() throws IOException {
    compiler().compileAll();
    Files.delete(src.resolve("lib/deep/more.lox"));

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(out.resolve("lib/deep/more.loxc")), summary.removed());
    assertFalse(Files.exists(out.resolve("lib/deep")));
    assertTrue(Files.exists(out.resolve("lib/util.loxc")));
    assertEquals(2, summary.upToDate());
    assertTrue(summary.describe("out").endsWith(", 1 chunk of deleted sources removed"),
        summary.describe("out"));
    assertTrue(compiler().compileAll().removed().isEmpty());
  }

  @Test
  void deletingTheWholeSourceDirectoryRemovesEveryChunk() throws IOException {
    compiler().compileAll();
    try (Stream<Path> files = Files.walk(src)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
    }
    CompileSummary summary = compiler().compileAll();
    assertEquals(0, summary.sources());
    assertEquals(3, summary.removed().size());
    assertTrue(outputTimes().isEmpty());
  }

  @Test
  void chunksNotWrittenByTheCompilerAreLeftAlone() throws IOException {
    compiler().compileAll();
    // A chunk that came from elsewhere (src/main/resources, say): no source, never ours.
    Path resource = out.resolve("shipped/prebuilt.loxc");
    Files.createDirectories(resource.getParent());
    Files.write(resource, Lox.compile("print 1;".getBytes(StandardCharsets.UTF_8)).script().toBytes());
    Files.writeString(out.resolve("notes.txt"), "not a chunk");

    CompileSummary summary = compiler().compileAll();

    assertTrue(summary.removed().isEmpty());
    assertTrue(Files.exists(resource));
    assertTrue(Files.exists(out.resolve("notes.txt")));
  }

  @Test
  void aSourceWhoseNameHoldsALineBreakCannotCostAnotherFileItsChunk() throws IOException {
    compiler().compileAll();
    // A chunk from elsewhere whose name is the second line of the source's chunk name.
    Path resource = out.resolve("b.loxc");
    byte[] prebuilt = Lox.compile("print 1;".getBytes(StandardCharsets.UTF_8)).script().toBytes();
    Files.write(resource, prebuilt);
    write("a\nb.lox", "print \"two lines\";\n");
    compiler().compileAll();
    assertTrue(Files.exists(out.resolve("a\nb.loxc")));

    CompileSummary again = compiler().compileAll();
    assertEquals(List.of(), again.removed());
    assertTrue(Files.exists(resource), "a chunk the plugin did not write was deleted");

    Files.delete(src.resolve("a\nb.lox"));
    CompileSummary removed = compiler().compileAll();
    assertEquals(List.of(out.resolve("a\nb.loxc")), removed.removed());
    assertTrue(Files.exists(resource));
  }

  // ---- An output directory that cannot be written ----

  @Test
  void aReadOnlyOutputDirectoryFailsNamingTheChunkAndTheReason() throws IOException {
    Files.createDirectories(out);
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(out);
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeFalse(Files.isWritable(out),
          "permissions do not apply to this user (root?): a read-only directory cannot be tested");
      // A chunk in the directory itself, then one in a directory that cannot be made there.
      Files.delete(src.resolve("lib/util.lox"));
      Files.delete(src.resolve("lib/deep/more.lox"));
      IOException e = assertThrows(IOException.class, () -> compiler().compileAll());
      assertEquals(out.resolve("main.loxc") + ": permission denied", e.getMessage());

      Files.delete(src.resolve("main.lox"));
      write("lib/util.lox", "print 1;\n");
      e = assertThrows(IOException.class, () -> compiler().compileAll());
      assertEquals(out.resolve("lib/util.loxc") + ": permission denied", e.getMessage());
    } finally {
      Files.setPosixFilePermissions(out, before);
    }
  }

  @Test
  void aDanglingLinkInTheWayOfAChunksDirectoryFailsNamingTheChunkAndTheReason() throws IOException {
    Files.createDirectories(out);
    // A link to nothing: no chunk is found below it, and no directory can be made there.
    Files.createSymbolicLink(out.resolve("lib"), project.resolve("nowhere"));
    Files.delete(src.resolve("lib/deep/more.lox"));
    IOException e = assertThrows(IOException.class, () -> compiler().compileAll());
    assertEquals(out.resolve("lib/util.loxc") + ": a file is in the way", e.getMessage());
  }

  @Test
  void withoutAManifestChunkFilesWithoutSourceCountAsStale() throws IOException {
    compiler().compileAll();
    Files.delete(work.resolve("chunks.lst"));
    Files.delete(src.resolve("main.lox"));
    Files.writeString(out.resolve("readme.loxc"), "not a chunk, though named like one");

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(out.resolve("main.loxc")), summary.removed());
    assertTrue(Files.exists(out.resolve("readme.loxc")));
    assertTrue(Files.exists(work.resolve("chunks.lst")));
  }

  @Test
  void aCorruptedChunkIsDetectedAndRebuilt() throws IOException {
    compiler().compileAll();
    Path chunk = out.resolve("lib/util.loxc");
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(chunk, bytes);

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(chunk), summary.compiled());
    assertEquals(ChunkCache.State.CORRUPT, summary.rebuilt().get(0).state());
    assertTrue(Lox.load(Files.readAllBytes(chunk)).succeeded());
  }

  @Test
  void aChunkTruncatedByAnInterruptedWriteIsRebuilt() throws IOException {
    compiler().compileAll();
    Path chunk = out.resolve("main.loxc");
    byte[] bytes = Files.readAllBytes(chunk);
    Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(chunk), summary.compiled());
    assertEquals(ChunkCache.State.CORRUPT, summary.rebuilt().get(0).state());
  }

  @Test
  void chunksOfAnotherToolchainVersionAreRebuilt() throws IOException {
    compilerOf("0.0.1-older").compileAll();
    assertEquals("0.0.1-older", ChunkReader.readHeader(out.resolve("main.loxc")).toolchainVersion());

    CompileSummary summary = compiler().compileAll();

    assertEquals(3, summary.compiled().size());
    assertTrue(summary.rebuilt().stream().allMatch(r -> r.state() == ChunkCache.State.INCOMPATIBLE));
    assertEquals(ChunkFormat.toolchainVersion(),
        ChunkReader.readHeader(out.resolve("main.loxc")).toolchainVersion());
    assertEquals(3, compiler().compileAll().upToDate());
  }

  @Test
  void everyErrorInEveryFileIsReportedAndTheBrokenFilesLoseTheirChunks() throws IOException {
    compiler().compileAll();
    write("main.lox", "var a = ;\nprint a\n");
    write("lib/deep/more.lox", "print (1;\n");

    CompileSummary summary = compiler().compileAll();

    assertFalse(summary.succeeded());
    assertEquals(2, summary.failedFiles());
    List<String> lines = summary.errors().stream().map(e -> e.format(project)).toList();
    assertEquals(List.of(
        "src/main/lox/lib/deep/more.lox:[line 1] Error at ';': Expect ')' after expression.",
        "src/main/lox/main.lox:[line 1] Error at ';': Expect expression.",
        "src/main/lox/main.lox:[line 3] Error at end: Expect ';' after value."), lines);
    assertFalse(Files.exists(out.resolve("main.loxc")));
    assertFalse(Files.exists(out.resolve("lib/deep/more.loxc")));
    assertTrue(Files.exists(out.resolve("lib/util.loxc")));
    assertEquals(1, summary.upToDate());
    assertTrue(summary.describe("out").contains(", 2 with errors"), summary.describe("out"));

    write("main.lox", "print \"fixed\";\n");
    CompileSummary fixed = compiler().compileAll();
    assertEquals(List.of(out.resolve("main.loxc")), fixed.compiled());
    assertEquals(1, fixed.failedFiles());
  }

  @Test
  void errorLinesShowLexemesAsTheTextTheyAre() throws IOException {
    write("main.lox", "print 1 \"héllo\";\n");
    CompileSummary summary = compiler().compileAll();
    assertEquals("src/main/lox/main.lox:[line 1] Error at '\"héllo\"': Expect ';' after value.",
        summary.errors().get(0).format(project));
  }

  @Test
  void temporaryFilesOfAnInterruptedBuildAreCleanedUp() throws IOException {
    compiler().compileAll();
    Path leftover = work.resolve("tmp/main.loxc.1234.tmp");
    Files.writeString(leftover, "half a chunk");
    compiler().compileAll();
    assertFalse(Files.exists(leftover));
    assertEquals(3, outputTimes().size());
  }

  @Test
  void deeplyNestedProgramsCompileOnTheCompilersDeepStack() throws IOException {
    int depth = 50_000;
    write("deep.lox", "print " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";\n");
    CompileSummary summary = compiler().compileAll();
    assertTrue(summary.succeeded(), () -> summary.errors().toString());
    assertTrue(Files.exists(out.resolve("deep.loxc")));
  }

  @Test
  void noSourceDirectoryMeansNothingToDo() throws IOException {
    IncrementalCompiler none = new IncrementalCompiler(project.resolve("nowhere"), out, work, 1);
    CompileSummary summary = none.compileAll();
    assertEquals(0, summary.sources());
    assertTrue(summary.compiled().isEmpty());
  }

  @Test
  void chunkForMirrorsTheSourceTree() {
    IncrementalCompiler compiler = compiler();
    assertEquals(out.resolve("lib/util.loxc"), compiler.chunkFor(src.resolve("lib/util.lox")).get());
    assertTrue(compiler.chunkFor(project.resolve("elsewhere.lox")).isEmpty());
    assertTrue(compiler.chunkFor(src.resolve("notes.txt")).isEmpty());
  }

  // ---- Nothing from an earlier build is trusted: every chunk is read and checked ----

  /** Builds twice with every file backdated in between, as in a project nobody touched. */
  private void buildAndBackdate() throws IOException {
    compiler().compileAll();
    backdateAll();
    CompileSummary second = compiler().compileAll();
    assertEquals(3, second.upToDate());
  }

  @Test
  void aChunkDamagedOnDiskWithItsTimeStampKeptIsStillCaught() throws IOException {
    buildAndBackdate();
    Path chunk = out.resolve("lib/util.loxc");
    FileTime time = Files.getLastModifiedTime(chunk);
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length / 2] ^= 0x04; // bit rot: same size, same inode, same time stamp
    Files.write(chunk, bytes);
    Files.setLastModifiedTime(chunk, time);

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(chunk), summary.compiled());
    assertEquals(ChunkCache.State.CORRUPT, summary.rebuilt().get(0).state());
    assertTrue(Lox.load(Files.readAllBytes(chunk)).succeeded());
  }

  @Test
  void aChunkReplacedByAnotherFileIsStillCaught() throws IOException {
    buildAndBackdate();
    Path chunk = out.resolve("main.loxc");
    Path foreign = project.resolve("foreign.loxc");
    Files.write(foreign, Lox.compile("print \"foreign\";\n".getBytes(StandardCharsets.UTF_8)).script().toBytes());
    Files.setLastModifiedTime(foreign, Files.getLastModifiedTime(chunk));
    Files.move(foreign, chunk, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(chunk), summary.compiled());
    assertEquals(ChunkCache.State.STALE, summary.rebuilt().get(0).state());
  }

  @Test
  void aSourceEditedWithItsSizeAndTimeStampKeptIsRecompiled() throws IOException {
    buildAndBackdate();
    Path source = src.resolve("lib/util.lox");
    FileTime time = Files.getLastModifiedTime(source);
    write("lib/util.lox", "fun twice(x) { return 3 * x; }\nprint twice(21);\n"); // same size
    Files.setLastModifiedTime(source, time);

    CompileSummary summary = compiler().compileAll();

    assertEquals(List.of(out.resolve("lib/util.loxc")), summary.compiled());
    assertEquals(ChunkCache.State.STALE, summary.rebuilt().get(0).state());
  }

  @Test
  void aTouchedButUnchangedSourceIsNotRecompiled() throws IOException {
    buildAndBackdate();
    Map<String, FileTime> before = outputTimes();
    Files.setLastModifiedTime(src.resolve("main.lox"), FileTime.from(Instant.parse("2021-01-01T00:00:00Z")));

    CompileSummary summary = compiler().compileAll();

    assertTrue(summary.compiled().isEmpty());
    assertEquals(3, summary.upToDate());
    assertEquals(before, outputTimes());
  }

  // ---- prepare, for lox:run ----

  @Test
  void prepareLoadsAFreshChunkWithoutCompiling() throws IOException {
    compiler().compileAll();
    backdateOutput();
    FileTime before = Files.getLastModifiedTime(out.resolve("main.loxc"));

    IncrementalCompiler.Prepared prepared = compiler().prepare(src.resolve("main.lox"));

    assertTrue(prepared.succeeded());
    assertTrue(prepared.fromChunk());
    assertEquals(before, Files.getLastModifiedTime(out.resolve("main.loxc")));
  }

  @Test
  void prepareCompilesAStaleProgramAndRefreshesItsChunk() throws IOException {
    compiler().compileAll();
    write("main.lox", "print \"changed\";\n");

    IncrementalCompiler.Prepared prepared = compiler().prepare(src.resolve("main.lox"));

    assertTrue(prepared.succeeded());
    assertFalse(prepared.fromChunk());
    assertEquals(ChunkCache.State.STALE, prepared.before().state());
    assertTrue(ChunkReader.readHeader(out.resolve("main.loxc"))
        .isFreshFor(Files.readAllBytes(src.resolve("main.lox"))));
    assertEquals(3, compiler().compileAll().upToDate());
  }

  @Test
  void prepareReportsCompileErrors() throws IOException {
    write("main.lox", "print ;\n");
    IncrementalCompiler.Prepared prepared = compiler().prepare(src.resolve("main.lox"));
    assertFalse(prepared.succeeded());
    assertNull(prepared.script());
    assertEquals("src/main/lox/main.lox:[line 1] Error at ';': Expect expression.",
        prepared.errors().get(0).format(project));
  }

  @Test
  void prepareCompilesAProgramOutsideTheSourcesWithoutWritingAChunk() throws IOException {
    Path script = project.resolve("scratch.lox");
    Files.writeString(script, "print 1;\n");
    IncrementalCompiler.Prepared prepared = compiler().prepare(script);
    assertNotNull(prepared.script());
    assertTrue(prepared.chunk().isEmpty());
    assertFalse(Files.exists(out));
  }

  @Test
  void theListenerHearsOfEachSourceOnTheCallingThreadErrorsAfterTheirSource() throws IOException {
    write("lib/util.lox", "print (;\n");
    List<String> heard = new ArrayList<>();
    Thread caller = Thread.currentThread();
    CompileListener listener = new CompileListener() {
      @Override
      public void sourceChecked(Path source) {
        hear("checked " + Paths.portable(src.relativize(source)));
      }

      @Override
      public void error(SourceError error) {
        hear("error " + Paths.portable(src.relativize(error.source())) + ":" + error.error().line()
            + " " + error.description());
      }

      @Override
      public void outputChanged(Path file) {
        hear("output " + Paths.portable(out.relativize(file)));
      }

      private void hear(String what) {
        heard.add(what + (Thread.currentThread() == caller ? "" : " (on " + Thread.currentThread().getName() + ")"));
      }
    };

    new IncrementalCompiler(src, out, work, 4).compileAll(listener);

    assertEquals(List.of(
        "checked lib/deep/more.lox", "output lib/deep/more.loxc",
        "checked lib/util.lox", "error lib/util.lox:1 Error at ';': Expect expression.",
        "checked main.lox", "output main.loxc"), heard);
  }
}
