import EBCheckCore
import EBCheckFormats

/// Evidence in the deployment's scripts about which platform runs it (facts.md §9).
package enum PlatformEvidence {
  /// Paths only the Python platform's instances have: its virtualenv (`/var/app/venv/` on
  /// Amazon Linux 2 and later, `/opt/python/run/venv` on the Amazon Linux AMI). A hook or
  /// command that activates it runs on the Python platform, whatever Docker files sit beside it.
  static let pythonPaths = laterThanAMIPaths + ["/opt/python/run/venv"]

  /// The Amazon Linux AMI's hook folders, which later generations replaced with `.platform`.
  static let amazonLinuxAMIPaths = ["/opt/elasticbeanstalk/hooks/"]

  package static func pythonPlatform(_ files: SourceFiles) -> Location? {
    firstMention(of: pythonPaths, in: files)
  }

  package static func amazonLinuxAMI(_ files: SourceFiles) -> Location? {
    firstMention(of: amazonLinuxAMIPaths, in: files)
  }

  /// The first `.ebextensions` file or platform hook that names one of `needles`, at the name.
  static func firstMention(of needles: [String], in files: SourceFiles) -> Location? {
    for file in files.all where file.kind == .ebextension || file.kind == .platformHook {
      for needle in needles {
        if let span = DockerPlatform.spanOf(
          needle, in: file, range: 0..<file.bytes.count)
        {
          return Location(file: file.path, span: span)
        }
      }
    }
    return nil
  }

  /// The virtualenv of Amazon Linux 2 and later (`/var/app/venv/staging-*`): the AMI has none
  /// there, so a command that activates it fails on the AMI.
  static let laterThanAMIPaths = ["/var/app/venv", "venv/staging-"]

  /// What rules the AMI out, whichever of the later generations it is: a `.platform/hooks` or
  /// `.platform/confighooks` script (only Amazon Linux 2 and later run them; the AMI runs
  /// `.ebextensions` and its own hook folders), else a hook or command that uses the later
  /// generations' virtualenv. Either is stronger than the AMI's traces (a file-form WSGIPath, a
  /// file written under `/etc/httpd` or the AMI's hook folders), which are harmless leftovers on
  /// a later platform while the virtualenv's command would fail on the AMI.
  package static func laterThanAMI(_ files: SourceFiles) -> LaterThanAMIEvidence? {
    if let hook = files.all.first(where: { $0.kind == .platformHook }) {
      return LaterThanAMIEvidence(
        location: Location(file: hook.path, span: Span(at: 0)),
        reason: "\(hook.path) runs on Amazon Linux 2 or later")
    }
    return firstMention(of: laterThanAMIPaths, in: files).map {
      LaterThanAMIEvidence(
        location: $0,
        reason: "\($0.file) uses /var/app/venv, which only Amazon Linux 2 and later have")
    }
  }

  /// Short platform names that carry a Docker version (`docker-18.06.1-ce`,
  /// `multi-container-docker-18.06.1-ce-(generic)`) name Amazon Linux AMI branches: the
  /// Amazon Linux 2 branches are named without one ("Docker running on 64bit Amazon Linux 2",
  /// "ECS running on 64bit Amazon Linux 2").
  package static func dockerVersionedName(_ text: String) -> Bool {
    guard let range = text.firstRange(of: "docker-") else { return false }
    return text[range.upperBound...].first?.isNumber ?? false
  }
}

/// Evidence that the platform is a generation after the Amazon Linux AMI, and why.
package struct LaterThanAMIEvidence: Sendable {
  package var location: Location
  package var reason: String
}
