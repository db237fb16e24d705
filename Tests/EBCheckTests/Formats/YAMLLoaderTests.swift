import EBCheck
import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct YAMLLoaderTests {
  func text(_ file: SourceFile, _ node: YAMLNode) -> String { file.text(node.span) }

  @Test func scalarSpansAreByteOffsetsWithMultibyteText() throws {
    let source = "# 한국어 주석 ✓\nname: \"héllo wörld\"\nkey: 값 # 설명\nlist:\n  - 😀\n  - x\n"
    let file = SourceFile(path: "a.config", text: source)
    let loaded = YAMLLoader.load(file)
    #expect(loaded.diagnostics.isEmpty)
    let root = try #require(loaded.root)
    #expect(text(file, try #require(root["name"])) == "\"héllo wörld\"")
    #expect(root["name"]?.scalar == "héllo wörld")
    #expect(text(file, try #require(root["key"])) == "값")
    let items = try #require(root["list"]?.sequence)
    #expect(text(file, items[0]) == "😀")
    #expect(text(file, items[1]) == "x")
    let keys = try #require(root.mapping).map { text(file, $0.key) }
    #expect(keys == ["name", "key", "list"])
  }

  @Test func spansSurviveCRLFAndByteOrderMark() throws {
    let source = "\u{FEFF}a: ü\r\nb:\r\n  c: 30\r\n  d: 'x y'\r\n"
    let file = SourceFile(path: "b.config", text: source)
    let loaded = YAMLLoader.load(file)
    #expect(loaded.diagnostics.isEmpty)
    let root = try #require(loaded.root)
    #expect(text(file, try #require(root["a"])) == "ü")
    let inner = try #require(root["b"])
    #expect(text(file, try #require(inner["c"])) == "30")
    #expect(text(file, try #require(inner["d"])) == "'x y'")
    #expect(
      file.location(of: try #require(inner["d"]).span.start) == LineColumn(line: 4, column: 6))
    #expect(text(file, inner) == "c: 30\r\n  d: 'x y'")
  }

  @Test func resolvesScalarsLikeYAML11() throws {
    let root = try #require(
      YAMLLoader.load("a: yes\nb: '30'\nc: 030\nd: 1.50\ne: ~\nf: 0x1F\ng: 1e3\nh: on\ni: 1_000\n")
        .root)
    #expect(root["a"]?.resolved == .bool(true))
    #expect(root["b"]?.resolved == .string("30"))
    #expect(root["c"]?.resolved == .int("24"))
    #expect(root["d"]?.resolved == .float("1.5"))
    #expect(root["e"]?.resolved == .null)
    #expect(root["f"]?.resolved == .int("31"))
    #expect(root["g"]?.resolved == .string("1e3"))
    #expect(root["h"]?.resolved?.rendered == "true")
    #expect(root["i"]?.resolved == .int("1000"))
  }

  @Test func cloudFormationTagsAreTaggedNodes() throws {
    let source = """
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: !Sub "${AWS::StackName}-logs"
            Arn: !GetAtt [Queue, Arn]
            Other: !Ref AWSEBLoadBalancer
            Joined: !Join
              - ""
              - - a
                - !Ref B
      """
    let loaded = YAMLLoader.load(source)
    #expect(loaded.diagnostics.isEmpty)
    let properties = try #require(loaded.root?["Resources"]?["Bucket"]?["Properties"])
    #expect(properties["BucketName"]?.tag == "!Sub")
    #expect(properties["BucketName"]?.cloudFormationFunction == "Fn::Sub")
    #expect(properties["Arn"]?.sequence?.count == 2)
    #expect(properties["Other"]?.cloudFormationFunction == "Ref")
    #expect(properties["Joined"]?.tag == "!Join")
    #expect(properties["Other"]?.resolved == nil)
  }

  @Test func anchorsAndAliasesExpand() throws {
    let loaded = YAMLLoader.load("base: &b {x: 1, y: [2, 3]}\ncopy: *b\n")
    #expect(loaded.diagnostics.isEmpty)
    let copy = try #require(loaded.root?["copy"])
    #expect(copy["y"]?.sequence?.count == 2)
    #expect(copy.anchor == nil)
  }

  @Test(.timeLimit(.minutes(3))) func aliasBombStopsAtTheBudget() throws {
    var source = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
      source += "\(name): &\(name) [\(refs)]\n"
      previous = name
    }
    let loaded = YAMLLoader.load(source)
    let bomb = try #require(loaded.diagnostics.first { $0.severity == .error })
    #expect(bomb.rule == "Y001")
    #expect(bomb.message.contains("alias"))
    #expect(loaded.root != nil)
  }

  @Test(.timeLimit(.minutes(3))) func deepNestingReturnsPromptly() {
    let depth = 200_000
    for source in [
      String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
      String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth),
      String(repeating: "- ", count: depth) + "x\n",
    ] {
      let loaded = YAMLLoader.load(source)
      #expect(
        loaded.diagnostics.contains { $0.rule == "Y001" && $0.message.contains("nesting") },
        "\(loaded.diagnostics.map(\.message))")
    }
    let json = SourceFile(
      path: "deep.config",
      text: String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    #expect(JSONReader.read(json).diagnostics.contains { $0.message.contains("nesting") })
  }

  @Test func indentedBlockNestingWithinLimitLoads() throws {
    var source = ""
    for level in 0..<300 { source += String(repeating: " ", count: level) + "k\(level):\n" }
    source += String(repeating: " ", count: 300) + "leaf"
    let loaded = YAMLLoader.load(source)
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.root != nil)
  }

  @Test func syntaxErrorsPointAtLibyamlsProblemMark() throws {
    let file = SourceFile(path: "bad.config", text: "option_settings:\n  - é: x\n    bad: [1, 2\n")
    let loaded = YAMLLoader.load(file)
    let error = try #require(loaded.diagnostics.first)
    #expect(error.rule == "Y001")
    #expect(error.severity == .error)
    #expect(error.message.hasPrefix("YAML syntax error"))
    #expect(file.location(of: error.location.span.start).line >= 3)
  }

  @Test func tabIndentedYAMLSaysSo() throws {
    let loaded = YAMLLoader.load("option_settings:\n\tfoo: bar\n")
    let error = try #require(loaded.diagnostics.first)
    #expect(error.message.contains("tab"))
  }

  @Test func tabIndentedJSONLoadsThroughTheJSONReader() throws {
    let source =
      "{\n\t\"option_settings\": [\n\t\t{\"namespace\": \"aws:elb:policies\", \"option_name\": \"Stickiness\", \"value\": true, \"n\": 30, \"s\": \"é\\u00e9\\ud83d\\ude00\"}\n\t]\n}\n"
    let file = SourceFile(path: "j.config", text: source)
    let loaded = YAMLLoader.load(file)
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.format == .json)
    let entry = try #require(loaded.root?["option_settings"]?.sequence?.first)
    #expect(entry["value"]?.resolved == .bool(true))
    #expect(entry["n"]?.resolved == .int("30"))
    #expect(entry["s"]?.scalar == "éé😀")
    #expect(text(file, try #require(entry["namespace"])) == "\"aws:elb:policies\"")
  }

  @Test func brokenJSONReportsTheJSONError() throws {
    let file = SourceFile(path: "j.config", text: "{\n\t\"a\": [1, 2]\n")
    let loaded = YAMLLoader.load(file)
    let error = try #require(loaded.diagnostics.first)
    #expect(error.message.hasPrefix("JSON syntax error"))
    #expect(error.message.contains("end of file"))
    #expect(file.location(of: error.location.span.start) == LineColumn(line: 3, column: 1))
  }

  @Test func duplicateKeysAreWarnings() throws {
    let loaded = YAMLLoader.load("a: 1\nb: 2\na: 3\n")
    let warning = try #require(loaded.diagnostics.first)
    #expect(warning.severity == .warning)
    #expect(warning.message.contains("duplicate key 'a'"))
    #expect(loaded.root?.mapping?.count == 3)
  }

  @Test func binaryBytesGiveADiagnostic() throws {
    var bytes: [UInt8] = Array("a: b\nc: ".utf8)
    bytes += [0xFF, 0xFE, 0x00, 0x01, 0x80, 0xC3]
    let file = SourceFile(path: "bin.config", bytes: bytes)
    let loaded = YAMLLoader.load(file)
    let error = try #require(loaded.diagnostics.first)
    #expect(error.rule == "Y001")
    #expect(error.message.contains("UTF-8"))
    #expect(error.location.span.start == 8)
  }

  @Test func randomBytesNeverCrash() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let count = Int.random(in: 0..<200, using: &generator)
      let alphabet = Array("ab:-[]{}!&*#'\"\n\t ,?|>%@`é".utf8)
      let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
      _ = YAMLLoader.load(SourceFile(path: "r.config", bytes: bytes))
    }
  }

  @Test(.timeLimit(.minutes(3))) func hugeFileIsRefusedPromptly() throws {
    let line = Array("key_with_some_length: a value that is also long enough\n".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(30 << 20)
    while bytes.count < 30 << 20 { bytes += line }
    let file = SourceFile(path: "big.config", bytes: bytes)
    let loaded = YAMLLoader.load(file)
    #expect(loaded.diagnostics.first?.message.contains("limit") == true)
  }

  @Test func multipleDocumentsAndEmptyInput() {
    #expect(YAMLLoader.load("a: 1\n---\nb: 2\n").documents.count == 2)
    let empty = YAMLLoader.load("")
    #expect(empty.documents.isEmpty)
    #expect(empty.diagnostics.isEmpty)
    #expect(YAMLLoader.load("# only a comment\n").documents.isEmpty)
  }

  @Test func flowAndBlockCollectionSpans() throws {
    let file = SourceFile(
      path: "s.config", text: "a: {x: 1, y: 2}  # c\nb:\n  - 1\n  - 2\n\nc: 3\n")
    let root = try #require(YAMLLoader.load(file).root)
    #expect(text(file, try #require(root["a"])) == "{x: 1, y: 2}")
    #expect(text(file, try #require(root["b"])) == "- 1\n  - 2")
  }

  @Test func commentsAreLocatedOutsideScalars() throws {
    let source =
      "# 첫 줄 ✓\r\na: \"x # not\" # 설명\r\nb: c#d\nblock: |\n  # content\n  more\nlist: ['#', x]  # tail\n"
    let file = SourceFile(path: "c.config", text: source)
    let loaded = YAMLLoader.load(file)
    #expect(loaded.diagnostics.isEmpty)
    #expect(loaded.comments.map { file.text($0) } == ["# 첫 줄 ✓", "# 설명", "# tail"])
  }

  @Test func mergeKeysApplyLikePyYAML() throws {
    let root = try #require(
      YAMLLoader.load("a: &a {x: 1, y: 2}\nb: &b {y: 3, z: 4}\nc:\n  <<: [*a, *b]\n  x: 9\n").root)
    let merged = try #require(root["c"]?.mergedMapping)
    #expect(merged.map { $0.key.scalar ?? "" } == ["y", "z", "x"])
    #expect(root["c"]?["x"]?.scalar == "9")
    #expect(root["c"]?["y"]?.scalar == "2")
  }

  @Test func jsonWithInvalidUTF8IsRejected() throws {
    let bytes: [UInt8] = Array("{\"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
    let loaded = JSONReader.read(SourceFile(path: "j.config", bytes: bytes))
    let error = try #require(loaded.diagnostics.first)
    #expect(error.message.contains("UTF-8"))
    #expect(error.location.span.start == 7)
    #expect(JSONReader.firstInvalidUTF8(Array("é한😀".utf8)) == nil)
    #expect(JSONReader.firstInvalidUTF8([0xED, 0xA0, 0x80]) == 0)
    #expect(JSONReader.firstInvalidUTF8([0x61, 0xF0, 0x9F, 0x98]) == 1)
  }
}
