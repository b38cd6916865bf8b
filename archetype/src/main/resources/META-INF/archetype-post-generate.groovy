// What the archetype plugin cannot do by itself, done after it generated the project:
// - it drops files named .gitignore from an archetype, so the template is `gitignore`, renamed here
//   (rather than a __gitignore__ file name and a `gitignore` property that every user is shown);
// - it writes every file without its permissions: the Maven Wrapper's script gets back the
//   execute bit it has in the archetype, so that ./mvnw works as it does at the source.
import java.nio.file.Files

def project = new File(request.outputDirectory, request.artifactId)

def template = new File(project, "gitignore")
if (template.isFile()) {
  Files.move(template.toPath(), new File(project, ".gitignore").toPath())
}

def wrapper = new File(project, "mvnw")
if (wrapper.isFile() && !wrapper.setExecutable(true, false)) {
  println "[WARNING] Could not make ${wrapper} executable: run it as sh mvnw"
}
