import ArgumentParser
import EBCheck
import EBCheckCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Entry point: maps every error onto the exit-code contract
/// (0 clean, 1 error findings, 2 usage / IO / config, 3 internal).
@main
enum EBCheckMain {
  static func main() {
    do {
      switch QuickCommandLine(Array(CommandLine.arguments.dropFirst())) {
      case .version?:
        print(EBCheckCommand.versionText)
      case .check(let invocation)?:
        try invocation.run()
      case nil:
        var command = try EBCheckCommand.parseAsRoot()
        try command.run()
      }
    } catch let exit as ExitCode {
      terminate(exit.rawValue)
    } catch let error as UsageError {
      printError("error: \(error.message)")
      terminate(2)
    } catch {
      let code = EBCheckCommand.exitCode(for: error)
      if code == .success {
        EBCheckCommand.exit(withError: error)
      }
      let message = EBCheckCommand.message(for: error)
      if message.isEmpty {
        printError("error: internal error: \(error)")
        terminate(3)
      }
      printError(EBCheckCommand.fullMessage(for: error))
      terminate(2)
    }
  }
}

/// Ends the process with `code`: the C library's `exit`, named so that it is not confused
/// with `ParsableCommand.exit`, on both platforms the package declares.
func terminate(_ code: Int32) -> Never {
  #if canImport(Glibc)
    Glibc.exit(code)
  #else
    Darwin.exit(code)
  #endif
}

/// The C library's `write`, on both platforms the package declares.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
  #else
    Darwin.write(descriptor, bytes, count)
  #endif
}

func printError(_ message: String) {
  var standardError = StandardError()
  print(message, to: &standardError)
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    var bytes = Array(string.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      _ = systemWrite(2, buffer.baseAddress, buffer.count)
    }
  }
}

struct EBCheckCommand: ParsableCommand {
  static let versionText = "ebcheck \(EBCheckVersion.current)"

  static let configuration = CommandConfiguration(
    commandName: "ebcheck",
    abstract: "Predicts what the Elastic Beanstalk health check gets from your Django app.",
    discussion: """
      Reads Django settings, URLconfs, .ebextensions, .platform/nginx, Procfile and \
      requirements as text, simulates the load balancer's health check hop by hop, and \
      reports each mismatch at the line to change.
      """,
    version: versionText,
    subcommands: [
      CheckCommand.self, FixCommand.self, GenerateCommand.self, SettingsCommand.self,
      ProbeCommand.self,
      RulesCommand.self, ExplainCommand.self, WriteDocsCommand.self,
    ],
    defaultSubcommand: nil
  )
}
