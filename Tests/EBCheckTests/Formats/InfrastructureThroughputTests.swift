import EBCheckCore
import EBCheckFormats
import EBCheckPython
import Foundation
import Testing

/// Prints the infrastructure readers' throughput and how much the test corpora hold; asserts
/// nothing about time. Release figures: `swift test -c release -Xswiftc -enable-testing
/// --filter InfrastructureThroughputTests`, or `make bench`.
@Suite struct InfrastructureThroughputTests {
  static let root = PythonTestSupport.repositoryRoot

  static func files(_ folder: String, suffixes: [String]) -> [SourceFile] {
    let base = root.appendingPathComponent(folder).path
    var found: [SourceFile] = []
    let enumerator = FileManager.default.enumerator(atPath: base)
    while let relative = enumerator?.nextObject() as? String {
      guard suffixes.contains(where: { relative.hasSuffix($0) }),
        let data = FileManager.default.contents(atPath: base + "/" + relative)
      else { continue }
      found.append(SourceFile(path: folder + "/" + relative, bytes: [UInt8](data)))
    }
    return found.sorted { $0.path < $1.path }
  }

  static func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The corpus repeated into one file of about `megabytes`.
  static func large(_ corpus: [SourceFile], megabytes: Double, path: String) -> SourceFile {
    var bytes: [UInt8] = []
    var index = 0
    while Double(bytes.count) < megabytes * 1_048_576 {
      bytes += corpus[index % corpus.count].bytes + [0x0A]
      index += 1
    }
    return SourceFile(path: path, bytes: bytes)
  }

  @Test func corporaAndThroughput() throws {
    #if DEBUG
      let megabytes = 1.0
    #else
      let megabytes = 16.0
    #endif
    let terraform = Self.files("Fixtures/terraform", suffixes: [".tf"])
    let tfRead = TerraformReader.read(
      Self.files("Fixtures/terraform", suffixes: [".tf", ".tfvars"]))
    let cfnRead = CloudFormationReader.read(
      Self.files("Fixtures/cloudformation", suffixes: [".yaml", ".yml", ".json", ".template"]))
    var cdkSettings = 0
    var cdkFiles = 0
    for app in try FileManager.default.contentsOfDirectory(
      atPath: Self.root.appendingPathComponent("Fixtures/cdk").path)
    {
      let files = Self.files("Fixtures/cdk/" + app, suffixes: [".py"]).map {
        SourceFile(
          path: String($0.path.dropFirst(("Fixtures/cdk/" + app + "/").count)), bytes: $0.bytes)
      }
      let read = CDKReader.read(PythonModules(files: SourceFiles(files)))
      cdkFiles += read.filesRead[.cdk] ?? 0
      cdkSettings += read.definitions.reduce(0) { $0 + $1.settings.count }
    }
    let count = { (read: InfrastructureRead) in
      read.definitions.reduce(0) { $0 + $1.settings.count }
    }
    print(
      "infrastructure corpora: Terraform \(tfRead.filesRead[.terraform] ?? 0) files, \(tfRead.definitions.count) definitions, \(count(tfRead)) settings; CloudFormation \(cfnRead.filesRead[.cloudFormation] ?? 0) templates, \(cfnRead.definitions.count) definitions, \(count(cfnRead)) settings; CDK \(cdkFiles) files, \(cdkSettings) settings"
    )
    #expect(count(tfRead) > 40 && count(cfnRead) > 50 && cdkSettings > 20)

    let bigTerraform = Self.large(terraform, megabytes: megabytes, path: "big.tf")
    var start = Self.cpuSeconds()
    let parsed = HCLReader.read(bigTerraform)
    let hclSeconds = Self.cpuSeconds() - start
    #expect(parsed.errors.isEmpty)
    start = Self.cpuSeconds()
    let settings = TerraformReader.read([bigTerraform]).definitions.reduce(0) {
      $0 + $1.settings.count
    }
    let terraformSeconds = Self.cpuSeconds() - start

    let templates = Self.files("Fixtures/cloudformation", suffixes: [".yaml"])
    // One template with the corpus's environments under unique logical ids.
    var yaml = "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n"
    var copy = 0
    while Double(yaml.utf8.count) < megabytes * 1_048_576 {
      for template in templates {
        let text = template.text
        guard let resources = text.range(of: "Resources:\n") else { continue }
        let body = text[resources.upperBound...].prefix { _ in true }
        var block = ""
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
          if line.hasPrefix("Outputs:") || (!line.hasPrefix(" ") && !line.isEmpty) { break }
          if line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
            block += "  C\(copy)" + line.dropFirst(2) + "\n"
          } else {
            block += line + "\n"
          }
        }
        yaml += block
        copy += 1
      }
    }
    let bigTemplate = SourceFile(path: "big.yaml", text: yaml)
    start = Self.cpuSeconds()
    let cfnSettings = CloudFormationReader.read([bigTemplate]).definitions.reduce(0) {
      $0 + $1.settings.count
    }
    let cfnSeconds = Self.cpuSeconds() - start
    let mb = { (file: SourceFile) in Double(file.bytes.count) / 1_048_576 }
    print(
      String(
        format:
          "HCL reader: %.1f MB in %.3f s CPU = %.1f MB/s; Terraform reader (parse + evaluate): %.1f MB/s, %d settings; CloudFormation reader: %.1f MB in %.3f s = %.1f MB/s, %d settings",
        mb(bigTerraform), hclSeconds, mb(bigTerraform) / hclSeconds,
        mb(bigTerraform) / terraformSeconds, settings, mb(bigTemplate), cfnSeconds,
        mb(bigTemplate) / cfnSeconds, cfnSettings))
    #expect(settings > 0 && cfnSettings > 0)
  }
}
