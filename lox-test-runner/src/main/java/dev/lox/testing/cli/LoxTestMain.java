package dev.lox.testing.cli;

import dev.lox.api.ExitCodes;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code bin/lox-test}. */
public final class LoxTestMain {
  private LoxTestMain() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    System.exit(execute(args, out, err));
  }

  /** Runs the command with the given streams and returns its exit code; never exits the JVM. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new LoxTestCommand(out, err));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (e, arguments) -> {
          err.println("lox-test: " + e.getMessage() + " (see --help)");
          err.flush();
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          // A bug of ours: say so on one line, and keep the trace for whoever asks for it.
          err.println("lox-test: internal error: " + e);
          if (System.getenv("LOX_TEST_DEBUG") != null) {
            e.printStackTrace(err);
          }
          err.flush();
          return ExitCodes.SOFTWARE;
        });
    return commandLine.execute(args);
  }
}
