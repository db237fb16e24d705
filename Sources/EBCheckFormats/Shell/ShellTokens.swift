import EBCheckCore

/// One logical line of a script: continuation lines joined, with the here-document body it
/// opens (`cat > FILE <<'EOF'` … `EOF`).
struct ShellLine {
  var text: String
  var offset: Int
  var heredoc: String?
  /// A here-document whose body is not literal (or not closed).
  var unreadable = false
}

struct ShellLines {
  var lines: [ShellLine] = []

  init(_ script: String) {
    let raw = script.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    var offset = 0
    var pending: (text: String, offset: Int)?
    var index = 0
    while index < raw.count {
      var text = String(decoding: raw[index], as: UTF8.self)
      let start = offset
      offset += raw[index].count + 1
      index += 1
      if text.hasSuffix("\r") { text.removeLast() }
      if text.hasSuffix("\\") {
        let part = String(text.dropLast())
        pending = (pending.map { $0.text + part } ?? part, pending?.offset ?? start)
        continue
      }
      let joined = (pending?.text ?? "") + text
      let at = pending?.offset ?? start
      pending = nil
      var line = ShellLine(text: joined.trimmingWhitespace(), offset: at)
      if let marker = Self.heredocMarker(joined) {
        line.text = marker.before.trimmingWhitespace()
        var body: [String] = []
        var closed = false
        while index < raw.count {
          var next = String(decoding: raw[index], as: UTF8.self)
          offset += raw[index].count + 1
          index += 1
          if next.hasSuffix("\r") { next.removeLast() }
          if next.trimmingWhitespace() == marker.word {
            closed = true
            break
          }
          body.append(next)
        }
        let text = body.map { $0 + "\n" }.joined()
        // An unquoted marker expands `$` and backquotes in the body: then it is not literal.
        let literal = marker.quoted || !(text.contains("$") || text.contains("`"))
        line.heredoc = closed && literal ? text : nil
        line.unreadable = !closed || !literal
      }
      if !line.text.isEmpty, !line.text.hasPrefix("#") { lines.append(line) }
    }
    if let pending { lines.append(ShellLine(text: pending.text, offset: pending.offset)) }
  }

  /// `<<[-]WORD` and the line without it.
  static func heredocMarker(_ line: String) -> (word: String, quoted: Bool, before: String)? {
    guard let range = line.firstRange(of: "<<") else { return nil }
    var rest = String(line[range.upperBound...])
    if rest.hasPrefix("-") { rest.removeFirst() }
    rest = rest.trimmingWhitespace()
    let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
    guard let word = parts.first, !word.isEmpty else { return nil }
    let quoted = word.hasPrefix("'") || word.hasPrefix("\"")
    let bare = word.filter { $0 != "'" && $0 != "\"" }
    let before = String(line[..<range.lowerBound]) + " " + (parts.count > 1 ? parts[1] : "")
    return bare.isEmpty ? nil : (bare, quoted, before)
  }
}

/// Splits a line into lists (`&&`, `||`, `;`) of pipelines (`|`) of simple commands, each
/// with its words (quotes removed) and at most one output redirection. Nil when the line
/// runs something ebcheck cannot read: command substitution, a variable, a subshell.
enum ShellTokens {
  struct Redirect: Hashable {
    var target: String
    var append: Bool
  }

  struct Simple: Hashable {
    var words: [String] = []
    var redirect: Redirect?
    var text: String = ""
    var offset: Int = 0
  }

  static func commands(_ line: String) -> [[Simple]]? {
    let bytes = Array(line.utf8)
    var lists: [[Simple]] = []
    var pipeline: [Simple] = []
    var simple = Simple()
    var word: [UInt8] = []
    var inWord = false
    var quote: UInt8?
    var redirectPending: Bool?  // append?
    var commandStart = 0
    var discardRedirect = false
    func endWord() -> Bool {
      guard inWord else { return true }
      let text = String(decoding: word, as: UTF8.self)
      if let append = redirectPending {
        // Output sent to /dev/null (usually stderr) writes no file.
        if text != "/dev/null", !discardRedirect {
          simple.redirect = Redirect(target: text, append: append)
        }
        redirectPending = nil
      } else {
        simple.words.append(text)
      }
      word = []
      inWord = false
      return true
    }
    func endSimple(_ end: Int) {
      _ = endWord()
      simple.text = String(decoding: bytes[commandStart..<end], as: UTF8.self).trimmingWhitespace()
      simple.offset = commandStart
      if !simple.words.isEmpty || simple.redirect != nil { pipeline.append(simple) }
      simple = Simple()
      commandStart = end
    }
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open {
          quote = nil
        } else {
          if open == UInt8(ascii: "\""), byte == UInt8(ascii: "$") || byte == UInt8(ascii: "`") {
            return nil
          }
          word.append(byte)
        }
        index += 1
        continue
      }
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        inWord = true
        quote = byte
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        _ = endWord()
      case UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "<"):
        return nil
      case UInt8(ascii: "#") where !inWord:
        endSimple(index)
        if !pipeline.isEmpty { lists.append(pipeline) }
        return lists
      case UInt8(ascii: ">"):
        let stderr = inWord && word == [UInt8(ascii: "2")]
        if stderr || (inWord && word == [UInt8(ascii: "1")]) {
          word = []
          inWord = false
        }
        _ = endWord()
        discardRedirect = stderr
        let append = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">")
        if append { index += 1 }
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "&") { return nil }
        redirectPending = append
      case UInt8(ascii: "|"):
        endSimple(index)
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "|") {
          index += 1
          if !pipeline.isEmpty { lists.append(pipeline) }
          pipeline = []
        }
        commandStart = index + 1
      case UInt8(ascii: "&"), UInt8(ascii: ";"):
        endSimple(index)
        if byte == UInt8(ascii: "&"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "&")
        {
          index += 1
        } else if byte == UInt8(ascii: "&") {
          return nil  // a background job
        }
        if !pipeline.isEmpty { lists.append(pipeline) }
        pipeline = []
        commandStart = index + 1
      default:
        word.append(byte)
        inWord = true
      }
      index += 1
    }
    if quote != nil { return nil }
    _ = endWord()
    if redirectPending != nil { return nil }
    endSimple(bytes.count)
    if !pipeline.isEmpty { lists.append(pipeline) }
    return lists
  }
}
