package dev.lox.testing.report;

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
import java.util.function.Function;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes results as Maven Surefire does ({@code surefire-test-report.xsd}, 3.0.2): one {@code
 * TEST-<suite>.xml} per directory of tests, where the suite is named like a class, {@code
 * root.sub.dir}, and each test file is a {@code testcase} named after the file. CI servers and IDEs
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

  /** Writes one report per suite into {@code directory} (created if needed); returns the files. */
  public static List<Path> write(Path directory, List<TestResult> results) throws IOException {
    return write(directory, results, Path::toString);
  }

  /**
   * As {@link #write(Path, List)}, each test's file named by {@code paths} (in its {@code file}
   * attribute and its failure's {@code path:line}).
   */
  public static List<Path> write(Path directory, List<TestResult> results, Function<Path, String> paths)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, List<TestResult>> suites = new LinkedHashMap<>();
    for (TestResult result : results) {
      suites.computeIfAbsent(suiteName(result.file()), name -> new ArrayList<>()).add(result);
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<TestResult>> suite : suites.entrySet()) {
      Path file = directory.resolve("TEST-" + suite.getKey() + ".xml");
      try (OutputStream out = Files.newOutputStream(file)) {
        writeSuite(out, suite.getKey(), suite.getValue(), paths);
      } catch (XMLStreamException e) {
        throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      written.add(file);
    }
    return written;
  }

  /**
   * The class-like name of a test's directory: the root's name, then the directories below it,
   * joined with dots ({@code test.closure}).
   */
  public static String suiteName(TestFile file) {
    String directory = file.relativeDirectory();
    String name = directory.isEmpty() ? file.rootName() : file.rootName() + "." + directory.replace('/', '.');
    return name.replaceAll("[^A-Za-z0-9_.$-]", "_");
  }

  static void writeSuite(
      OutputStream out, String name, List<TestResult> results, Function<Path, String> paths)
      throws XMLStreamException {
    XMLStreamWriter xml =
        XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
    xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
    xml.writeCharacters("\n");
    xml.writeStartElement("testsuite");
    xml.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
    xml.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "noNamespaceSchemaLocation", SCHEMA);
    xml.writeAttribute("version", VERSION);
    xml.writeAttribute("name", xmlText(name));
    xml.writeAttribute(
        "time", seconds(results.stream().map(TestResult::time).reduce(Duration.ZERO, Duration::plus)));
    xml.writeAttribute("tests", Integer.toString(results.size()));
    long errors = results.stream().filter(TestResult::isError).count();
    xml.writeAttribute("errors", Long.toString(errors));
    xml.writeAttribute("skipped", Long.toString(results.stream().filter(r -> r.outcome() == TestResult.Outcome.SKIPPED).count()));
    xml.writeAttribute("failures", Long.toString(results.stream().filter(TestResult::failed).count() - errors));
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
