package dev.lox.testing.engine;

import dev.lox.concurrent.Threads;
import dev.lox.testing.TestFileRunner;
import dev.lox.testing.TestRequest;
import dev.lox.testing.TestResult;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.discovery.PathFilter;
import dev.lox.testing.exec.LoxExecutor;
import dev.lox.testing.exec.ProjectLibraries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Runs {@code .lox} tests on the JUnit Platform. Tests run in parallel on the runner's worker
 * threads, but events are reported from the engine's thread in plan order, each test started just
 * before its result is awaited: listeners (Surefire, IDEs) see a plain sequential run.
 */
public final class LoxTestEngine implements TestEngine {
  public static final String ENGINE_ID = "lox";

  @Override
  public String getId() {
    return ENGINE_ID;
  }

  @Override
  public Optional<String> getGroupId() {
    return Optional.of("dev.lox");
  }

  @Override
  public Optional<String> getArtifactId() {
    return Optional.of("lox-test-runner");
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    EngineDescriptor engine = new EngineDescriptor(uniqueId, "Lox tests");
    LoxEngineSettings settings = LoxEngineSettings.from(request.getConfigurationParameters());
    PathFilter filter = settings.request().filter();
    new LoxEngineDiscovery(request, engine, settings.baseDir(), filter, settings.methodSources())
        .discover();
    return engine;
  }

  @Override
  public void execute(ExecutionRequest request) {
    TestDescriptor root = request.getRootTestDescriptor();
    EngineExecutionListener listener = request.getEngineExecutionListener();
    LoxEngineSettings settings = LoxEngineSettings.from(request.getConfigurationParameters());
    listener.executionStarted(root);
    if (settings.problem().isPresent()) {
      // Running with settings other than those asked for would mislead: fail the whole engine.
      listener.executionFinished(
          root, TestExecutionResult.failed(new IllegalArgumentException(settings.problem().get())));
      return;
    }
    TestRequest run = settings.request();
    ProjectLibraries.Prepared libraries = ProjectLibraries.prepare(run.libraries(), run.jit());
    if (!libraries.succeeded()) {
      // Once for the run, not once per test: no test can run without its libraries.
      listener.executionFinished(root, TestExecutionResult.failed(
          new IllegalStateException(String.join("\n", libraries.problems()))));
      return;
    }
    List<LoxFileDescriptor> tests = new ArrayList<>();
    collectTests(root, tests);
    ExecutorService pool = Threads.pool("lox-test", run.jobs());
    try (LoxExecutor executor = LoxExecutor.create(
        run.interpreter(), run.jit(), libraries.libraries(), run.maxOutputBytes())) {
      TestFileRunner runner = new TestFileRunner(executor, run.timeout(), UpdateMode.NONE);
      Map<LoxFileDescriptor, Future<TestResult>> running = new LinkedHashMap<>();
      for (LoxFileDescriptor test : tests) {
        running.put(test, pool.submit(() -> runner.run(test.file())));
      }
      for (TestDescriptor child : root.getChildren()) {
        report(child, running, listener);
      }
    } finally {
      pool.shutdownNow();
    }
    listener.executionFinished(root, TestExecutionResult.successful());
  }

  private static void collectTests(TestDescriptor node, List<LoxFileDescriptor> tests) {
    if (node instanceof LoxFileDescriptor test) {
      tests.add(test);
    }
    node.getChildren().forEach(child -> collectTests(child, tests));
  }

  private static void report(
      TestDescriptor node,
      Map<LoxFileDescriptor, Future<TestResult>> running,
      EngineExecutionListener listener) {
    listener.executionStarted(node);
    if (node instanceof LoxFileDescriptor test) {
      listener.executionFinished(node, outcome(test, running.get(test)));
      return;
    }
    for (TestDescriptor child : node.getChildren()) {
      report(child, running, listener);
    }
    listener.executionFinished(node, TestExecutionResult.successful());
  }

  private static TestExecutionResult outcome(LoxFileDescriptor test, Future<TestResult> result) {
    try {
      TestResult done = result.get();
      if (!done.failed()) {
        return TestExecutionResult.successful();
      }
      done.firstFailureLine().ifPresent(test::failedAt);
      return TestExecutionResult.failed(LoxTestFailure.of(done, className(test)));
    } catch (ExecutionException e) {
      return TestExecutionResult.failed(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TestExecutionResult.aborted(e);
    }
  }

  private static String className(LoxFileDescriptor test) {
    return test.getParent()
        .filter(LoxContainerDescriptor.class::isInstance)
        .map(parent -> ((LoxContainerDescriptor) parent).className())
        .filter(name -> !name.isEmpty())
        .orElse("lox");
  }
}
