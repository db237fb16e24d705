import EBCheckCore
import EBCheckFormats
import Testing

/// pip reads a requirements file with a UTF-16 byte-order mark as UTF-16 (`pip freeze >
/// requirements.txt` in Windows PowerShell writes one); ebcheck reads the same names.
@Suite struct RequirementsEncodingTests {
  static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 {
      let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
      bytes += littleEndian ? [low, high] : [high, low]
    }
    return bytes
  }

  @Test(arguments: [true, false])
  func aUTF16FileIsReadAsPipReadsIt(_ littleEndian: Bool) throws {
    let text =
      "Django==5.0.6\r\n# 주석\r\ndjango-user-agents==0.4.0  # ua\r\nsocial-auth-app-django\r\n"
    let file = SourceFile(
      path: "requirements.txt", bytes: Self.utf16(text, littleEndian: littleEndian))
    let requirements = Requirements.load(from: SourceFiles([file]))
    #expect(
      requirements.requirements.map(\.name)
        == ["django", "django-user-agents", "social-auth-app-django"])
    #expect(requirements.djangoVersion == DjangoVersion(5, 0))
    // The name's span is in the file as stored: two bytes per character after the mark.
    let agents = try #require(requirements.requirement("django-user-agents"))
    let offset =
      2 + 2
      * text.utf16.distance(
        from: text.utf16.startIndex,
        to: try #require(text.range(of: "django-user-agents")).lowerBound.samePosition(
          in: text.utf16)!)
    #expect(agents.location.span.start == offset)
    #expect(file.location(of: agents.location.span.start).line == 3)
  }

  @Test func aUTF8FileIsUnchanged() {
    let file = SourceFile(path: "requirements.txt", text: "django>=4.2\n")
    #expect(Requirements.load(from: SourceFiles([file])).requirements.map(\.name) == ["django"])
  }
}
