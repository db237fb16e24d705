import EBCheckModel
import Testing

/// URL patterns of plain characters are matched without the regex engine; every answer must
/// be the one the compiled regex gives.
@Suite struct RouteMatcherTests {
  static let patterns: [RouteMatcher] = [
    .route(""), .route("health/"), .route("admin/"), .route("api/v1/"), .route("a-b_c~d/"),
    .route("health"), .route("héalth/"), .route("health check/"), .route("items/<int:id>/"),
    .route("file.txt"), .route("a+b/"), .route("(x)/"),
    .regex("^$"), .regex("^"), .regex("^health/$"), .regex("^health/"), .regex("health/$"),
    .regex("^api/"), .regex("^a\\$"), .regex("^health/?$"), .regex("^h.alth/$"),
    .regex("^héalth/$"), .regex("^a$b"), .regex("^#x/$"), .languagePrefix,
  ]

  static let paths = [
    "", "health/", "health", "health/x", "healthz/", "Health/", "admin/", "admin/login/",
    "api/v1/", "api/v1/users/", "a-b_c~d/", "héalth/", "he\u{301}alth/", "health/\u{301}",
    "health check/", "items/3/", "file.txt", "fileXtxt", "a+b/", "(x)/", "a$b", "#x/",
    "health/\r\n", "ko/health/",
  ]

  @Test func plainPatternsMatchAsTheRegexDoes() {
    var literal = 0
    for pattern in Self.patterns {
      for endpoint in [true, false] {
        if pattern.literal(endpoint: endpoint) != nil { literal += 1 }
        for path in Self.paths {
          #expect(
            pattern.match(path, endpoint: endpoint) == pattern.regexMatch(path, endpoint: endpoint),
            "\(pattern) endpoint \(endpoint) on \(path.debugDescription)")
        }
      }
    }
    // Most of the table takes the plain path; the rest still goes through the regex.
    #expect(literal >= 20)
  }

  @Test func onlyPlainASCIIPatternsSkipTheRegex() {
    #expect(RouteMatcher.route("health/").literal(endpoint: true)?.whole == true)
    #expect(RouteMatcher.regex("^health/").literal(endpoint: true)?.whole == false)
    #expect(RouteMatcher.regex("^health/$").literal(endpoint: false) == nil)
    #expect(RouteMatcher.route("items/<int:id>/").literal(endpoint: true) == nil)
    #expect(RouteMatcher.route("héalth/").literal(endpoint: true) == nil)
    #expect(RouteMatcher.regex("health/$").literal(endpoint: true) == nil)
    #expect(RouteMatcher.languagePrefix.literal(endpoint: false) == nil)
  }
}
