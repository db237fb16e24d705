import EBCheckCore
import EBCheckFormats
import Testing

@Suite struct HCLReaderTests {
  static func read(_ text: String, path: String = "main.tf") -> HCLFile {
    HCLReader.read(SourceFile(path: path, text: text))
  }

  static func value(_ text: String, _ name: String = "x") -> HCLValue? {
    let file = read(text)
    guard let attribute = file.body.attribute(name) else { return nil }
    var evaluator = HCLEvaluator(scope: HCLScope())
    return evaluator.evaluate(attribute.expression, in: file.path)
  }

  @Test func readsBlocksAttributesAndComments() throws {
    let file = Self.read(
      """
      # a comment
      // another
      /* a block
         comment */
      terraform {
        required_version = ">= 1.5" # trailing
      }
      resource "aws_elastic_beanstalk_environment" "web" {
        name = "mysite" /* inline */
        setting {
          namespace = "aws:elasticbeanstalk:environment:process:default"
          name      = "HealthCheckPath"
          value     = "/health/"
        }
      }
      """)
    #expect(file.errors.isEmpty)
    #expect(file.body.blocks.map(\.type) == ["terraform", "resource"])
    let resource = file.body.blocks[1]
    #expect(resource.labels.map(\.text) == ["aws_elastic_beanstalk_environment", "web"])
    let setting = try #require(resource.body.blocks("setting").first)
    let value = try #require(setting.body.attribute("value"))
    let source = SourceFile(path: "main.tf", text: "")
    _ = source
    #expect(setting.body.attributes.map(\.name) == ["namespace", "name", "value"])
    guard case .template(let parts, let exact) = value.expression.kind else {
      Issue.record("value is not a string")
      return
    }
    #expect(exact)
    #expect(parts.count == 1)
  }

  @Test func spansAreByteExactWithMultibyteTextAndCRLF() throws {
    let text = "# 헬스 체크 ✓\r\nlocals {\r\n  path = \"/santé/\"\r\n}\r\n"
    let source = SourceFile(path: "main.tf", text: text)
    let file = HCLReader.read(source)
    #expect(file.errors.isEmpty)
    let attribute = try #require(file.body.blocks.first?.body.attribute("path"))
    #expect(source.text(attribute.expression.span) == "\"/santé/\"")
    #expect(source.text(attribute.nameSpan) == "path")
  }

  @Test func evaluatesLiteralsAndOperators() {
    #expect(Self.value("x = 30")?.settingText == "30")
    #expect(Self.value("x = 1.5")?.settingText == "1.5")
    #expect(Self.value("x = true")?.settingText == "true")
    #expect(Self.value("x = \"a\\tb\\u00e9\"")?.settingText == "a\tbé")
    #expect(Self.value("x = \"$${literal} %%{x}\"")?.settingText == "${literal} %{x}")
    #expect(Self.value("x = 2 * 3 + 4")?.settingText == "10")
    #expect(Self.value("x = 1 < 2 && !false ? \"yes\" : \"no\"")?.settingText == "yes")
    #expect(Self.value("x = \"a-${1 + 1}-b\"")?.settingText == "a-2-b")
    #expect(Self.value("x = lower(\"ABC\")")?.settingText == "abc")
    #expect(Self.value("x = join(\",\", [\"200\", \"302\"])")?.settingText == "200,302")
    #expect(Self.value("x = format(\"%s:%d\", \"HTTP\", 80)")?.settingText == "HTTP:80")
    #expect(Self.value("x = { a = 1, \"b\" = \"c\" }[\"b\"]")?.settingText == "c")
    #expect(Self.value("x = [10, 20, 30][1]")?.settingText == "20")
  }

