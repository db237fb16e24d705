import EBCheckCore
import EBCheckFormats
import Foundation
import Testing

/// The HCL reader against python-hcl2 on the `.tf` and `.tfvars` files of Fixtures/terraform:
/// every attribute, at every block path, has the same value.
@Suite struct HCLDifferentialTests {
  static let folder = PythonTestSupport.repositoryRoot.appendingPathComponent("Fixtures/terraform")

  static var paths: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tfvars") }.sorted()
      .map { folder.appendingPathComponent($0).path }
  }

  @Test func thereAreEnoughRealLookingFiles() {
    #expect(Self.paths.filter { $0.hasSuffix(".tf") }.count >= 30)
  }

  @Test func attributeValuesEqualPythonHCL2s() throws {
    var ours: [String: Any] = [:]
    var attributes = 0
    for path in Self.paths {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let file = HCLReader.read(SourceFile(path: path, bytes: bytes))
      #expect(file.errors.isEmpty, "\(path): \(file.errors.map(\.message))")
      var rows: [[Any]] = []
      HCLFlattener(bytes: bytes).body(file.body, prefix: "", into: &rows)
      attributes += rows.count
      ours[path] = rows
    }
    let data = try JSONSerialization.data(withJSONObject: ours, options: [.sortedKeys])
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ebcheck-hcl-\(getpid()).json")
    try data.write(to: temporary)
    defer { try? FileManager.default.removeItem(at: temporary) }
    let output = try #require(
      PythonTestSupport.runPython("hcl_differential.py", [temporary.path] + Self.paths),
      "python-hcl2 is not installed (pip install -r Tests/requirements.txt)")
    let report = try #require(
      JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    let mismatches = report["mismatches"] as? [Any] ?? []
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    let compared = report["compared"] as? Int ?? 0
    #expect(compared == attributes)
    #expect(compared > 300)
    print(
      "HCL differential: \(Self.paths.count) files, \(compared) attribute values equal python-hcl2's"
    )
  }
}

/// ebcheck's reading in the canonical form the reference script uses.
struct HCLFlattener {
  let bytes: [UInt8]

  func text(_ span: Span) -> String {
    String(decoding: bytes[span.start..<span.end], as: UTF8.self)
  }

  func body(_ body: HCLBody, prefix: String, into rows: inout [[Any]]) {
    for attribute in body.attributes {
      rows.append([prefix + attribute.name, value(attribute.expression)])
    }
    var counts: [String: Int] = [:]
    for block in body.blocks {
      let path = prefix + ([block.type] + block.labels.map(\.text)).joined(separator: "/")
      let index = counts[path, default: -1] + 1
      counts[path] = index
      self.body(block.body, prefix: "\(path)#\(index)/", into: &rows)
    }
  }

  func value(_ expression: HCLExpression) -> Any {
    switch expression.kind {
    case .number(let number): return Double(number) ?? 0
    case .bool(let flag): return flag
    case .null: return NSNull()
    case .unary(.negate, let operand):
      if case .number(let number) = operand.kind { return -(Double(number) ?? 0) }
    case .template(let parts, _):
      var rendered = ""
      for part in parts {
        switch part {
        case .literal(let literal, _): rendered += literal
        case .interpolation(let inner): rendered += "${" + text(inner.span) + "}"
        case .directive(let span): rendered += text(span)
        }
      }
      // python-hcl2 drops a heredoc's final newline (Terraform keeps it).
      if text(expression.span).hasPrefix("<<"), rendered.hasSuffix("\n") { rendered.removeLast() }
      return "s:" + rendered
    case .tuple(let items):
      return items.map(value)
    case .object(let items):
      var map: [String: Any] = [:]
      for item in items {
        let key: String
        if case .template(let parts, _) = item.key.kind, parts.count == 1,
          case .literal(let literal, _) = parts[0]
        {
          key = literal
        } else {
          key = text(item.key.span)
        }
        map[key] = value(item.value)
      }
      return map
    default:
      break
    }
    return "e:" + text(expression.span).filter { !$0.isWhitespace && $0 != "," }
  }
}
