// The archetype plugin writes every file without its permissions: give the Maven Wrapper's script
// back the execute bit it has in the archetype, so that ./mvnw works as it does at the source.
def project = new File(request.outputDirectory, request.artifactId)
def wrapper = new File(project, "mvnw")
if (wrapper.isFile() && !wrapper.setExecutable(true, false)) {
  println "[WARNING] Could not make ${wrapper} executable: run it as sh mvnw"
}
