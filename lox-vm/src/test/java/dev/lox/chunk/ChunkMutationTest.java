package dev.lox.chunk;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrupts real compiled programs in thousands of ways and loads each result. Every corrupted file
 * is resealed with a valid checksum (except where the point is a file cut short), so that the
 * structural checks, not the checksum, are what stands between it and the VM. Each one must be
 * rejected with problems, or, where the corruption left a valid program, run to a normal end (or
 * be stopped, if it now loops forever). Nothing may throw.
 */
class ChunkMutationTest {
  private static final long SEED = 0x10C5_C4A7L;
  /** Accepted mutants that are still running after this long are stopped. */
  private static final long RUN_MILLIS = 40;
  private static final long COMPILED_RUN_MILLIS = 10_000;
  /** Programs whose chunk is larger than this are left out, to keep the test quick. */
  private static final int MAX_CHUNK = 2500;
  private static final List<String> FOLDERS = List.of(
      "assignment", "class", "closure", "constructor", "field", "for", "function", "if",
      "inheritance", "logical_operator", "method", "return", "super", "this", "variable", "while");

  enum Kind {
    BIT_FLIP, BYTE_SET, CODE_BYTE, CONSTANT_SWAP, CODE_SWAP, INSERT, DELETE, RANGE_SWAP,
    DUPLICATE, TRUNCATE, TRUNCATE_RESEALED, HEADER_FIELD
  }

  enum Outcome { REJECTED, COMPLETED, RUNTIME_ERROR, STOPPED }

  private static ExecutorService runner;
  private final Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
  private final List<String> unexpected = new ArrayList<>();
  /** Where the unexpected exceptions were thrown: exception class and innermost frame. */
  private final Map<String, Integer> throwSites = new java.util.TreeMap<>();
  private int total;

