import EBCheck
import EBCheckCore
import Testing

/// `SourceFiles.split` finds the application folders holding a path on its bytes when the
/// path is ASCII: the folders must be those the Character walk finds, for every path.
@Suite struct SplitHoldersTests {
  static let roots = ["", "svc/", "svc/api/", "é/", "e\u{301}/x/", "a\r/", "\u{600}/", "deep/a/b/"]
  static let paths = [
    "manage.py", "svc/app.py", "svc/api/app.py", "svc/api", "svc2/app.py", "é/app.py",
    "e\u{301}/x/app.py", "é/x/app.py", "a\r/f", "a\r\n/f", "\u{600}/f", "\u{600}x/f",
    "deep/a/b/c/d.py", "deep/a/f", "/abs", "svc//api/x", "",
  ]

  @Test func bytesAgreeWithCharacters() {
    let index = Dictionary(uniqueKeysWithValues: Self.roots.enumerated().map { ($1, $0) })
    for path in Self.paths {
      #expect(
        SourceFiles.holders(of: path, in: index) == SourceFiles.unicodeHolders(of: path, in: index),
        "\(path)")
    }
    #expect(SourceFiles.holders(of: "svc/api/app.py", in: index) == [0, 1, 2])
  }
}
