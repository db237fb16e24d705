import EBCheckCore
import EBCheckModel
import EBCheckSimulation

/// Helpers shared by the Beanstalk option rules (EB001–EB004, EB009).
package enum BeanstalkRuleSupport {
  /// Levenshtein distance over Unicode scalars, case-insensitive (a case-only difference costs 1).
  package static func editDistance(_ lhs: String, _ rhs: String) -> Int {
    if lhs == rhs { return 0 }
    let a = Array(lhs.lowercased().unicodeScalars)
    let b = Array(rhs.lowercased().unicodeScalars)
    if a == b { return 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The closest candidate within a distance that grows with the name's length; nil when none
  /// is close or two are equally close.
  package static func suggestion(for name: String, among candidates: [String], limit: Int? = nil)
    -> String?
  {
    let limit = limit ?? max(2, name.count / 5)
    var best: (String, Int)?
    var tie = false
    for candidate in Set(candidates) where candidate != name {
      let distance = editDistance(name, candidate)
      guard distance <= limit else { continue }
      if let current = best {
        if distance < current.1 {
          best = (candidate, distance)
          tie = false
        } else if distance == current.1 {
          tie = true
        }
      } else {
        best = (candidate, distance)
      }
    }
    guard let best, !tie else { return nil }
    return best.0
  }

  /// An edit replacing the text of a written name or value, keeping its quotes.
  /// Returns nil when the written form is not a plain copy of `current` (escapes, folding).
  package static func replacement(
    at location: Location, current: String, with text: String, files: SourceFiles
  ) -> Edit? {
    guard let file = files[location.file] else { return nil }
    let written = file.text(location.span)
    if written == current {
      return Edit(file: location.file, span: location.span, replacement: text)
    }
    if written.count >= 2, let first = written.first, first == "\"" || first == "'",
      written.last == first
    {
      let inner = Span(location.span.start + 1, location.span.end - 1)
      guard file.text(inner) == current else { return nil }
      let safe = first == "\"" ? !text.contains("\"") && !text.contains("\\") : !text.contains("'")
      return safe ? Edit(file: location.file, span: inner, replacement: text) : nil
    }
    return nil
  }

  /// How the environment got its load balancer type, for messages.
  package static func loadBalancerDescription(_ environment: BeanstalkEnvironment) -> String {
    if environment.isSingleInstance {
      return "this is a SingleInstance environment (no load balancer)"
    }
    let name = environment.loadBalancer.displayName
    if let setting = environment.loadBalancerOption.setting {
      return
        "this environment uses \(article(name)) \(name) (LoadBalancerType set in \(setting.location.file))"
    }
    if let tool = environment.createdThrough {
      return
        "this environment uses \(article(name)) \(name) (LoadBalancerType is unset; \(tool.displayName) creates it through the API, which defaults to classic)"
    }
    return
      "this environment uses \(article(name)) \(name) (LoadBalancerType is unset; the console and `eb create` default to application)"
  }

  /// "classic load balancers", "application and network load balancers".
  package static func plural(_ types: Set<LoadBalancerType>?) -> String {
    let order: [LoadBalancerType] = [.application, .network, .classic]
    let names = order.filter { types?.contains($0) ?? true }.map(\.rawValue)
    return names.joined(separator: " and ") + " load balancers"
  }

  package static func article(_ text: String) -> String {
    guard let first = text.lowercased().first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
  }
}
