import EBCheck
import EBCheckCore
import Testing

/// `PathBases.displayer` shows a file below a root by concatenation when it can: it must show
/// what the path arithmetic (`display(join(root, path))`) shows for every ASCII path, and for
/// every path below a root beside the current directory (for a root at or below the current
/// directory, a non-ASCII path keeps the concatenation it always had).
@Suite struct DisplayerTests {
  static let directories = [
    "/", "/repo", "/repo/backend", "/srv/wt", "/tmp", "/tmp/s22", "/tmp/s22/mono/svc",
    "/é/x", "/\u{600}",
  ]
  static let roots = [
    "/repo", "/repo/backend", "/repo/backend/app", "/tmp/s22/mono", "/tmp/s2", "/", "/srv",
    "/é", "/e\u{301}/x", "/\u{600}", "/..repo/x", "/tmp/s22/mono/svc/deep",
  ]
  static let paths = [
    "a.py", "mysite/settings.py", "svc/.platform/nginx/conf.d/x.conf", "../up.py", "./a.py",
    "a//b.py", "/abs/x.py", "", ".", "é.py", "\u{301}x/a.py", "a/\u{301}/b", "...", "..x/y",
  ]

  @Test func concatenationEqualsPathArithmetic() {
    for directory in Self.directories {
      let bases = PathBases(currentDirectory: directory, repositoryRoot: directory)
      for root in Self.roots {
        let display = bases.displayer(root: root)
        let beside = PathBases.goesUpThenDown(bases.display(root))
        for path in Self.paths
        where beside || [directory, root, path].allSatisfy(PathBases.isASCII) {
          #expect(
            display(path) == bases.display(RelativePath.join(root, path)),
            "cwd \(directory) root \(root) path \(path)")
        }
      }
    }
  }

  @Test func upThenDown() {
    #expect(PathBases.goesUpThenDown("../../tmp/mono"))
    #expect(!PathBases.goesUpThenDown("../.."))
    #expect(!PathBases.goesUpThenDown("..foo/x"))
    #expect(!PathBases.goesUpThenDown("backend"))
    #expect(!PathBases.goesUpThenDown("..//x"))
  }
}
