import EBCheckCore
import EBCheckFormats

/// The platform an environment runs, from the repository's evidence: the operating-system
/// generation, the runtime and the proxy in front of the app. Each part says where it was
/// read, or that it is Beanstalk's default for a new environment (docs/facts.md §1, §8).
public struct Platform: Sendable, Hashable {
  public enum Generation: String, Sendable, Hashable {
    /// The retired Amazon Linux AMI ("AL1"): Python apps run under Apache and mod_wsgi.
    case amazonLinuxAMI = "the Amazon Linux AMI"
    case amazonLinux2 = "Amazon Linux 2"
    case amazonLinux2023 = "Amazon Linux 2023"
  }

  public enum Runtime: String, Sendable, Hashable {
    case python = "Python"
    case docker = "Docker"
    case multicontainerDocker = "multi-container Docker"
  }

  public enum Proxy: String, Sendable, Hashable {
    case nginx
    /// Apache httpd as a reverse proxy (AL2+ `ProxyServer: apache`) or with mod_wsgi (AL1).
    case apache
    /// No proxy (`ProxyServer: none`): the app server listens on port 80 itself.
    case none
  }

  public var generation: Sourced<Generation>
  public var runtime: Sourced<Runtime>
  public var proxy: Sourced<Proxy>
  /// A platform hook, or a use of the later generations' virtualenv, that rules the AMI out
  /// when nothing names the generation.
  public var laterThanAMI: Location?

  public init(generation: Sourced<Generation>, runtime: Sourced<Runtime>, proxy: Sourced<Proxy>) {
    self.generation = generation
    self.runtime = runtime
    self.proxy = proxy
  }

  /// What a new environment gets when the repository says nothing.
  public static let assumed = Platform(
    generation: .defaulted(.amazonLinux2023, "assumed: what new environments get"),
    runtime: .defaulted(.python, "assumed"), proxy: .defaulted(.nginx, "Beanstalk default"))

  /// Whether the generation disables IMDSv1 unless an option says otherwise: Amazon Linux
  /// 2023 platforms do, Amazon Linux 2 and the Amazon Linux AMI do not.
  public var disablesIMDSv1ByDefault: Bool { generation.value == .amazonLinux2023 }

  /// Whether Python runs under Apache and mod_wsgi in the same process, with no proxy hop.
  public var isModWSGI: Bool {
    generation.value == .amazonLinuxAMI && runtime.value == .python
  }

  /// What receives the request on the instance: `nginx proxy`, `Apache + mod_wsgi`.
  public var front: String {
    isModWSGI
      ? "Apache + mod_wsgi" : proxy.value == .none ? "no proxy" : "\(proxy.value.rawValue) proxy"
  }
}

extension Platform {
  /// Reads the platform from `.elasticbeanstalk/config.yml`'s `default_platform`, the
  /// option settings, and the files at the application root.
  public static func infer(beanstalk: BeanstalkConfiguration, files: SourceFiles) -> Platform {
    var platform = assumed
    // The stack infrastructure code creates the environment with decides; else the EB CLI's
    // `default_platform`, which `eb create` uses.
    let named: (String, Location?, String)? =
      beanstalk.infrastructurePlatform.map { ($0.value, $0.location, $0.origin) }
      ?? beanstalk.cli?.defaultPlatform.map {
        ($0, beanstalk.cli?.defaultPlatformLocation, "default_platform")
      }
    if let (name, location, origin) = named, let parsed = PlatformName(name) {
      if let generation = parsed.generation {
        platform.generation = Sourced(generation, at: location, origin: origin)
      }
      if let runtime = parsed.runtime {
        platform.runtime = Sourced(runtime, at: location, origin: origin)
      }
    }
    // Platform hooks run, and /var/app/venv exists, on Amazon Linux 2 and later only:
    // then the AMI's traces elsewhere (an old option, a path) are left over, and which later
    // generation it is stays open.
    if platform.generation.isDefault, let evidence = PlatformEvidence.laterThanAMI(files) {
      platform.generation = .defaulted(
        .amazonLinux2023,
        "assumed: \(evidence.reason), and new environments get Amazon Linux 2023")
      platform.laterThanAMI = evidence.location
    }
    if platform.generation.isDefault, platform.laterThanAMI == nil,
      let (generation, location) = generationEvidence(beanstalk)
    {
      platform.generation = Sourced(generation, at: location)
    }
    if platform.generation.isDefault, platform.laterThanAMI == nil,
      let location = PlatformEvidence.amazonLinuxAMI(files)
    {
      platform.generation = Sourced(.amazonLinuxAMI, at: location, origin: "AMI hook folder")
    }
    if platform.runtime.isDefault, let runtime = runtimeEvidence(beanstalk, files) {
      platform.runtime = runtime
    }
    if let setting = beanstalk.effective("aws:elasticbeanstalk:environment:proxy", "ProxyServer"),
      let proxy = Proxy(rawValue: setting.value.lowercased())
    {
      platform.proxy = Sourced(proxy, at: setting.location)
    } else if platform.runtime.value == .multicontainerDocker {
      // The ECS-managed platforms run no proxy: a container publishes port 80 (facts.md §9).
      platform.proxy = Sourced(
        .none, at: platform.runtime.location, origin: "multi-container Docker")
    } else if platform.runtime.value == .docker, let compose = DockerPlatform.composeFile(files) {
      // With Docker Compose, Beanstalk runs no proxy of its own (facts.md §9).
      platform.proxy = Sourced(
        .none, at: Location(file: compose.path, span: Span(at: 0)), origin: "docker-compose.yml")
    } else if platform.isModWSGI {
      platform.proxy = Sourced(
        .apache, at: platform.generation.location, origin: "Amazon Linux AMI")
    }
    return platform
  }

