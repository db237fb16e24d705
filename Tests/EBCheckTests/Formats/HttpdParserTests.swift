import EBCheckCore
import EBCheckFormats
import EBCheckModel
import Testing

/// The httpd reader: words, quotes, continuations, sections, and what configtest refuses.
@Suite struct HttpdParserTests {
  func parse(_ text: String) -> HttpdFile {
    HttpdParser.parse(bytes: Array(text.utf8), path: "t.conf")
  }

  @Test func sectionsQuotesAndContinuations() {
    let file = parse(
      """
      # 주석
      <Location "/health/">
        RequestHeader set Host \\
          "shop.example.com"
      </Location>
      RewriteCond %{HTTP_USER_AGENT} !^ELB-HealthChecker [NC]\r

      """)
    #expect(file.diagnostics.isEmpty)
    #expect(file.directives.map(\.name) == ["Location", "RewriteCond"])
    let location = file.directives[0]
    #expect(location.values == ["/health/"])
    #expect(location.block?.first?.values == ["set", "Host", "shop.example.com"])
    #expect(file.directives[1].values == ["%{HTTP_USER_AGENT}", "!^ELB-HealthChecker", "[NC]"])
  }

  @Test func ifExpressionIsOneArgument() {
    let file = parse(
      "<If \"-n '%{HTTP:X-Forwarded-Proto}' && %{HTTP:X-Forwarded-Proto} != 'https'\">\n</If>\n")
    #expect(
      file.directives.first?.values == [
        "-n '%{HTTP:X-Forwarded-Proto}' && %{HTTP:X-Forwarded-Proto} != 'https'"
      ])
  }

  @Test func refusalsNameTheirLine() {
    let source = SourceFile(path: "t.conf", text: "<Location />\n  Require all granted\n</If>\n")
    let mismatched = HttpdParser.parse(bytes: source.bytes, path: source.path)
    #expect(mismatched.diagnostics.count == 1)
    #expect(mismatched.diagnostics.first?.rule == "AP001")
    #expect(
      mismatched.diagnostics.first?.message.hasPrefix("expected </Location> but saw </If>") == true)
    #expect(
      mismatched.diagnostics.first.map { source.location(of: $0.location.span.start).line } == 3)

    let unclosed = parse("<IfModule mod_rewrite.c>\n<Location />\n</Location>\n")
    #expect(unclosed.diagnostics.first?.message.hasPrefix("<IfModule> was not closed") == true)
    #expect(
      parse("</Location>\n").diagnostics.first?.message.hasPrefix("</Location> without matching")
        == true)
    #expect(
      parse("<Location /\n</Location>\n").diagnostics.first?.message.contains("missing closing '>'")
        == true)
  }

  @Test func ebextensionsFileContentIsReportedInTheConfig() {
    let config = """
      option_settings:
        aws:elasticbeanstalk:container:python:
          WSGIPath: mysite/wsgi.py
      files:
        "/etc/httpd/conf.d/health.conf":
          mode: "000644"
          content: |
            <Location "/health/">
              RequestHeader set Host "shop.example.com"

      """
    let file = SourceFile(path: ".ebextensions/01.config", text: config)
    let files = SourceFiles([file])
    let beanstalk = BeanstalkConfiguration.load(from: files, appRoot: "")
    let platform = Platform.infer(beanstalk: beanstalk, files: files)
    #expect(platform.isModWSGI)
    let httpd = HttpdConfiguration.load(from: files, beanstalk: beanstalk, platform: platform)
    #expect(httpd.files.count == 1)
    let diagnostic = httpd.diagnostics.first
    #expect(diagnostic?.location.file == ".ebextensions/01.config")
    let position = diagnostic.map { file.location(of: $0.location.span.start) }
    #expect(position?.line == 8)
    #expect(position?.column == 7)
  }
}
