package dev.lox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.LoxError;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host code misbehaving: nothing escapes {@link Lox#run} or {@link Lox#interpret} but a result. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddingFaultsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Lox lox = new Lox(out, err);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private RunResult interpret(String source) {
    RunResult result = lox.interpret(utf8(source));
    lox.flush();
    return result;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertRuntimeError(RunResult result, String message, LoxError.Frame... trace) {
    assertEquals(Status.RUNTIME_ERROR, result.status(), this::err);
    assertEquals(new LoxError(message, List.of(trace)), result.runtimeError());
    StringBuilder printed = new StringBuilder(message).append('\n');
    for (LoxError.Frame frame : trace) {
      printed.append(frame).append('\n');
    }
    assertEquals(printed.toString(), err());
  }

  // ---- Natives that throw errors ----

  @Test
  void nativeThrowingStackOverflowErrorIsARuntimeError() {
    lox.defineNative("deep", args -> {
      throw new StackOverflowError();
    });
    RunResult result = interpret("fun f() {\n  return deep();\n}\nprint \"before\";\nf();");
    assertRuntimeError(result, "Native function deep() failed: java.lang.StackOverflowError",
        new LoxError.Frame(2, "f"), new LoxError.Frame(5, null));
    assertEquals("before\n", out());
  }

  @Test
  void nativeThrowingAssertionErrorIsARuntimeError() {
    lox.defineNative("check", args -> {
      throw new AssertionError("invariant broken");
    });
    assertRuntimeError(interpret("print 1;\ncheck();"),
        "Native function check() failed: java.lang.AssertionError: invariant broken",
        new LoxError.Frame(2, null));
    assertEquals("1\n", out());
  }

  @Test
  void nativeRecursingUntilTheJavaStackOverflowsIsARuntimeError() {
    lox.defineNative("recurse", new dev.lox.api.NativeFunction() {
      @Override
      public Object call(Object... args) {
        return call(args);
      }
    });
    assertRuntimeError(interpret("recurse();"),
        "Native function recurse() failed: java.lang.StackOverflowError",
        new LoxError.Frame(1, null));
    assertEquals(Status.OK, interpret("print \"still usable\";").status());
  }

  // ---- Host values ----

  private static final class Host {
    private final String text;

    Host(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      if (text.equals("throw")) {
        throw new IllegalStateException("no text today");
      }
      return text.equals("null") ? null : text;
    }
  }

  @Test
  void hostValueWhoseToStringThrowsIsARuntimeErrorWhenPrinted() {
    lox.defineNative("host", args -> new Host((String) args[0]));
    RunResult result = interpret("var h = host(\"throw\");\nprint \"before\";\nfun show(v) {\n  print v;\n}\nshow(h);");
    assertRuntimeError(result,
        "Can't print host value of dev.lox.EmbeddingFaultsTest$Host: toString() threw "
            + "java.lang.IllegalStateException: no text today.",
        new LoxError.Frame(4, "show"), new LoxError.Frame(6, null));
    assertEquals("before\n", out());
  }

  @Test
  void hostValueWhoseToStringReturnsNullIsARuntimeErrorWhenPrinted() {
    lox.defineNative("host", args -> new Host((String) args[0]));
    assertRuntimeError(interpret("var h = host(\"null\");\nprint h;"),
        "Can't print host value of dev.lox.EmbeddingFaultsTest$Host: toString() returned null.",
        new LoxError.Frame(2, null));
  }

  @Test
  void hostValuesPrintTheirToStringAsUtf8() {
    lox.defineNative("host", args -> new Host((String) args[0]));
    lox.defineNative("list", args -> List.of(1, "two"));
    assertEquals(Status.OK, interpret("print host(\"caf\u00e9 \u2713\"); print list();").status());
    assertEquals("caf\u00e9 \u2713\n[1, two]\n", out());
  }

  @Test
  void hostValuesPassThroughLoxUnchanged() {
    Object handle = new Object();
    AtomicReference<Object> received = new AtomicReference<>();
    lox.defineNative("open", args -> handle);
    lox.defineNative("use", args -> {
      received.set(args[0]);
      return null;
    });
    RunResult result = interpret("var h = open(); var g = h; use(g); print h == g; print h == open(); print !h;");
    assertEquals(Status.OK, result.status(), this::err);
    assertSame(handle, received.get());
    assertEquals("true\ntrue\nfalse\n", out());
  }

  @Test
  void nativeReturnValuesOfOtherJavaTypes() {
    lox.defineNative("big", args -> new BigDecimal("1.5"));
    lox.defineNative("huge", args -> BigInteger.TEN.pow(30));
    lox.defineNative("letter", args -> 'x');
    lox.defineNative("text", args -> new StringBuilder("built"));
    assertEquals(Status.OK,
        interpret("print big() + 1; print huge(); print letter() + \"y\"; print text() == \"built\";").status(),
        this::err);
    assertEquals("2.5\n1e+30\nxy\ntrue\n", out());
  }

  @Test
  void nativeReturningAnArrayIsARuntimeError() {
    lox.defineNative("ints", args -> new int[] {1, 2});
    lox.defineNative("strings", args -> new String[] {"a"});
    assertRuntimeError(interpret("print \"before\";\nprint ints();"),
        "Native function returned an unsupported value.", new LoxError.Frame(2, null));
    err.reset();
    assertRuntimeError(interpret("strings();"),
        "Native function returned an unsupported value.", new LoxError.Frame(1, null));
  }

  @Test
  void numberWhoseDoubleValueThrowsIsARuntimeError() {
    lox.defineNative("odd", args -> new Number() {
      @Override
      public int intValue() {
        return 0;
      }

      @Override
      public long longValue() {
        return 0;
      }

      @Override
      public float floatValue() {
        return 0;
      }

      @Override
      public double doubleValue() {
        throw new UnsupportedOperationException("not a double");
      }
    });
    assertRuntimeError(interpret("odd();"), "not a double", new LoxError.Frame(1, null));
  }

  // ---- Re-entry ----

  @Test
  void nativeRunningAProgramOnItsOwnVmIsRejected() {
    Script inner = Lox.compile(utf8("print \"inner\";")).script();
    lox.defineNative("reenter", args -> lox.run(inner));
    lox.defineNative("reinterpret", args -> lox.interpret(utf8("print \"inner\";")));
    String message = "This Lox VM is already running a program; a native function cannot run another on it.";
    assertRuntimeError(interpret("print \"outer\";\nreenter();"), message, new LoxError.Frame(2, null));
    err.reset();
    assertRuntimeError(interpret("reinterpret();"), message, new LoxError.Frame(1, null));
    assertEquals("outer\n", out());
    // The VM is left as it was: it runs the next program.
    assertEquals(Status.OK, interpret("print \"again\";").status());
    assertEquals(Status.OK, lox.run(inner).status());
    lox.flush();
    assertEquals("outer\nagain\ninner\n", out());
  }

  @Test
  void theExceptionAReenteringNativeSeesIsIllegalState() {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    lox.defineNative("reenter", args -> {
      try {
        return lox.interpret(utf8("1;"));
      } catch (IllegalStateException e) {
        seen.set(e);
        return "caught";
      }
    });
    assertEquals(Status.OK, interpret("print reenter();").status());
    assertEquals("caught\n", out());
    assertTrue(seen.get() instanceof IllegalStateException);
  }

  @Test
  void runningOnAVmBusyOnAnotherThreadIsRejected() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    lox.defineNative("hold", args -> {
      inside.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<RunResult> first = executor.submit(() -> lox.interpret(utf8("hold();")));
      assertTrue(inside.await(30, TimeUnit.SECONDS));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> lox.interpret(utf8("print 1;")));
      assertEquals("This Lox VM is already running a program on another thread.", e.getMessage());
      release.countDown();
      assertEquals(Status.OK, first.get(30, TimeUnit.SECONDS).status());
    } finally {
      executor.shutdownNow();
    }
    assertEquals(Status.OK, interpret("print 2;").status());
    assertEquals("2\n", out());
  }
}
