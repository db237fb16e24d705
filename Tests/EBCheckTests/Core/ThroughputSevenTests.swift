import EBCheckCore
import Testing

@testable import EBCheckPython

/// Round seven's shortcuts (docs/performance.md) give the answers of the code they replace:
/// a syntax tree shared by files with the same bytes is the tree each would parse alone.
@Suite struct ThroughputSevenTests {
  static let sources = [
    "",
    "import os\nALLOWED_HOSTS = os.environ.get('HOSTS', 'a,b').split(',')\n",
    "DEBUG = True\r\nMIDDLEWARE = [\r\n    'django.middleware.common.CommonMiddleware',\r\n]\r\n",
    "# café\nNAME = 'wéb'  # ünïcode comment\nX = f'{NAME}-\u{301}'\n",
    "def broken(:\n    pass\nY = 1\n",
    "x = (1,\n",
    "class A:\n\tdef f(self):\n        return 1\n",
  ]

  @Test func sharedTreeIsTheTreeParsedAlone() {
    for source in Self.sources {
      let shared = SharedContent()
      for path in ["a/settings.py", "b/settings.py", "a/settings.py"] {
        let alone = SourceFile(path: path, text: source)
        let sharing = alone.sharing(shared)
        #expect(PythonParser.parse(sharing) == PythonParser.parse(alone), "\(path): \(source)")
        #expect(
          PythonParser.parse(sharing.relocated(to: "c/x.py"))
            == PythonParser.parse(
              alone.relocated(to: "c/x.py")))
      }
    }
  }

  @Test func shareGroupsEqualBytesOfOneKind() {
    let files = [
      SourceFile(path: "a/app.py", text: "X = 1\n"),
      SourceFile(path: "b/app.py", text: "X = 1\n"),
      SourceFile(path: "c/app.py", text: "X = 2\n"),
      SourceFile(path: "a/Procfile", text: "X = 1\n"),
      SourceFile(path: "d/app.py", text: "X = 1\n"),
      SourceFile(path: "e/app.py", text: "X = 1\r\n"),
    ]
    let shared = SharedContent.share(files, kind: .python)
    #expect(shared.map(\.path) == files.map(\.path))
    #expect(zip(shared, files).allSatisfy { $0.bytes == $1.bytes && $0.kind == $1.kind })
    let group = shared[0].shared
    #expect(group != nil)
    #expect(shared[1].shared === group && shared[4].shared === group)
    #expect(shared[2].shared == nil && shared[3].shared == nil && shared[5].shared == nil)
    #expect(shared[1].relocated(to: "z/app.py").shared === group)
    #expect(shared[1].replacingBytes(Array("X = 1\n".utf8)).shared == nil)
  }

  @Test func derivedValueIsMadeOnce() {
    let shared = SharedContent()
    var made = 0
    for _ in 0..<3 {
      let value = shared.derived(Int.self) {
        made += 1
        return 42
      }
      #expect(value == 42)
    }
    #expect(made == 1)
    #expect(shared.derived(String.self) { "other type" } == "other type")
  }
}