  @Test func heredocsAndFlushHeredocs() {
    #expect(Self.value("x = <<EOT\nhello\n  world\nEOT\n")?.settingText == "hello\n  world\n")
    #expect(
      Self.value("x = <<-EOT\n    indented\n      more\n  EOT\n")?.settingText
        == "indented\n  more\n")
    #expect(Self.value("x = <<EOT\r\nline\r\nEOT\r\n")?.settingText == "line\r\n")
  }

  @Test func forExpressions() {
    #expect(
      Self.value("x = join(\",\", [for s in [\"a\", \"b\"] : upper(s)])")?.settingText == "A,B")
    #expect(
      Self.value("x = { for k, v in { a = 1, b = 2 } : v => k if v > 1 }[\"2\"]")?.settingText
        == "b")
  }

  @Test func unknownValuesCarryTheirReason() {
    #expect(
      Self.value("x = aws_s3_bucket.b.arn")?.unknownReason?.contains("after Terraform applies")
        == true)
    #expect(Self.value("x = var.missing")?.unknownReason?.contains("not declared") == true)
    #expect(
      Self.value("x = timestamp()")?.unknownReason == "the function timestamp is not evaluated")
    #expect(Self.value("x = \"${data.aws_region.current.name}-x\"")?.isUnknown == true)
  }

  @Test func originsPointAtTheLiteral() throws {
    let text = "x = \"/health/\"\ny = 30\nz = \"a${1}\"\n"
    let source = SourceFile(path: "main.tf", text: text)
    let file = HCLReader.read(source)
    var evaluator = HCLEvaluator(scope: HCLScope())
    let x = evaluator.evaluate(try #require(file.body.attribute("x")).expression, in: "main.tf")
    #expect(source.text(try #require(x.origin).span) == "\"/health/\"")
    let y = evaluator.evaluate(try #require(file.body.attribute("y")).expression, in: "main.tf")
    #expect(source.text(try #require(y.origin).span) == "30")
    let z = evaluator.evaluate(try #require(file.body.attribute("z")).expression, in: "main.tf")
    #expect(z.origin == nil)
  }

  @Test(arguments: [
    ("x = \"unterminated\n", 1),
    ("resource \"a\" \"b\" {\n  x = 1\n", 3),
    ("x = [1, 2\n", 2),
    ("x = <<EOT\nnever closed\n", 1),
    ("x = \"bad \\q escape\"\n", 1),
    ("= 1\n", 1),
    ("x = 1 y = 2\n", 1),
    ("/* open comment\n", 1),
    ("x = {a = 1 b = 2}\n", 1),
  ])
  func parseErrorsNameTheirLine(_ text: String, _ line: Int) throws {
    let source = SourceFile(path: "bad.tf", text: text)
    let file = HCLReader.read(source)
    let error = try #require(file.errors.first, "\(text) should not parse")
    #expect(source.location(of: error.span.start).line == line, "\(error.message)")
  }

  @Test func nestingIsBounded() {
    let deep = "x = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    let file = Self.read(deep)
    #expect(file.errors.first?.message.contains("nesting deeper") == true)
    let blocks = String(repeating: "a {\n", count: 500) + String(repeating: "}\n", count: 500)
    #expect(Self.read(blocks).errors.first?.message.contains("nesting deeper") == true)
    let template =
      "x = \"" + String(repeating: "${\"", count: 400) + String(repeating: "\"}", count: 400) + "\""
    #expect(!Self.read(template).errors.isEmpty)
  }

  @Test func arbitraryBytesNeverCrash() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("{}[]()\"'$%~<<-EOT\n\r\t =.,:?!#/*\\abc123_é".utf8)
    for _ in 0..<400 {
      let count = Int.random(in: 0..<200, using: &generator)
      let bytes = (0..<count).map { _ in
        Bool.random(using: &generator)
          ? alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
          : UInt8.random(in: 0...255, using: &generator)
      }
      let file = HCLReader.read(SourceFile(path: "fuzz.tf", bytes: bytes))
      for error in file.errors {
        #expect(error.span.start <= error.span.end && error.span.end <= bytes.count)
      }
    }
  }
}
