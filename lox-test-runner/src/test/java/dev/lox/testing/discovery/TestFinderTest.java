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
  void find_symlinkedDirectoryGiven_itsTestsFound() throws IOException {
    touch("real/t.lox", "real/sub/u.lox");
    Path link = Files.createSymbolicLink(root.resolve("linkdir"), root.resolve("real"));

    TestFinder.Found found = TestFinder.find(List.of(link), PathFilter.all(), true);

    assertEquals(List.of("sub/u.lox", "t.lox"), names(found));
    assertEquals(List.of(), found.problems());
  }

  @Test
  void find_symlinksInsideADirectory_followed() throws IOException {
    touch("elsewhere/linked.lox", "other/dir/deep.lox", "tests/plain.lox");
    Files.createSymbolicLink(root.resolve("tests/linked.lox"), root.resolve("elsewhere/linked.lox"));
    Files.createSymbolicLink(root.resolve("tests/dir"), root.resolve("other/dir"));

    TestFinder.Found found = TestFinder.find(List.of(root.resolve("tests")), PathFilter.all(), true);

    assertEquals(List.of("dir/deep.lox", "linked.lox", "plain.lox"), names(found));
  }

  @Test
  void find_twoLinksToOneDirectory_eachTestOnce() throws IOException {
    touch("tests/real/t.lox");
    Files.createSymbolicLink(root.resolve("tests/again"), root.resolve("tests/real"));

    TestFinder.Found found = TestFinder.find(List.of(root.resolve("tests")), PathFilter.all(), true);

    assertEquals(List.of("again/t.lox"), names(found));
  }

  @Test
  void find_linkCycle_reportedOnceAndNoTestRepeated() throws IOException {
    touch("tests/a/t.lox");
    Files.createSymbolicLink(root.resolve("tests/a/up"), root.resolve("tests"));

    TestFinder.Found found = TestFinder.find(List.of(root.resolve("tests")), PathFilter.all(), true);

    assertEquals(List.of("a/t.lox"), names(found));
    assertEquals(
        List.of("cannot read " + root.resolve("tests/a/up")
            + ": symbolic link loop (it leads back to a directory above it)"),
        found.problems());
  }

  @Test
  void find_brokenLinkToATest_isAProblem() throws IOException {
    Files.createDirectories(root.resolve("tests"));
    Files.createSymbolicLink(root.resolve("tests/gone.lox"), root.resolve("nowhere.lox"));

    TestFinder.Found found = TestFinder.find(List.of(root.resolve("tests")), PathFilter.all(), true);

    assertEquals(
        List.of("cannot read " + root.resolve("tests/gone.lox")
            + ": broken symbolic link (its target does not exist)"),
        found.problems());
  }

  @Test
  void find_pathThatIsNeitherFileNorDirectory_saysSo() throws Exception {
    Path fifo = root.resolve("ff.lox");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());

    TestFinder.Found found = TestFinder.find(List.of(fifo), PathFilter.all(), true);

    assertEquals(List.of("not a regular file or directory: " + fifo), found.problems());
  }

  @Test
  void find_aNamedPipeCalledLikeATestInADirectory_isAProblem_notSkipped() throws Exception {
    touch("tests/t.lox");
    Path fifo = root.resolve("tests/ff.lox");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    TestFinder.Found found = TestFinder.find(List.of(root.resolve("tests")), PathFilter.all(), true);

    assertEquals(List.of("cannot read " + fifo + ": not a regular file"), found.problems());
  }

  @Test
  void problem_badGlob_named() {
    PathFilter.BadPatternException e =
        assertThrows(PathFilter.BadPatternException.class, () -> PathFilter.of(List.of("ok", "[a")));
    assertTrue(e.getMessage().startsWith("bad glob '[a': "), e.getMessage());
    assertEquals("[a", e.pattern());
  }
}
