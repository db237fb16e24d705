import EBCheck
import EBCheckCore
import Foundation
import Testing

/// Mutated fixtures through the whole pipeline: any bytes in, no crash, no hang.
@Suite struct BeanstalkFuzzTests {
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let alphabet =
    Array("\t\n\r :-[]{},#&*!|>'\"%@`?\\é한😀0123456789abcdef".utf8) + [0x00, 0xFF, 0xC3]

  static func mutate(_ bytes: [UInt8], using generator: inout SplitMix) -> [UInt8] {
    var result = bytes
    for _ in 0..<Int.random(in: 1...8, using: &generator) {
      let position = result.isEmpty ? 0 : Int.random(in: 0..<result.count, using: &generator)
      switch Int.random(in: 0..<4, using: &generator) {
      case 0 where !result.isEmpty: result.remove(at: position)
      case 1: result.insert(alphabet.randomElement(using: &generator)!, at: position)
      case 2 where !result.isEmpty: result[position] = alphabet.randomElement(using: &generator)!
      default:
        let length = min(16, result.count - position)
        if length > 0 {
          result.insert(contentsOf: result[position..<(position + length)], at: position)
        }
      }
    }
    return result
  }

  @Test(.timeLimit(.minutes(5))) func mutatedFixturesNeverCrashTheLinter() throws {
    let names = YAMLDifferentialTests.fixtureNames
    let originals = try names.map {
      try [UInt8](Data(contentsOf: YAMLDifferentialTests.fixtures.appendingPathComponent($0)))
    }
    var generator = SplitMix(state: 0xEBC4EC)
    let rounds = ProcessInfo.processInfo.environment["EBCHECK_FUZZ_ROUNDS"].flatMap(Int.init) ?? 400
    for round in 0..<rounds {
      let index = round % originals.count
      let mutated = Self.mutate(originals[index], using: &generator)
      let files = SourceFiles([
        SourceFile(path: ".ebextensions/" + names[index], bytes: mutated),
        SourceFile(
          path: ".ebextensions/zz.config",
          bytes: Self.mutate(originals[(index + 1) % originals.count], using: &generator)),
      ])
      let result = Linter.lint(files)
      for diagnostic in result.diagnostics {
        let file = try #require(files[diagnostic.location.file])
        #expect(diagnostic.location.span.end <= file.bytes.count)
        for edit in diagnostic.fix?.edits ?? [] {
          #expect(edit.span.end <= file.bytes.count)
        }
      }
    }
  }
}