  @BeforeAll
  static void startRunner() {
    runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, "mutant-runner", 1 << 26);
      t.setDaemon(true);
      return t;
    });
  }

  @AfterAll
  static void stopRunner() {
    runner.shutdownNow();
  }

  @Test
  void corruptedChunksAreRejectedOrRunSafely() throws Exception {
    long start = System.nanoTime();
    List<byte[]> corpus = corpus();
    Random random = new Random(SEED);
    byte[] smallest = corpus.get(0);
    for (byte[] chunk : corpus) {
      if (chunk.length < smallest.length) {
        smallest = chunk;
      }
      mutate(chunk, random);
    }
    // Cut short at every length, as is (the length check catches it) and with the header's
    // length and the checksum made to agree (the body decoder catches it).
    for (int length = 0; length < smallest.length; length++) {
      check(Kind.TRUNCATE, Arrays.copyOf(smallest, length), "cut at " + length);
    }
    int body = Chunks.bodyStart(smallest);
    for (int length = body; length < smallest.length - ChunkFormat.CHECKSUM_SIZE; length++) {
      byte[] cut = Arrays.copyOf(smallest, length + ChunkFormat.CHECKSUM_SIZE);
      check(Kind.TRUNCATE_RESEALED, Chunks.fixLengthAndReseal(cut), "body cut at " + length);
    }

    double seconds = (System.nanoTime() - start) / 1e9;
    String report = report(corpus.size(), seconds);
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "chunk-mutation-report.txt"), report);
    if (!unexpected.isEmpty()) {
      fail(unexpected.size() + " mutants threw; the first ones:\n"
          + String.join("\n", unexpected.subList(0, Math.min(5, unexpected.size()))));
    }
    assertTrue(total > 5000, "only " + total + " mutants");
    int[] sum = totals();
    assertTrue(sum[Outcome.REJECTED.ordinal()] > 0 && sum[Outcome.COMPLETED.ordinal()] > 0,
        "expected some rejected and some running mutants");
  }

  /** Chunks of the project's smaller programs from a variety of folders. */
  private static List<byte[]> corpus() throws IOException {
    List<byte[]> corpus = new ArrayList<>();
    for (Path path : Chunks.programs()) {
      String relative = Chunks.PROGRAMS.relativize(path).toString().replace('\\', '/');
      if (FOLDERS.stream().noneMatch(f -> relative.startsWith(f + "/"))) {
        continue;
      }
      CompileResult compiled = Lox.compile(Files.readAllBytes(path));
      if (compiled.succeeded()) {
        byte[] chunk = compiled.script().toBytes();
        if (chunk.length <= MAX_CHUNK) {
          corpus.add(chunk);
        }
      }
    }
    corpus.add(Chunks.bytes(Chunks.compile("""
        class A { init(n) { this.n = n; } get() { return this.n; } twice() { return this.get() * 2; } }
        class B < A { get() { return super.get() + 1; } twice() { return super.twice() - 1; } }
        fun counter() { var i = 0; fun next() { i = i + 1; return i; } return next; }
        var c = counter();
        for (var i = 0; i < 3; i = i + 1) { if (i != 1 and c() >= 1) print B(i).twice(); }
        var s = "a"; while (s != "aaa") s = s + "a";
        print s; print !nil; print -c(); print A;
        """)));
    return corpus;
  }

  private void mutate(byte[] chunk, Random random) {
    int body = Chunks.bodyStart(chunk);
    int end = chunk.length - ChunkFormat.CHECKSUM_SIZE;
    for (int i = 0; i < 40; i++) {
      byte[] m = chunk.clone();
      int at = body + random.nextInt(end - body);
      m[at] ^= (byte) (1 << random.nextInt(8));
      check(Kind.BIT_FLIP, ChunkFormat.reseal(m), "bit flip at " + at);
    }
    for (int i = 0; i < 15; i++) {
      byte[] m = chunk.clone();
      int at = body + random.nextInt(end - body);
      m[at] = (byte) interesting(random);
      check(Kind.BYTE_SET, ChunkFormat.reseal(m), "byte " + at + " set to " + (m[at] & 0xff));
    }
    for (int i = 0; i < 4; i++) {
      byte[] m = chunk.clone();
      int at = random.nextInt(body);
      m[at] = (byte) random.nextInt(256);
      check(Kind.HEADER_FIELD, ChunkFormat.reseal(m), "header byte " + at);
    }
    for (int i = 0; i < 50; i++) {
      codeMutation(chunk, random);
    }
    for (int i = 0; i < 6; i++) {
      constantSwap(chunk, random);
      codeSwap(chunk, random);
    }
    for (int i = 0; i < 8; i++) {
      byte[] bytes = Chunks.body(chunk);
      int at = random.nextInt(bytes.length + 1);
      int n = 1 + random.nextInt(3);
      byte[] grown = new byte[bytes.length + n];
      System.arraycopy(bytes, 0, grown, 0, at);
      for (int k = 0; k < n; k++) {
        grown[at + k] = (byte) interesting(random);
      }
      System.arraycopy(bytes, at, grown, at + n, bytes.length - at);
      check(Kind.INSERT, Chunks.withBody(chunk, grown), n + " bytes inserted at " + at);
    }
    for (int i = 0; i < 8; i++) {
      byte[] bytes = Chunks.body(chunk);
      int n = 1 + random.nextInt(Math.min(4, bytes.length));
      int at = random.nextInt(bytes.length - n + 1);
      byte[] shrunk = new byte[bytes.length - n];
      System.arraycopy(bytes, 0, shrunk, 0, at);
      System.arraycopy(bytes, at + n, shrunk, at, bytes.length - at - n);
      check(Kind.DELETE, Chunks.withBody(chunk, shrunk), n + " bytes deleted at " + at);
    }
    for (int i = 0; i < 8; i++) {
      byte[] bytes = Chunks.body(chunk);
      int n = 1 + random.nextInt(Math.min(16, bytes.length / 2));
      int a = random.nextInt(bytes.length - 2 * n + 1);
      int b = a + n + random.nextInt(bytes.length - a - 2 * n + 1);
      byte[] copy = Arrays.copyOfRange(bytes, a, a + n);
      System.arraycopy(bytes, b, bytes, a, n);
      System.arraycopy(copy, 0, bytes, b, n);
      check(Kind.RANGE_SWAP, Chunks.withBody(chunk, bytes), n + " bytes swapped at " + a + " and " + b);
    }
    for (int i = 0; i < 4; i++) {
      byte[] bytes = Chunks.body(chunk);
      int n = 1 + random.nextInt(Math.min(24, bytes.length));
      int from = random.nextInt(bytes.length - n + 1);
      int at = random.nextInt(bytes.length + 1);
      byte[] grown = new byte[bytes.length + n];
      System.arraycopy(bytes, 0, grown, 0, at);
      System.arraycopy(bytes, from, grown, at, n);
      System.arraycopy(bytes, at, grown, at + n, bytes.length - at);
      check(Kind.DUPLICATE, Chunks.withBody(chunk, grown), n + " bytes from " + from + " copied to " + at);
    }
  }

  /** Values likely to hit edges: small, around byte and opcode boundaries, or random. */
  private static int interesting(Random random) {
    int[] values = {0, 1, 2, 0x7f, 0x80, 0xff, 0xfe, OpCode.values().length - 1, OpCode.values().length};
    return random.nextBoolean() ? values[random.nextInt(values.length)] : random.nextInt(256);
  }

  /**
   * Changes one byte of one function's code and writes the program again: a well-encoded file,
   * so the mutant reaches the verifier.
   */
  private void codeMutation(byte[] chunk, Random random) {
    FunctionProto script = ChunkReader.read(chunk).script();
    List<FunctionProto> functions = ChunkWriter.inOrder(script);
    FunctionProto f = functions.get(random.nextInt(functions.size()));
    int at = random.nextInt(f.code.length);
    int before = f.code[at] & 0xff;
    int after = switch (random.nextInt(4)) {
      case 0 -> random.nextInt(OpCode.values().length);
      case 1 -> before + (random.nextBoolean() ? 1 : -1);
      case 2 -> before ^ (1 << random.nextInt(8));
      default -> interesting(random);
    };
    f.code[at] = (byte) after;
    check(Kind.CODE_BYTE, ChunkWriter.toBytes(script, null, "test"),
        f.displayName() + " code byte " + at + " " + before + " -> " + (after & 0xff));
  }

  /** Swaps two constants of one function. */
  private void constantSwap(byte[] chunk, Random random) {
    FunctionProto script = ChunkReader.read(chunk).script();
    List<FunctionProto> functions = ChunkWriter.inOrder(script);
    FunctionProto f = functions.get(random.nextInt(functions.size()));
    if (f.constants.length < 2) {
      return;
    }
    int a = random.nextInt(f.constants.length);
    int b = random.nextInt(f.constants.length);
    Object t = f.constants[a];
    f.constants[a] = f.constants[b];
    f.constants[b] = t;
    check(Kind.CONSTANT_SWAP, ChunkWriter.toBytes(script, null, "test"),
        f.displayName() + " constants " + a + " and " + b + " swapped");
  }

  /** Gives one function the code (and lines) of another. */
  private void codeSwap(byte[] chunk, Random random) {
    FunctionProto script = ChunkReader.read(chunk).script();
    List<FunctionProto> functions = ChunkWriter.inOrder(script);
    if (functions.size() < 2) {
      return;
    }
    FunctionProto target = functions.get(random.nextInt(functions.size()));
    FunctionProto donor = functions.get(random.nextInt(functions.size()));
    FunctionProto replaced = new FunctionProto(target.name, target.arity, target.upvalueCount,
        donor.code, donor.lines, target.constants, target.maxStack);
    check(Kind.CODE_SWAP, ChunkWriter.toBytes(replace(script, target, replaced), null, "test"),
        target.displayName() + " given the code of " + donor.displayName());
  }

  /** A copy of the tree with one function replaced (parents are rebuilt to point at it). */
  private static FunctionProto replace(FunctionProto script, FunctionProto old, FunctionProto with) {
    List<FunctionProto> functions = ChunkWriter.inOrder(script);
    Map<FunctionProto, FunctionProto> rebuilt = new IdentityHashMap<>();
    for (int i = functions.size() - 1; i >= 0; i--) {
      FunctionProto f = functions.get(i) == old ? with : functions.get(i);
      Object[] constants = f.constants.clone();
      for (int k = 0; k < constants.length; k++) {
        if (constants[k] instanceof FunctionProto nested && rebuilt.containsKey(nested)) {
          constants[k] = rebuilt.get(nested);
        }
      }
      rebuilt.put(functions.get(i), new FunctionProto(
          f.name, f.arity, f.upvalueCount, f.code, f.lines, constants, f.maxStack));
    }
    return rebuilt.get(script);
  }

  /** Loads one mutant and, if it is accepted, runs it. */
  private void check(Kind kind, byte[] mutant, String what) {
    total++;
    Outcome outcome;
    try {
      outcome = loadAndRun(mutant);
    } catch (Throwable t) {
      StackTraceElement top = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
      throwSites.merge(t.getClass().getSimpleName() + " at " + top, 1, Integer::sum);
      StringWriter trace = new StringWriter();
      t.printStackTrace(new PrintWriter(trace));
      unexpected.add(kind + " (" + what + "): " + trace.toString().lines().limit(6)
          .reduce((a, b) -> a + "\n    " + b).orElse(""));
      return;
    }
    counts.computeIfAbsent(kind, k -> new int[Outcome.values().length])[outcome.ordinal()]++;
  }

  private Outcome loadAndRun(byte[] mutant) throws Exception {
    LoadResult loaded = Lox.load(mutant);
    if (!loaded.succeeded()) {
      String line = loaded.describe("mutant.loxc");
      if (loaded.problems().isEmpty() || line.contains("\n")) {
        throw new AssertionError("bad problem report: " + line);
      }
      return Outcome.REJECTED;
    }
    RunResult result = runWithin(loaded, JitMode.OFF, RUN_MILLIS);
    if (result.status() != Status.STOPPED) {
      // Whatever a hostile chunk that passed verification does, compiled code does the same. It
      // gets longer: translating and loading classes takes time of its own on a loaded machine.
      RunResult compiled = runWithin(loaded, JitMode.ALWAYS, COMPILED_RUN_MILLIS);
      if (!compiled.equals(result)) {
        throw new AssertionError("compiled run differs: " + result + " but " + compiled);
      }
    }
    return switch (result.status()) {
      case OK -> Outcome.COMPLETED;
      case RUNTIME_ERROR -> Outcome.RUNTIME_ERROR;
      case STOPPED -> Outcome.STOPPED;
      case COMPILE_ERROR -> throw new AssertionError("compile error from a loaded chunk");
      case OUTPUT_CLOSED -> throw new AssertionError("output to memory cannot be closed");
    };
  }

  /** Runs the loaded chunk, stopping it after {@code millis}. */
  private RunResult runWithin(LoadResult loaded, JitMode mode, long millis) throws Exception {
    Lox lox = new Lox(OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), mode);
    Future<RunResult> run = runner.submit(() -> lox.run(loaded.script()));
    try {
      return run.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      lox.stop();
      try {
        return run.get(10, TimeUnit.SECONDS);
      } catch (TimeoutException again) {
        throw new AssertionError("did not stop within 10 s of Lox.stop()");
      }
    } catch (ExecutionException e) {
      throw (Exception) (e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause()));
    }
  }

  private int[] totals() {
    int[] sum = new int[Outcome.values().length];
    for (int[] c : counts.values()) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += c[i];
      }
    }
    return sum;
  }

  private String report(int programs, double seconds) {
    StringBuilder text = new StringBuilder();
    text.append(String.format("Chunk mutation test: %d mutants of %d programs in %.1f s%n",
        total, programs, seconds));
    text.append(String.format("%-18s %9s %9s %9s %9s%n", "kind", "rejected", "completed",
        "rt-error", "stopped"));
    for (Map.Entry<Kind, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      text.append(String.format("%-18s %9d %9d %9d %9d%n", e.getKey(), c[0], c[1], c[2], c[3]));
    }
    int[] sum = totals();
    text.append(String.format("%-18s %9d %9d %9d %9d%n", "total", sum[0], sum[1], sum[2], sum[3]));
    text.append(String.format("rejected %d / ran to completion %d (of which %d ended in a Lox "
        + "runtime error) / stopped by timeout %d / threw %d%n",
        sum[0], sum[1] + sum[2], sum[2], sum[3], unexpected.size()));
    throwSites.forEach((site, n) -> text.append(String.format("  threw %d x %s%n", n, site)));
    return text.toString();
  }
}
