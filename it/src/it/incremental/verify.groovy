// lox:compile does only the work needed. After the first build (run by the invoker), this script
// runs lox:compile twice more, offline against the same local repository:
//   1. with nothing changed: nothing is compiled and no chunk is rewritten;
//   2. after editing one source, touching another (time stamp only), deleting a third, damaging
//      one chunk (keeping its time stamp) and giving another the header of a different toolchain
//      version: exactly the edited, damaged and foreign chunks are rebuilt, the deleted source's
//      chunk is removed, and nothing else is written. (Freshness is by content: a chunk records
//      its source's SHA-256, so touching a source without changing it recompiles nothing.)
import java.nio.file.Files
import java.nio.file.attribute.BasicFileAttributes
import java.nio.file.attribute.FileTime
import java.util.zip.CRC32C

def sources = new File(basedir, "src/main/lox")
def classes = new File(basedir, "target/classes")
def chunk = { String name -> new File(classes, name + ".loxc") }
def names = ["main", "edited", "corrupted", "foreign", "lib/kept", "lib/deleted"]
names.each { assert chunk(it).isFile() : "the first build did not compile ${it}.lox" }

// The invoker's settings, so that what its builds fetched counts as fetched (offline builds use
// only what is in the local repository, but Maven checks where each file came from).
def settings = new File(basedir, "target/it-settings.xml")
settings.parentFile.mkdirs()
settings.text = new File(itSettings).text.replace("@localRepositoryUrl@", new File(outerRepository).toURI().toString())

def mvn = { String step ->
  def mavenHome = System.getProperty("maven.home")
  def command = [new File(mavenHome, "bin/mvn").path, "-B", "-o", "-s", settings.path,
      "-Dmaven.repo.local=" + localRepositoryPath, "lox:compile"]
  def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
  def buffer = new ByteArrayOutputStream()
  def reader = process.consumeProcessOutputStream(buffer)
  if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
    process.destroyForcibly()
    assert false : "lox:compile (${step}) did not end within 5 minutes"
  }
  reader.join()
  def output = buffer.toString("UTF-8")
  def status = process.exitValue()
  new File(basedir, "build-${step}.log").text = output
  assert status == 0 : "lox:compile (${step}) failed:\n" + output
  output
}

// What identifies one written file: its inode (chunks are replaced by renaming a new file over
// them) and its time stamp, set far in the past so that any write shows.
def old = FileTime.fromMillis(1_000_000_000_000L)
def identity = { File file ->
  def attributes = Files.readAttributes(file.toPath(), BasicFileAttributes)
  [attributes.fileKey(), attributes.lastModifiedTime(), file.bytes.encodeBase64().toString()]
}
def snapshot = {
  classes.eachFileRecurse { if (it.name.endsWith(".loxc")) Files.setLastModifiedTime(it.toPath(), old) }
  names.collectEntries { [(it): chunk(it).exists() ? identity(chunk(it)) : null] }
}

// 1. Nothing changed.
def before = snapshot()
def second = mvn("unchanged")
assert second.contains("Compiled 0 Lox files to target/classes, 6 up to date") : second
names.each { assert identity(chunk(it)) == before[it] : "${it}.loxc was rewritten by a build with nothing to do" }

// 2. Changes.
before = snapshot()
def original = names.collectEntries { [(it): chunk(it).bytes] }

new File(sources, "edited.lox").text = 'print "edited, changed";\n'
def touched = new File(sources, "lib/kept.lox")
touched.setLastModified(System.currentTimeMillis() + 5_000)
assert new File(sources, "lib/deleted.lox").delete()

byte[] damaged = chunk("corrupted").bytes
damaged[damaged.length - 8] ^= 0x41
chunk("corrupted").bytes = damaged
// Damaged on disk, its time stamp as it was: still caught.
Files.setLastModifiedTime(chunk("corrupted").toPath(), old)

// Another toolchain version: the header's version field (offset 56: its length, then UTF-8)
// replaced, and the CRC-32C over everything before the last 4 bytes recomputed (docs/chunk-format.md).
byte[] mine = chunk("foreign").bytes
int versionLength = mine[56] & 0xff
assert new String(mine, 57, versionLength, "UTF-8") == loxVersion
byte[] otherVersion = "0.0.1".getBytes("UTF-8")
def foreign = new ByteArrayOutputStream()
foreign.write(mine, 0, 56)
foreign.write(otherVersion.length)
foreign.write(otherVersion)
foreign.write(mine, 57 + versionLength, mine.length - 4 - (57 + versionLength))
def crc = new CRC32C()
crc.update(foreign.toByteArray())
[24, 16, 8, 0].each { foreign.write((int) (crc.value >>> it) & 0xff) }
chunk("foreign").bytes = foreign.toByteArray()
before = names.collectEntries { [(it): chunk(it).exists() ? identity(chunk(it)) : null] }

def third = mvn("changed")
assert third.contains("Compiled 3 Lox files to target/classes, 2 up to date, 1 chunk of deleted sources removed") : third
assert third =~ /\[WARNING\] Recompiling target\/classes\/corrupted\.loxc: .*checksum/ : third
assert third.contains("Recompiling target/classes/foreign.loxc: written by toolchain 0.0.1, this is " + loxVersion) : third

assert !chunk("lib/deleted").exists() : "the chunk of a deleted source is still there"
["main", "lib/kept"].each { assert identity(chunk(it)) == before[it] : "${it}.loxc was rewritten" }
["edited", "corrupted", "foreign"].each {
  assert identity(chunk(it)) != before[it] : "${it}.loxc was not rebuilt"
}
// Rebuilt chunks are what the toolchain writes for their source, byte for byte.
assert chunk("corrupted").bytes == original["corrupted"]
assert chunk("foreign").bytes == original["foreign"]
assert chunk("edited").bytes != original["edited"]
true
