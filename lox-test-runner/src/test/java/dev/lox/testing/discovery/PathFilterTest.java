package dev.lox.testing.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {
  private static final List<String> TESTS = List.of(
      "assign.lox",
      "closure/assign_to_closure.lox",
      "closure/deep/slow.lox",
      "closure/unused.lox",
      "class/unused.lox",
      "unused.lox");

  /** The tests {@code filters} keeps, in {@link #TESTS}' order. */
  private static List<String> kept(String... filters) {
    PathFilter filter = PathFilter.of(List.of(filters));
    return TESTS.stream().filter(filter::accepts).toList();
  }

  /** The globs a comma-separated list stands for, in order, each once. */
  private static List<String> globs(String filter) {
    return PathFilter.parse(filter).stream().flatMap(p -> p.globs().stream()).distinct().toList();
  }

  @Test
  void aNameMatchesAtAnyDepthWithOrWithoutItsExtension() {
    assertEquals(List.of("counter", "counter.lox", "**/counter", "**/counter.lox"), globs("counter"));
    assertEquals(List.of("closures/*"), globs("closures/*"));
    assertEquals(List.of("**/assign*"), globs("**/assign*"));
    assertEquals(List.of("a.lox", "**/a.lox", "b/c", "b/c.lox"), globs(" a.lox , b/c,"));
    assertEquals(List.of(), globs(null));
    assertEquals(List.of(), globs(""));

    assertEquals(List.of("closure/unused.lox", "class/unused.lox", "unused.lox"), kept("unused"));
    assertEquals(List.of("unused.lox"), kept("unused.lox", "!*/*"));
  }

  @Test
  void aPathNamesOnlyThatPath() {
    assertEquals(List.of("closure/unused.lox"), kept("closure/unused"));
    assertEquals(List.of("closure/assign_to_closure.lox", "closure/unused.lox"), kept("closure/*.lox"));
  }

  @Test
  void aDirectoryMatchesEverythingBelowIt() {
    assertEquals(
        List.of("closure/assign_to_closure.lox", "closure/deep/slow.lox", "closure/unused.lox"),
        kept("closure"));
    assertEquals(List.of("closure/deep/slow.lox"), kept("deep/"));
    assertEquals(
        List.of("closure/assign_to_closure.lox", "closure/deep/slow.lox", "closure/unused.lox"),
        kept("closure/*"));
  }

  @Test
  void listsAndRepeatedFiltersAddUp() {
    assertEquals(List.of("assign.lox", "class/unused.lox"), kept("assign, class"));
    assertEquals(List.of("assign.lox", "class/unused.lox"), kept("assign", "class"));
    assertEquals(List.of("closure/unused.lox", "class/unused.lox"), kept("{closure,class}/unused"));
    assertEquals(List.of("closure/unused.lox", "class/unused.lox"), kept("c[a-z,]*/unused"));
  }

  @Test
  void exclusionsLeaveOut() {
    assertEquals(
        List.of("assign.lox", "closure/assign_to_closure.lox", "closure/unused.lox", "unused.lox"),
        kept("!class,!slow"));
    assertEquals(List.of("closure/assign_to_closure.lox", "closure/unused.lox"),
        kept("closure, !closure/deep"));
    assertEquals(List.of("closure/assign_to_closure.lox"), kept("closure", "!unused", "!deep"));
    assertEquals(List.of(), kept("assign", "!assign"));
  }

  @Test
  void noPatternsKeepEverything() {
    assertTrue(PathFilter.all().keepsAll());
    assertTrue(PathFilter.of(List.of(" , ", "")).keepsAll());
    assertEquals(TESTS, kept(" , "));
    assertFalse(PathFilter.of(List.of("!x")).keepsAll());
  }

  @Test
  void aBadPatternIsNamedAsWritten() {
    PathFilter.BadPatternException glob =
        assertThrows(PathFilter.BadPatternException.class, () -> PathFilter.of(List.of("ok, ![a")));
    assertEquals("![a", glob.pattern());
    PathFilter.BadPatternException empty =
        assertThrows(PathFilter.BadPatternException.class, () -> PathFilter.of(List.of("a, !")));
    assertEquals("!", empty.pattern());
    assertEquals("nothing to exclude after '!'", empty.reason());
  }
}
