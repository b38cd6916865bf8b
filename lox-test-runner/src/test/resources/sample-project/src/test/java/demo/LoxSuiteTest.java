package demo;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** The same, with the JUnit Platform's own suite annotations. */
@Suite
@IncludeEngines("lox")
@SelectDirectories("src/test/lox-suite")
class LoxSuiteTest {}
