package dev.lox.testing.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFinderTest {
  @TempDir Path root;

  private void touch(String... relativePaths) throws IOException {
    for (String relative : relativePaths) {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, "");
    }
  }

  private List<String> names(TestFinder.Found found) {
    return found.files().stream().map(TestFile::relativePath).toList();
  }

  @Test
  void find_loxFilesOnly_sortedByPath() throws IOException {
    touch("b/z.lox", "a.lox", "b/a.lox", "notes.txt");

    assertEquals(List.of("a.lox", "b/a.lox", "b/z.lox"), names(TestFinder.find(List.of(root), PathFilter.all(), true)));
  }

  @Test
  void find_bookSuiteRoot_skipsItsChapterFolders() throws IOException {
    touch("benchmark/fib.lox", "scanning/x.lox", "expressions/e.lox", "closure/c.lox", "t.lox");

    assertEquals(List.of("closure/c.lox", "t.lox"), names(TestFinder.find(List.of(root), PathFilter.all(), true)));
    assertEquals(5, TestFinder.find(List.of(root), PathFilter.all(), false).files().size());
  }

  @Test
  void find_folderNamedExpressionsInAnotherProject_isKept() throws IOException {
    touch("expressions/e.lox");

    assertEquals(List.of("expressions/e.lox"), names(TestFinder.find(List.of(root), PathFilter.all(), true)));
  }

  @Test
  void find_filterGlob_matchesFilesOrTheirDirectories() throws IOException {
    touch("closure/a.lox", "closure/deep/b.lox", "class/c.lox", "assign.lox");

    assertEquals(
        List.of("closure/a.lox", "closure/deep/b.lox"),
        names(TestFinder.find(List.of(root), PathFilter.of(List.of("closure")), true)));
    assertEquals(
        List.of("closure/a.lox"),
        names(TestFinder.find(List.of(root), PathFilter.of(List.of("closure/*.lox")), true)));
    assertEquals(
        List.of("assign.lox", "class/c.lox"),
        names(TestFinder.find(List.of(root), PathFilter.of(List.of("c*/c.lox", "assign*")), true)));
  }

  @Test
  void find_fileGivenDirectly_andTwice_listedOnce() throws IOException {
    touch("one.lox");
    Path file = root.resolve("one.lox");

    TestFinder.Found found = TestFinder.find(List.of(file, root), PathFilter.all(), true);

    assertEquals(List.of("one.lox"), names(found));
  }

  @Test
  void find_missingPath_isAProblem() {
    TestFinder.Found found = TestFinder.find(List.of(root.resolve("nope")), PathFilter.all(), true);

    assertTrue(found.files().isEmpty());
    assertEquals(List.of("no such file or directory: " + root.resolve("nope")), found.problems());
  }

  @Test
  void problem_badGlob_named() {
    PathFilter.BadPatternException e =
        assertThrows(PathFilter.BadPatternException.class, () -> PathFilter.of(List.of("ok", "[a")));
    assertTrue(e.getMessage().startsWith("bad glob '[a': "), e.getMessage());
    assertEquals("[a", e.pattern());
  }
}
