import EBCheckCore

/// The `ENV` instructions of a Dockerfile's last stage (with `${NAME}` substituted): the variables every container of the
/// image starts with (`docker run -e`, which Beanstalk uses for environment properties,
/// overrides them).
public enum DockerfileEnvironment {
  /// Name → value with the value's place, for `ENV NAME=value ...` and `ENV NAME value`.
  public static func read(_ file: SourceFile) -> [String: Sourced<String>] {
    var variables: [String: Sourced<String>] = [:]
    var defaults: [String: String] = [:]
    for line in 1...max(1, file.lineIndex.lineCount) {
      let range = file.lineIndex.lineContentRange(line: line)
      let text = file.text(Span(range.lowerBound, range.upperBound))
      let lead = text.prefix { $0 == " " || $0 == "\t" }.utf8.count
      let instruction = text.dropFirst(lead)
      let keyword = instruction.prefix { !$0.isWhitespace }.uppercased()
      if keyword == "FROM" {
        variables = [:]
        defaults = [:]
      }
      if keyword == "ARG" {
        // `ARG NAME=default`: the value `${NAME}` takes unless the build passes another.
        for (word, _) in Self.words(instruction.dropFirst(3), startingAt: 0) {
          guard let equals = word.firstIndex(of: "=") else { continue }
          let name = String(word[..<equals])
          if defaults[name] == nil {
            defaults[name] = unquoted(String(word[word.index(after: equals)...]))
          }
        }
      }
      guard keyword == "ENV" else { continue }
      let start = range.lowerBound + lead + 3
      let words = Self.words(instruction.dropFirst(3), startingAt: start)
      var pairs: [(name: String, value: String, start: Int)] = []
      // `NAME=value ...` when the first word has `=`; otherwise the legacy `NAME value`.
      for (word, at) in words where words.first?.0.contains("=") == true {
        guard let equals = word.firstIndex(of: "=") else { continue }
        let name = String(word[..<equals])
        pairs.append((name, String(word[word.index(after: equals)...]), at + name.utf8.count + 1))
      }
      if pairs.isEmpty, words.count >= 2 {
        // `ENV NAME value`: the rest of the line is the value.
        let valueStart = words[1].1
        let value = file.text(Span(valueStart, range.upperBound)).trimmingWhitespace()
        pairs.append((words[0].0, value, valueStart))
      }
      for (name, raw, start) in pairs where !name.isEmpty {
        // `${BUILD_MODE}` from an earlier ENV of the stage, else an ARG default.
        let known = defaults.merging(variables.mapValues(\.value)) { _, set in set }
        let value = DockerfileImage.substitute(unquoted(raw.trimmingWhitespace()), known)
        let span = Span(start, min(range.upperBound, start + raw.utf8.count))
        variables[name] = Sourced(
          value, at: Location(file: file.path, span: span), origin: "Dockerfile ENV")
      }
    }
    return variables
  }

  /// Words separated by blanks outside quotes, each with the offset where it starts.
  static func words(_ text: Substring, startingAt start: Int) -> [(String, Int)] {
    var words: [(String, Int)] = []
    var current = ""
    var currentStart = start
    var quote: Character?
    var offset = start
    for character in text {
      if quote == nil, character == " " || character == "\t" {
        if !current.isEmpty { words.append((current, currentStart)) }
        current = ""
      } else {
        if current.isEmpty { currentStart = offset }
        if character == "\"" || character == "'" {
          quote = quote == nil ? character : quote == character ? nil : quote
        }
        current.append(character)
      }
      offset += character.utf8.count
    }
    if !current.isEmpty { words.append((current, currentStart)) }
    return words
  }

  static func unquoted(_ text: String) -> String {
    guard text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'"
    else { return text }
    return String(text.dropFirst().dropLast())
  }
}
