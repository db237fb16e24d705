import EBCheckFormats
import Foundation
import Testing

/// The TOML reader behind `[tool.ebcheck]`: unit cases, then the same documents read by
/// Python's `tomllib` (the reference implementation pip and ruff users have) must agree.
@Suite struct TOMLReaderTests {
  static let pyproject = """
    # A pyproject.toml like the ones ebcheck meets.
    [build-system]
    requires = ["setuptools>=61", "wheel"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "mysite"
    version = "1.0.0"
    dependencies = [
      "Django>=4.2,<5",  # LTS
      'gunicorn',
    ]
    authors = [{ name = "Dev", email = "dev@example.com" }]

    [project.optional-dependencies]
    dev = ["pytest"]

    [[tool.poetry.source]]
    name = "private"
    url = "https://pypi.example.com/simple/"

    [[tool.poetry.source]]
    name = "second"
    priority = "explicit"

    [tool.coverage.report]
    fail_under = 90.5
    exclude_lines = ['''
        pragma: no cover
    ''']

    [tool.ebcheck]
    select = ["HC", "DJ"]
    ignore = ["DJ002"]
    exclude = ["legacy/**"]
    max-file-size = 1_048_576
    env = { ALLOWED_HOSTS = "www.example.com", "QUOTED KEY" = 'x' }
    health-check.path = "/health/"

    [tool.ebcheck.environments.prod]
    settings = "mysite.settings.production"
    env.DEBUG = "False"
    """

  static let validDocuments: [String] = [
    pyproject,
    "a = 1\nb = -2\nc = +3\nd = 0x1F\ne = 0o17\nf = 0b101\ng = 1_000\n",
    "f1 = 1.5\nf2 = -0.01\nf3 = 5e+22\nf4 = 6.626e-34\nf5 = inf\nf6 = -inf\n",
    "s = \"tab\\there \\u00e9 \\U0001F600 \\\"q\\\" \\\\\"\nl = 'C:\\\\no\\escapes'\n",
    "m = \"\"\"\nline one\nline two\"\"\"\nj = \"\"\"a \\\n    b\"\"\"\nq = \"\"\"x\"\"\"\"\"\n",
    "r = '''\n  raw \\n text\n'''\n",
    "t = true\nf = false\n",
    "d1 = 1979-05-27T07:32:00Z\nd2 = 1979-05-27\nd3 = 07:32:00\nd4 = 1979-05-27 07:32:00\n",
    "arr = [ 1, 2, 3, ]\nnested = [[1, 2], ['a', \"b\"]]\nempty = []\nmixed = [\n  # comment\n  1,\n\n  2\n]\n",
    "[a.b.c]\nx = 1\n[a]\ny = 2\n",
    "[\"quoted table\".'literal']\nkey = 'v'\n",
    "site.\"google.com\" = true\nfruit.apple.color = 'red'\nfruit.apple.size = 3\n",
    "[[products]]\nname = 'Hammer'\n[[products]]\n[[products]]\nname = 'Nail'\n[products.details]\nsize = 1\n",
    "point = { x = 1, y = 2, nested.z = 3 }\nempty = {}\n",
    "crlf = 1\r\nother = 'x'\r\n",
    "",
    "# only a comment\n",
  ]

  static let invalidDocuments: [String] = [
    "a = 1\na = 2\n",
    "[t]\n[t]\n",
    "a = \n",
    "a = \"unterminated\n",
    "a = 'x' b = 'y'\n",
    "a = [1, 2\n",
    "a = bare\n",
    "key\n",
    "[table\n",
    "a = 01\n",
    "a = 1__0\n",
    "s = \"bad \\q escape\"\n",
    "x = { a = 1 }\n[x]\n",
    "a.b = 1\na.b.c = 2\n",
    "m = \"\"\"never closed\n",
  ]

  // MARK: Unit cases

  @Test func readsTheEBCheckTableOfAPyproject() throws {
    let document = try TOMLReader.parse(Self.pyproject)
    let table = try #require(document.table(at: ["tool", "ebcheck"]))
    #expect(table["select"]?.array?.compactMap(\.string) == ["HC", "DJ"])
    #expect(table["max-file-size"]?.integer == 1_048_576)
    #expect(table["env"]?.table?["QUOTED KEY"]?.string == "x")
    #expect(table["health-check"]?.table?["path"]?.string == "/health/")
    #expect(
      table.table(at: ["environments", "prod"])?["env"]?.table?["DEBUG"]?.string == "False")
    #expect(table["select"]?.line == 33)
    #expect(document.table(at: ["tool", "poetry"])?["source"]?.array?.count == 2)
  }

  /// tomllib refuses a UTF-8 byte-order mark; editors on Windows write one, so it is skipped.
  @Test func aByteOrderMarkIsSkipped() throws {
    #expect(try TOMLReader.parse("\u{FEFF}key = 'BOM first'\n")["key"]?.string == "BOM first")
  }

  @Test func keysKeepTheirOrder() throws {
    let document = try TOMLReader.parse("b = 1\na = 2\n[c]\n")
    #expect(document.keys == ["b", "a", "c"])
  }

  @Test func errorsNameTheLine() {
    #expect(throws: TOMLError(line: 3, "the key 'a' is defined twice")) {
      try TOMLReader.parse("# x\na = 1\na = 2\n")
    }
    do {
      _ = try TOMLReader.parse("ok = 1\n\nbad = bare\n")
      Issue.record("bare value accepted")
    } catch {
      #expect(error.line == 3)
      #expect(error.message.contains("'bare' is not a TOML value"))
    }
  }

  // MARK: Against Python's tomllib

  static func viaPython(_ text: String) throws -> Any {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("ebcheck-toml-\(UUID().uuidString).toml")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let output = try #require(PythonTestSupport.runPython("toml_json.py", [file.path]))
    return try JSONSerialization.jsonObject(with: Data(output.utf8))
  }

  static func encode(_ node: TOMLNode) -> Any {
    switch node.kind {
    case .string(let text): return text
    case .integer(let value): return value
    case .boolean(let value): return value
    case .float(let value): return ["float": "\(value)"]
    case .dateTime: return ["datetime": true]
    case .array(let items): return items.map(encode)
    case .table(let table): return encode(table)
    }
  }

  static func encode(_ table: TOMLTable) -> [String: Any] {
    var object: [String: Any] = [:]
    for key in table.keys { object[key] = encode(table[key]!) }
    return object
  }

  static func same(_ lhs: Any, _ rhs: Any) -> Bool {
    NSDictionary(dictionary: ["v": lhs]).isEqual(to: ["v": rhs])
  }

  @Test(arguments: validDocuments)
  func validDocumentsReadAsTomllibReadsThem(_ text: String) throws {
    let expected = try Self.viaPython(text)
    let actual = Self.encode(try TOMLReader.parse(text))
    #expect(Self.same(actual, expected), "ebcheck: \(actual)\ntomllib: \(expected)")
  }

  @Test(arguments: invalidDocuments)
  func invalidDocumentsAreRejectedByBoth(_ text: String) throws {
    let python = try Self.viaPython(text) as? [String: Any]
    #expect(python?["error"] as? Bool == true, "tomllib accepts \(text.debugDescription)")
    #expect(throws: TOMLError.self) { try TOMLReader.parse(text) }
  }
}
