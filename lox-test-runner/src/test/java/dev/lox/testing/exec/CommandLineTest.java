package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void split_likeAShell() {
    assertEquals(Optional.of(List.of("bin/lox")), CommandLine.split("bin/lox"));
    assertEquals(
        Optional.of(List.of("java", "-jar", "my lox.jar", "a\"b", "$x")),
        CommandLine.split("  java -jar 'my lox.jar' \"a\\\"b\" '$x' "));
    assertEquals(Optional.of(List.of("a b", "")), CommandLine.split("a\\ b ''"));
  }

  @Test
  void split_unbalancedOrEmpty_isNothing() {
    assertEquals(Optional.empty(), CommandLine.split("clox 'oops"));
    assertEquals(Optional.empty(), CommandLine.split("   "));
  }
}
