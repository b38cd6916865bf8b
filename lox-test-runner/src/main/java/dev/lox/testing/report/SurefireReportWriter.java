package dev.lox.testing.report;

import dev.lox.testing.SuiteResult;
import dev.lox.testing.TestResult;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.expect.Bytes;
import dev.lox.testing.expect.Failure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes results as Maven Surefire does ({@code surefire-test-report.xsd}, 3.0.2): one {@code
 * TEST-<suite>.xml} per directory of tests, where the suite is named like a class, {@code
 * prefix.sub.dir} ({@link TestFile#suiteName}), and each test file is a {@code testcase} of that
 * {@code classname}, named after the file. CI servers and IDEs
 * that read Surefire reports then show Lox tests like any others.
 */
public final class SurefireReportWriter {
  /** The schema and version Surefire 3.5 names in its own reports. */
  private static final String SCHEMA =
      "https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report.xsd";

  private static final String VERSION = "3.0.2";

  /** Program output kept per test in a report; the rest is cut, and the cut said. */
  static final int MAX_CAPTURED_BYTES = 64 * 1024;

  private SurefireReportWriter() {}

  /**
   * Writes one report per suite into {@code directory} (created if needed), tests grouped by
   * directory and named after their roots ({@link TestFile#suiteName}), each suite's time the sum
   * of its tests'; returns the files. A run's own suites, with their real times and names, go
   * through {@link #writeSuites}.
   */
  public static List<Path> write(Path directory, List<TestResult> results) throws IOException {
    Map<String, List<TestResult>> suites = new LinkedHashMap<>();
    for (TestResult result : results) {
      suites.computeIfAbsent(result.file().suiteName(Optional.empty()), name -> new ArrayList<>()).add(result);
    }
    List<SuiteResult> grouped = new ArrayList<>();
    suites.forEach((name, tests) -> grouped.add(new SuiteResult(name, tests,
        tests.stream().map(TestResult::time).reduce(Duration.ZERO, Duration::plus))));
    return writeSuites(directory, grouped, Path::toString);
  }

  /**
   * Writes {@code TEST-<suite>.xml} for each suite into {@code directory} (created if needed), its
   * {@code time} the suite's wall time, each test's file named by {@code paths} (in its {@code file}
   * attribute and its failure's {@code path:line}); returns the files, in the order given.
   */
  public static List<Path> writeSuites(
      Path directory, List<SuiteResult> suites, Function<Path, String> paths) throws IOException {
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    for (SuiteResult suite : suites) {
      Path file = directory.resolve("TEST-" + suite.name() + ".xml");
      try (OutputStream out = Files.newOutputStream(file)) {
        writeSuite(out, suite, paths);
      } catch (XMLStreamException e) {
        throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      written.add(file);
    }
    return written;
  }

  static void writeSuite(OutputStream out, SuiteResult suite, Function<Path, String> paths)
      throws XMLStreamException {
    String name = suite.name();
    List<TestResult> results = suite.results();
    XMLStreamWriter xml =
        XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
    xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuite");
    xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
    xml.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "noNamespaceSchemaLocation", SCHEMA);
    xml.writeAttribute("version", VERSION);
    xml.writeAttribute("name", xmlText(name));
    xml.writeAttribute("time", seconds(suite.elapsed()));
    xml.writeAttribute("tests", Long.toString(suite.run()));
    xml.writeAttribute("errors", Long.toString(suite.errors()));
    xml.writeAttribute("skipped", Long.toString(suite.skipped()));
    xml.writeAttribute("failures", Long.toString(suite.failures()));
    for (TestResult result : results) {
      xml.writeCharacters("\n  ");
      writeCase(xml, name, result, paths.apply(result.file().path()));
    }
    xml.writeCharacters("\n");
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
    xml.close();
  }

  private static void writeCase(XMLStreamWriter xml, String suite, TestResult result, String path)
      throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", xmlText(result.file().baseName()));
    xml.writeAttribute("classname", xmlText(suite));
    xml.writeAttribute("time", seconds(result.time()));
    // Not in Surefire's schema, but what GitLab, Jenkins' and GitHub's JUnit reporters read to link
    // a test to its source; Surefire's own readers ignore them.
    xml.writeAttribute("file", xmlText(path));
    if (result.failed()) {
      xml.writeAttribute("line", Integer.toString(result.firstFailureLine().orElse(1)));
      Failure first = result.firstFailure();
      String location = ConsoleReport.location(result, path);
      xml.writeCharacters("\n    ");
      xml.writeStartElement(result.isError() ? "error" : "failure");
      xml.writeAttribute("message", xmlText(location + ": " + first.message()));
      xml.writeAttribute("type", first.kind().name());
      xml.writeCharacters(xmlText(ConsoleReport.header(result, path) + "\n" + ConsoleReport.details(result)));
      xml.writeEndElement();
    } else if (result.outcome() == TestResult.Outcome.SKIPPED) {
      xml.writeCharacters("\n    ");
      xml.writeEmptyElement("skipped");
      xml.writeAttribute("message", xmlText(result.skipReason()));
    }
    if (result.execution().isPresent()) {
      writeCaptured(xml, "system-out", result.execution().get().stdout());
      writeCaptured(xml, "system-err", result.execution().get().stderr());
    }
    if (result.failed() || result.outcome() == TestResult.Outcome.SKIPPED || result.execution().isPresent()) {
      xml.writeCharacters("\n  ");
    }
    xml.writeEndElement();
  }

  private static void writeCaptured(XMLStreamWriter xml, String element, byte[] bytes)
      throws XMLStreamException {
    if (bytes.length == 0) {
      return;
    }
    String text = Bytes.displayLines(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_CAPTURED_BYTES)));
    if (bytes.length > MAX_CAPTURED_BYTES) {
      text += "\n[" + (bytes.length - MAX_CAPTURED_BYTES) + " more bytes not kept]\n";
    }
    xml.writeCharacters("\n    ");
    xml.writeStartElement(element);
    xml.writeCharacters(xmlText(text));
    xml.writeEndElement();
  }

  /**
   * Text that XML 1.0 can hold: the writer escapes markup, but most control characters (a file
   * named {@code ctl<U+0001>.lox}, say) cannot be written at all, not even as character references,
   * so each such char, and any unpaired surrogate, becomes a visible {@code \\uXXXX}.
   */
  static String xmlText(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed;
      if (Character.isHighSurrogate(c)) {
        allowed = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (allowed) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        allowed = !Character.isLowSurrogate(c)
            && (c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r');
      }
      if (allowed) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
    }
    return out == null ? text : out.toString();
  }

  /** Seconds with three decimals and a dot, as Surefire writes times. */
  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }
}
