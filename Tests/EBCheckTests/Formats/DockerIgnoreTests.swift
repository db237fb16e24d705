import EBCheckCore
import EBCheckFormats
import Testing

/// `.dockerignore` as `docker build` reads it: every pattern relative to the context root,
/// the last match deciding, a folder's pattern covering its files.
@Suite struct DockerIgnoreTests {
  static let ignore = DockerIgnore.read(
    SourceFile(
      path: "web/.dockerignore",
      text: "# build noise\r\n*.md\r\n./deploy/\r\n!deploy/README.md\r\n**/__pycache__\r\n/.git\r\n"
    ))

  @Test func patternsAreAnchoredAtTheContextRoot() {
    #expect(Self.ignore.excludes("README.md"))
    #expect(!Self.ignore.excludes("docs/guide.md"))  // `*.md` matches only at the root
    #expect(Self.ignore.excludes(".git/config"))
    #expect(Self.ignore.excludes("app/__pycache__/views.cpython-312.pyc"))
    #expect(!Self.ignore.excludes("app/views.py"))
  }

  @Test func aFolderPatternCoversItsFilesAndALaterExceptionBringsOneBack() {
    #expect(Self.ignore.excludes("deploy/hosts.json"))
    #expect(Self.ignore.excludes("deploy/é/clés.json"))
    #expect(!Self.ignore.excludes("deploy/README.md"))
  }

  @Test func theContextsOwnFileIsRead() {
    let files = SourceFiles([SourceFile(path: "web/.dockerignore", text: "secrets\n")])
    #expect(DockerIgnore.of(context: "web", in: files).excludes("secrets/a.json"))
    #expect(!DockerIgnore.of(context: "", in: files).excludes("secrets/a.json"))
  }
}
