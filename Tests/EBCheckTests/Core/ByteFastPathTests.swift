import EBCheckCore
import EBCheckFormats
import EBCheckModel
import EBCheckPython
import Testing

/// The byte-level shortcuts taken on ASCII text (docs/performance.md, round five) give the
/// answers of the Character-level definitions they stand in for, for every input.
@Suite struct ByteFastPathTests {
  static let parts = [
    "", ".", "..", "...", ".a", "a.", "a", "bc", "é", "a\u{301}", "\r\n", "K", "\u{212A}", "x y",
  ]

  /// Every path of up to three parts from `parts`, with and without a leading or trailing `/`.
  static var paths: [String] {
    var result: [String] = []
    for first in parts {
      result.append(first)
      for second in parts {
        result.append(first + "/" + second)
        for third in parts { result.append(first + "/" + second + "/" + third) }
      }
    }
    return result + result.map { "/" + $0 } + result.map { $0 + "/" } + ["/", "//", "///"]
  }

  /// `RelativePath.normalize` as split on Characters (the definition before the shortcut).
  static func normalizedBySplitting(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var kept: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == ".." {
        if let last = kept.last, last != ".." {
          kept.removeLast()
        } else if !absolute {
          kept.append(part)
        }
        continue
      }
      kept.append(part)
    }
    let joined = kept.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  @Test func normalizeAgreesWithSplitting() {
    for path in Self.paths {
      #expect(RelativePath.normalize(path) == Self.normalizedBySplitting(path), "\(path)")
    }
  }

  @Test func fileNameAgreesWithSplitting() {
    for path in Self.paths + ["manage.py", "app/wsgi.py", "a/\u{301}wsgi.py", "x/asgi.py\u{301}"] {
      let split = path.split(separator: "/").last.map(String.init) ?? path
      #expect(SettingsModuleLocator.fileName(path) == split, "\(path)")
    }
  }

  @Test func spanOfFindsTheFirstAndTheLastPlaceByByte() {
    let text = "docker docker-compose\nimage: docker\r\n"
    let file = SourceFile(path: "x.config", bytes: Array(text.utf8))
    let bytes = Array(text.utf8)
    for needle in ["docker", "d", "\r\n", "compose\nimage", "absent", text, text + "x", ""] {
      for range in [0..<bytes.count, 3..<bytes.count, 0..<10, 7..<7] {
        let target = Array(needle.utf8)
        var expected: [Span] = []
        if !target.isEmpty, range.count >= target.count {
          for start in range.lowerBound...(range.upperBound - target.count)
          where Array(bytes[start..<(start + target.count)]) == target {
            expected.append(Span(start, start + target.count))
          }
        }
        #expect(DockerPlatform.spanOf(needle, in: file, range: range) == expected.first)
        #expect(
          DockerPlatform.spanOf(needle, in: file, range: range, fromEnd: true) == expected.last)
      }
    }
  }

  @Test func ignoreCandidatesPerFolderGiveThePathVerdict() {
    var rules = IgnoreRules(parsing: "node_modules/\n*.pyc\n!keep.pyc\n/build\n")
    rules.append(contentsOf: IgnoreRules(parsing: "*.log\n!b/\n/static/\n", base: "a"))
    rules.append(contentsOf: IgnoreRules(parsing: "*\n!*.py\n", base: "a/b"))
    rules.append(contentsOf: IgnoreRules(parsing: "x\n", base: "é"))
    rules.append(contentsOf: IgnoreRules(parsing: "y\n", base: "e\u{301}"))
    let single = IgnoreRules(parsing: "x\n!y\n", base: "a")
    let folders = ["", "a", "a/b", "a/b/c", "ab", "b", "é", "e\u{301}", "a/static", "build"]
    let names = [
      "x", "y", "node_modules", "t.pyc", "keep.pyc", "build", "static", "b", "m.log", "m.py",
      "é",
    ]
    for set in [rules, single, IgnoreRules()] {
      for folder in folders {
        let candidates = set.candidates(forEntriesOf: folder)
        for name in names {
          let path = folder.isEmpty ? name : folder + "/" + name
          for isDirectory in [false, true] {
            #expect(
              set.verdict(path, isDirectory: isDirectory, among: candidates)
                == set.verdict(path, isDirectory: isDirectory), "\(path)")
          }
        }
      }
    }
  }

  @Test func settingNamesAgreeWithCharacterCase() {
    let names = [
      "DEBUG", "debug", "Debug", "SECRET_KEY", "_", "__all__", "X1", "1", "", "ÉTAT", "État",
      "ÀB", "a\u{301}", "A\u{301}", "STATIC_URL\r\n", "ß", "ΣΑΣ", "Σας", "A_b",
    ]
    for name in names {
      var hasCased = false
      var expected: Bool?
      for character in name {
        if character.isLowercase {
          expected = false
          break
        }
        if character.isUppercase { hasCased = true }
      }
      #expect(ModuleState.isSettingName(name) == (expected ?? hasCased), "\(name)")
    }
  }

  @Test func middlewareShortNameAgreesWithSplitting() {
    let paths = [
      "django.middleware.common.CommonMiddleware", "Health", "a.b.", "...", "", ".a", "a..b",
      "app.middleware.Santé", "x.a\u{301}", "pkg.\u{301}Mw",
    ]
    for path in paths {
      let entry = MiddlewareEntry(path: path, location: nil, kind: .unknown)
      #expect(entry.shortName == String(path.split(separator: ".").last ?? Substring(path)))
    }
  }

  @Test func plainScalarsStartingWithALetterAreNoNumbers() {
    let texts = [
      "yes", "Yes", "YES", "no", "NO", "on", "Off", "true", "False", "null", "NULL", "y", "n",
      "nan", "inf", "e5", "E1.5", "x0", "abcdef", "TRUE!", "falsey", "Nulls", "a.5", "a\u{301}1",
    ]
    for text in texts {
      #expect(YAMLScalarValue.parseInt(text) == nil, "\(text)")
      #expect(YAMLScalarValue.parseFloat(text) == nil, "\(text)")
    }
    #expect(YAMLScalarValue.resolvePlain("Yes") == .bool(true))
    #expect(YAMLScalarValue.resolvePlain("OFF") == .bool(false))
    #expect(YAMLScalarValue.resolvePlain("Null") == .null)
    #expect(YAMLScalarValue.resolvePlain("nan") == .string("nan"))
    #expect(YAMLScalarValue.resolvePlain("falsey") == .string("falsey"))
    #expect(YAMLScalarValue.resolvePlain(".nan") == .float("nan"))
    #expect(YAMLScalarValue.resolvePlain("0x1F") == .int("31"))
  }
}
