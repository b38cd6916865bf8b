package dev.lox.testing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.testing.ScriptedExecutor;
import dev.lox.testing.TestFileRunner;
import dev.lox.testing.TestResult;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.discovery.TestFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SurefireReportWriterTest {
  @TempDir Path suite;
  @TempDir Path reports;

  private TestFile test(String relativePath, String source) throws IOException {
    Path file = suite.resolve(relativePath);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return new TestFile(file, suite, relativePath);
  }

  private List<TestResult> results() throws IOException {
    ScriptedExecutor executor =
        new ScriptedExecutor()
            .on("good.lox", ScriptedExecutor.exited("1\n", "", 0))
            // Output no XML 1.0 document can hold as is: a bell, a byte that is not UTF-8, "]]>".
            .on("bad.lox", ScriptedExecutor.exited("\u0007\u00ff]]>&<\n", "", 0))
            .on("crash.lox", ScriptedExecutor.exited("", "Boom.\n[line 1] in script\n", 70));
    TestFileRunner runner = new TestFileRunner(executor, Duration.ofSeconds(1), UpdateMode.NONE);
    return List.of(
        runner.run(test("closure/good.lox", "print 1; // expect: 1\n")),
        runner.run(test("closure/bad.lox", "print 2; // expect: 2\n")),
        skipped(test("closure/later.lox", "")),
        runner.run(test("closure/crash.lox", "print nil + 1;\n")),
        runner.run(test("top.lox", "")));
  }

  private static TestResult skipped(TestFile file) {
    return new TestResult(
        file,
        TestResult.Outcome.SKIPPED,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "not run: 1 failures reached the limit");
  }

  @Test
  void write_onePerDirectory_wellFormed_withSurefiresAttributes() throws Exception {
    List<Path> written = SurefireReportWriter.write(reports, results());

    String root = suite.getFileName().toString();
    assertEquals(
        List.of(reports.resolve("TEST-" + root + ".closure.xml"), reports.resolve("TEST-" + root + ".xml")),
        written);
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(written.get(0).toFile());
    Element testsuite = xml.getDocumentElement();
    assertEquals("testsuite", testsuite.getTagName());
    assertEquals(root + ".closure", testsuite.getAttribute("name"));
    assertEquals("4", testsuite.getAttribute("tests"));
    assertEquals("1", testsuite.getAttribute("failures"));
    assertEquals("1", testsuite.getAttribute("errors"));
    assertEquals("1", testsuite.getAttribute("skipped"));
    assertTrue(testsuite.getAttribute("time").matches("\\d+\\.\\d{3}"));
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    Path bad = suite.resolve("closure/bad.lox");
    assertEquals(bad + ":1: expected '2', got '\\x07\\xFF]]>&<'", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().startsWith("FAIL " + bad + ":1\n"), failure.getTextContent());
    Element badCase = (Element) failure.getParentNode();
    assertEquals(bad.toString(), badCase.getAttribute("file"));
    assertEquals("1", badCase.getAttribute("line"));
    assertEquals("WRONG_OUTPUT", failure.getAttribute("type"));
    assertEquals("\\x07\\xFF]]>&<\n", xml.getElementsByTagName("system-out").item(1).getTextContent());
    assertEquals(1, xml.getElementsByTagName("failure").getLength());
    Element error = (Element) xml.getElementsByTagName("error").item(0);
    assertEquals("crash", ((Element) error.getParentNode()).getAttribute("name"));
    assertEquals("UNEXPECTED_STDERR", error.getAttribute("type"));
    assertTrue(error.getTextContent().contains("| Boom."), error.getTextContent());
  }

  /**
   * Surefire 3.x's schema of its reports ({@code surefire-test-report-3.0.xsd}, test resources):
   * every report validates once the two attributes it does not declare, {@code testcase}'s {@code
   * file} and {@code line}, are taken out; they are the only ones it does not know.
   */
  @Test
  void write_validatesAgainstSurefiresSchema_butForFileAndLine() throws Exception {
    List<TestResult> all = new java.util.ArrayList<>(results());
    TestFileRunner slow = new TestFileRunner(new ScriptedExecutor(path -> new dev.lox.testing.exec.Execution(
        "half\n".getBytes(), new byte[0], -1, dev.lox.testing.exec.Execution.Ending.TIMED_OUT,
        Duration.ofSeconds(1), "")), Duration.ofSeconds(1), UpdateMode.NONE);
    all.add(slow.run(test("closure/forever.lox", "print \"half\"; // expect: half\nprint 1; // expect: 1\n")));
    List<Path> written = SurefireReportWriter.write(reports, all);
    javax.xml.validation.Schema schema = javax.xml.validation.SchemaFactory
        .newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(getClass().getResource("/surefire/surefire-test-report-3.0.xsd"));

    DocumentBuilderFactory namespaces = DocumentBuilderFactory.newInstance();
    namespaces.setNamespaceAware(true);
    for (Path report : written) {
      Document xml = namespaces.newDocumentBuilder().parse(report.toFile());
      org.xml.sax.SAXException strict = org.junit.jupiter.api.Assertions.assertThrows(
          org.xml.sax.SAXException.class,
          () -> schema.newValidator().validate(new javax.xml.transform.dom.DOMSource(xml)));
      assertTrue(strict.getMessage().contains("'file'"), strict.getMessage());
      org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testcase = (Element) cases.item(i);
        assertTrue(testcase.hasAttribute("file"));
        testcase.removeAttribute("file");
        testcase.removeAttribute("line");
      }
      schema.newValidator().validate(new javax.xml.transform.dom.DOMSource(xml));
    }
    String closure = Files.readString(written.get(0));
    assertTrue(closure.contains("errors=\"2\""), closure);
    assertTrue(closure.contains("timed out after 1 s"), closure);
  }

  @Test
  void write_readBySurefiresOwnParser_withTheRightCounts() throws Exception {
    List<Path> written = SurefireReportWriter.write(reports, results());

    List<ReportTestSuite> parsed =
        new TestSuiteXmlParser(new NullConsoleLogger()).parse(written.get(0).toString());

    assertEquals(1, parsed.size());
    ReportTestSuite closure = parsed.get(0);
    assertEquals(4, closure.getNumberOfTests());
    assertEquals(1, closure.getNumberOfFailures());
    assertEquals(1, closure.getNumberOfSkipped());
    assertEquals(1, closure.getNumberOfErrors());
    assertTrue(closure.getTestCases().get(3).hasError());
    assertEquals(
        List.of("good", "bad", "later", "crash"),
        closure.getTestCases().stream().map(ReportTestCase::getName).toList());
    ReportTestCase bad = closure.getTestCases().get(1);
    assertTrue(bad.hasFailure());
    assertEquals("WRONG_OUTPUT", bad.getFailureType());
    assertTrue(bad.getFailureDetail().contains("stdout (- expected"), bad.getFailureDetail());
  }

  @Test
  void write_controlCharactersInNamesAndMessages_visiblyEscaped_parsesBack() throws Exception {
    // A directory (its name is in every failure's text) and a file, named with control characters.
    TestFile odd = test("dir\u001b/ctl\u0001.lox", "print 1; // expect: 1\n");
    TestFileRunner runner =
        new TestFileRunner(new ScriptedExecutor(path -> ScriptedExecutor.exited("2\n", "", 0)),
            Duration.ofSeconds(1), UpdateMode.NONE);
    TestResult failed = runner.run(odd);
    TestResult skipped =
        new TestResult(test("dir\u001b/later\u0002.lox", ""), TestResult.Outcome.SKIPPED,
            List.of(), Optional.empty(), Optional.empty(), Optional.empty(), "not run: \u0003");

    List<Path> written = SurefireReportWriter.write(reports, List.of(failed, skipped));

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(written.get(0).toFile());
    Element testcase = (Element) xml.getElementsByTagName("testcase").item(0);
    assertEquals("ctl\\u0001", testcase.getAttribute("name"));
    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertTrue(failure.getTextContent().contains("dir\\u001B/ctl\\u0001.lox"), failure.getTextContent());
    Element skip = (Element) xml.getElementsByTagName("skipped").item(0);
    assertEquals("not run: \\u0003", skip.getAttribute("message"));
    assertEquals(1, new TestSuiteXmlParser(new NullConsoleLogger()).parse(written.get(0).toString()).size());
  }
}