  /// Options and paths only one generation has.
  package static func generationEvidence(_ beanstalk: BeanstalkConfiguration) -> (
    Generation, Location
  )? {
    // WSGIPath's form: a module (`mysite.wsgi:application`) only Amazon Linux 2 and later
    // load (gunicorn); a file path (`mysite/wsgi.py`) only the AMI's mod_wsgi loads (facts.md §1).
    for setting in beanstalk.settings
    where setting.namespace == "aws:elasticbeanstalk:container:python"
      && setting.option == "WSGIPath"
    {
      let value = setting.value.trimmingWhitespace()
      if value.hasSuffix(".py") { return (.amazonLinuxAMI, setting.location) }
      if value.contains(":") { return nil }
    }
    for setting in beanstalk.settings {
      // The AMI's static files namespace; Amazon Linux 2 moved it under the proxy.
      if setting.namespace == "aws:elasticbeanstalk:container:python:staticfiles" {
        return (.amazonLinuxAMI, setting.location)
      }
      if setting.namespace == "aws:elasticbeanstalk:container:python", setting.option == "WSGIPath",
        setting.value.hasPrefix("/opt/python/")
      {
        return (.amazonLinuxAMI, setting.location)
      }
    }
    return nil
  }

  /// Docker files decide the runtime only when nothing names the Python platform: a Python
  /// repository often keeps a Dockerfile or a compose file for development.
  package static func runtimeEvidence(_ beanstalk: BeanstalkConfiguration, _ files: SourceFiles)
    -> Sourced<Runtime>?
  {
    if let setting = beanstalk.settings.first(where: {
      $0.namespace.hasPrefix("aws:elasticbeanstalk:container:python")
    }) {
      return Sourced(.python, at: setting.location)
    }
    if let location = PlatformEvidence.pythonPlatform(files) {
      return Sourced(.python, at: location, origin: "the Python platform's virtualenv")
    }
    if let procfile = files["Procfile"] {
      return Sourced(.python, at: Location(file: procfile.path, span: Span(at: 0)))
    }
    if let dockerrun = files["Dockerrun.aws.json"] {
      let compact = String(decoding: dockerrun.bytes, as: UTF8.self).filter { !$0.isWhitespace }
      let version2 =
        compact.contains("\"AWSEBDockerrunVersion\":2")
        || compact.contains("\"AWSEBDockerrunVersion\":\"2\"")
      return Sourced(
        version2 ? .multicontainerDocker : .docker,
        at: Location(file: dockerrun.path, span: Span(at: 0)))
    }
    for name in ["docker-compose.yml", "docker-compose.yaml", "Dockerfile"] {
      if let file = files[name] {
        return Sourced(
          .docker, at: Location(file: file.path, span: Span(at: 0)),
          origin: "\(name) and no Python option")
      }
    }
    return nil
  }
}

/// A platform as `eb init` writes it: a solution stack name (`Python 3.8 running on 64bit
/// Amazon Linux 2`, `64bit Amazon Linux 2018.03 v2.9.4 running Python 3.6`), a platform ARN,
/// or a short name (`python-3.6`, `docker`).
package struct PlatformName {
  package var generation: Platform.Generation?
  package var runtime: Platform.Runtime?

  package init?(_ name: String) {
    let text = name.lowercased()
    if text.contains("amazon linux 2023") {
      generation = .amazonLinux2023
    } else if text.contains("amazon linux 2 ") || text.hasSuffix("amazon linux 2")
      || text.contains("amazon linux 2/")
    {
      generation = .amazonLinux2
    } else if text.contains("amazon linux") || PlatformEvidence.dockerVersionedName(text) {
      generation = .amazonLinuxAMI
    }
    if text.contains("multi-container") || text.contains("multicontainer")
      || text.contains("ecs running")
    {
      runtime = .multicontainerDocker
    } else if text.contains("docker") {
      runtime = .docker
    } else if text.contains("python") {
      runtime = .python
      // A short name without the OS: the Python versions each generation shipped.
      if generation == nil, let version = Self.pythonVersion(text) {
        generation =
          version < (3, 7) ? .amazonLinuxAMI : version < (3, 9) ? .amazonLinux2 : .amazonLinux2023
      }
    }
    if generation == nil && runtime == nil { return nil }
  }

  /// `3.6` from `python-3.6` or `python 3.6`.
  package static func pythonVersion(_ text: String) -> (Int, Int)? {
    guard let range = text.firstRange(of: "python") else { return nil }
    let rest = text[range.upperBound...].drop { $0 == "-" || $0 == " " }
    let digits = rest.prefix { $0.isNumber || $0 == "." }.split(separator: ".")
    guard digits.count >= 2, let major = Int(digits[0]), let minor = Int(digits[1]) else {
      return nil
    }
    return (major, minor)
  }
}
