import ArgumentParser
import EBCheck

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case sarif
  case github

  func render(_ result: LintResult, root: String) -> String {
    var output = ""
    for diagnostic in result.diagnostics {
      let position = result.files[diagnostic.location.file]?.location(of: diagnostic.location.span.start)
      output += "\(diagnostic.location.file):\(position?.description ?? "1:1"): \(diagnostic.severity.rawValue)[\(diagnostic.rule)] \(diagnostic.message)\n"
    }
    return output
  }
}
