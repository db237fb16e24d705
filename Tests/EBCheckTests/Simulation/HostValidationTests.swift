import Testing
import EBCheckCore
import EBCheckSimulation

import EBCheck

@Suite struct HostValidationTests {
  @Test(arguments: [
    ("172.31.38.21", "172.31.38.21"), ("172.31.38.21:80", "172.31.38.21"),
    ("Example.COM.", "example.com"), ("[::1]:8000", "[::1]"), ("[::1]", "[::1]"),
  ])
  func splitsDomainLikeDjango(host: String, domain: String) {
    #expect(HostValidation.domain(of: host) == domain)
  }

  @Test(arguments: ["bad_host", "a b", "", "host:port", "[zz]"])
  func rejectsMalformedHosts(_ host: String) {
    #expect(HostValidation.domain(of: host) == nil)
  }

  @Test func patternsFollowValidateHost() {
    #expect(HostValidation.matches(domain: "10.0.0.5", pattern: "*"))
    #expect(HostValidation.matches(domain: "example.com", pattern: ".example.com"))
    #expect(HostValidation.matches(domain: "api.example.com", pattern: ".EXAMPLE.com"))
    #expect(!HostValidation.matches(domain: "badexample.com", pattern: ".example.com"))
    #expect(!HostValidation.matches(domain: "10.0.0.5", pattern: "10.0.0.5:80"))
  }

  @Test func matcherRangesAndLists() throws {
    let wide = try #require(StatusMatcher("200-499"))
    #expect(wide.accepts(400) && wide.acceptsClientErrors)
    let list = try #require(StatusMatcher("200,302"))
    #expect(list.accepts(302) && !list.accepts(301) && !list.acceptsClientErrors)
    #expect(StatusMatcher("abc") == nil)
    #expect(StatusMatcher("300-200") == nil)
  }
}
