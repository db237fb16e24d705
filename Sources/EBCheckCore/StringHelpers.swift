extension StringProtocol {
  /// The string without leading and trailing spaces, tabs, CR and LF.
  public func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = lastIndex(where: { !isSpace($0) })!
    return String(self[first...last])
  }
}

extension String {
  /// Every occurrence of `target` replaced (standard library only).
  package func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}

extension String {
  /// The text with its `\n` line ends written as `newline` (`\r\n` for CRLF files).
  package func withLineEndings(_ newline: String) -> String {
    newline == "\n"
      ? self : split(separator: "\n", omittingEmptySubsequences: false).joined(separator: newline)
  }
}
