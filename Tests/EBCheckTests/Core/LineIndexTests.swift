import Testing
import EBCheckCore

import EBCheck

@Suite struct LineIndexTests {
  @Test func multibyteColumnsCountScalars() {
    let file = SourceFile(path: "a.py", text: "x = 'héllo'  # 한국어\ny = 1\n")
    let offsetOfY = Array(file.bytes).firstIndex(of: UInt8(ascii: "y"))!
    #expect(file.location(of: offsetOfY) == LineColumn(line: 2, column: 1))
    let hash = Array(file.bytes).firstIndex(of: UInt8(ascii: "#"))!
    #expect(file.location(of: hash) == LineColumn(line: 1, column: 14))
    #expect(file.location(of: hash + 2 + 3) == LineColumn(line: 1, column: 17))
  }

  @Test func crlfRoundTrips() {
    let file = SourceFile(path: "a.py", text: "a = 1\r\nbb = 2\r\n")
    #expect(file.lineIndex.lineContentRange(line: 2) == 7..<13)
    for offset in 0..<file.bytes.count {
      let position = file.location(of: offset)
      if file.bytes[offset] == UInt8(ascii: "\n") { continue }
      #expect(file.lineIndex.offset(of: position) == offset)
    }
    #expect(file.usesCRLF)
  }
}
