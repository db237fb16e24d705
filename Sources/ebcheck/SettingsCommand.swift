import ArgumentParser
import EBCheck
import EBCheckCore

struct SettingsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "settings",
    abstract:
      "Print the evaluated Django settings that decide the health check, with their sources.")

  @Argument(help: "Repository, or the settings file to evaluate (default: the current directory).")
  var path: String = "."

  @Option(
    name: [.customLong("output-format"), .customLong("format")],
    help: "Output format: text or json.")
  var format: SettingsFormat = .text
  @Flag(help: "Print every UPPERCASE setting, not only those that decide the health check.")
  var all = false
  @OptionGroup var lint: LintFlags

  enum SettingsFormat: String, ExpressibleByArgument { case text, json }

  func run() throws {
    let workspace = try Workspace.load(path: path)
    let env = try lint.options(for: workspace).env
    guard
      let report = SettingsReport.make(
        files: workspace.files, focus: workspace.focus, env: env, all: all)
    else {
      throw UsageError(
        "\(path): no Django settings module found (set DJANGO_SETTINGS_MODULE with --env)")
    }
    switch format {
    case .text: print(text(report, files: workspace.files), terminator: "")
    case .json: print(report.json(files: workspace.files), terminator: "")
    }
  }

  func text(_ report: SettingsReport, files: SourceFiles) -> String {
    var out = "\(report.module) (\(report.file))\n"
    let width = report.rows.map(\.name.count).max() ?? 0
    for row in report.rows {
      let place =
        row.location.map { location in
          "\(location.file):\(files[location.file]?.location(of: location.span.start).line ?? 1)"
        } ?? ""
      let name = row.name + String(repeating: " ", count: width - row.name.count)
      out +=
        "\(name)  \(row.kind.padding(11))  \(row.value)\(place.isEmpty ? "" : "  (\(place))")\n"
      for (condition, value) in row.conditions {
        out += String(repeating: " ", count: width + 15) + "\(condition): \(value)\n"
      }
    }
    return out
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
