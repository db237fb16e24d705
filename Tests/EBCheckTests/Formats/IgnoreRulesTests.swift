import EBCheckFormats
import Testing

/// Ignore rules from many folders' `.gitignore` files: the index by folder must give the
/// verdict that testing every pattern, last first, gives.
@Suite struct IgnoreRulesTests {
  /// The last pattern that matches decides, over all patterns.
  static func reference(_ rules: IgnoreRules, _ path: String, isDirectory: Bool) -> Bool? {
    rules.patterns.reversed().first { $0.matches(path, isDirectory: isDirectory) }.map {
      !$0.negated
    }
  }

  static func rules() -> IgnoreRules {
    var rules = IgnoreRules(parsing: "*.pyc\n/static/\nbuild\n!keep.pyc\n")
    for folder in ["a", "a/b", "c", "a/bb", "svc1", "svc10"] {
      rules.append(
        contentsOf: IgnoreRules(
          parsing: "*.log\n!important.log\n/local/\nsecret.txt\n**/cache/\nb\n", base: folder))
    }
    rules.append(contentsOf: IgnoreRules(parsing: "!a/b/x.pyc\nstatic\n", base: ""))
    return rules
  }

  static let paths = [
    "x.pyc", "keep.pyc", "a/x.pyc", "a/b/x.pyc", "a/b", "a/bb/c.log", "a/b/c.log",
    "a/b/important.log", "a/local", "a/local/f", "a/b/local/f", "c/secret.txt",
    "c/d/secret.txt", "svc1/x.log", "svc10/x.log", "svc100/x.log", "svc1/cache/f",
    "svc10/deep/cache/f", "static", "static/f", "a/static/f", "build", "b", "c/b", "c/bb",
    "ab/x.log", "a", "",
  ]

  @Test func indexedVerdictIsTheLinearOne() {
    let rules = Self.rules()
    for path in Self.paths {
      for isDirectory in [true, false] {
        #expect(
          rules.verdict(path, isDirectory: isDirectory)
            == Self.reference(rules, path, isDirectory: isDirectory),
          "\(path) directory \(isDirectory)")
      }
    }
    #expect(rules.isIgnored("a/b/c.log", isDirectory: false))
    // A file inside an ignored folder stays ignored (`b` in a/.gitignore names the folder a/b).
    #expect(rules.isIgnored("a/b/important.log", isDirectory: false))
    #expect(!rules.isIgnored("c/important.log", isDirectory: false))
    #expect(rules.isIgnored("svc10/x.log", isDirectory: false))
    #expect(!rules.isIgnored("svc100/x.log", isDirectory: false))
  }

  @Test func rulesBuiltAtOnceEqualRulesAppended() {
    let appended = Self.rules()
    let whole = IgnoreRules(appended.patterns)
    #expect(whole == appended)
    for path in Self.paths {
      #expect(whole.verdict(path, isDirectory: false) == appended.verdict(path, isDirectory: false))
    }
  }
}

/// A pattern of a folder's `.gitignore` speaks about a path when the path starts with the
/// folder (`String.hasPrefix`, by Characters) followed by a `/` byte.
@Suite struct IgnoreRulesPrefixTests {
  @Test func folderPrefixesAsciiAndNot() {
    var rules = IgnoreRules()
    for folder in ["svc", "svc\r", "é", "e\u{301}", "a\u{301}", "\u{600}"] {
      rules.append(contentsOf: IgnoreRules(parsing: "*.log\nlocal/\n", base: folder))
    }
    let ignoredFiles: Set<String> = [
      "svc/x.log", "svc\r/x.log", "é/x.log", "e\u{301}/x.log",
    ]
    let ignoredFolders = ignoredFiles.union(["a\u{301}/local", "svc/local"])
    // "svc\r\n/…": CR LF is one Character, so the folder "svc\r" does not hold it; a
    // prepended Arabic sign joins the next Character ("/" included), so neither "\u{600}/…"
    // nor "\u{600}x/…" starts with the folder "\u{600}".
    let paths = [
      "svc/x.log", "svc\r/x.log", "svc\r\n/x.log", "svc2/x.log", "é/x.log", "e\u{301}/x.log",
      "a\u{301}/local", "a/local", "\u{600}/x.log", "\u{600}x/x.log", "svc/local",
    ]
    for path in paths {
      #expect(rules.isIgnored(path, isDirectory: false) == ignoredFiles.contains(path), "\(path)")
      #expect(rules.isIgnored(path, isDirectory: true) == ignoredFolders.contains(path), "\(path)")
    }
  }
}
