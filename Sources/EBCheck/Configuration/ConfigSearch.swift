import EBCheckCore

/// Which configuration a run uses.
public enum ConfigChoice: Sendable, Hashable {
  /// The nearest file found from each linted path upward to its repository root.
  case discover
  /// `--config FILE`: this file for every path, nothing searched.
  case file(String)
  /// `--isolated`: no configuration file at all.
  case isolated
}

/// The configuration a path uses and how it was found (for `--verbose` and `--show-settings`).
public struct ConfigResolution: Sendable, Hashable {
  public var config: EBCheckConfig
  public var choice: ConfigChoice
  /// The folders searched, nearest first (absolute); empty unless discovered.
  public var searched: [String] = []
  /// Files of the same folder that lost to the one read, by name.
  public var shadowed: [String] = []

  public init(config: EBCheckConfig, choice: ConfigChoice) {
    self.config = config
    self.choice = choice
  }
}

/// Finds and reads configuration files on disk.
public enum ConfigSearch {
  /// The nearest configuration at or above the absolute folder `start`, up to and including
  /// `stop`. `name` turns an absolute path into how messages show it.
  public static func nearest(
    from start: String, upTo stop: String, name: (String) -> String
  ) throws(UsageError) -> ConfigResolution {
    var resolution = ConfigResolution(config: EBCheckConfig(), choice: .discover)
    var folder = RelativePath.normalize(start)
    let stop = RelativePath.isInside(folder, stop) ? RelativePath.normalize(stop) : folder
    while true {
      resolution.searched.append(folder)
      var found: EBCheckConfig?
      for fileName in EBCheckConfig.fileNames {
        let path = Discovery.join(folder, fileName)
        guard Discovery.exists(path) else { continue }
        if found != nil {
          // A file that lost to a nearer name in the same folder (a broken one too).
          let other = try? read(path, name: name(path), within: stop, lenient: true)
          if other != nil { resolution.shadowed.append(name(path)) }
          continue
        }
        found = try read(path, name: name(path), within: stop, lenient: true) ?? nil
      }
      if let found {
        resolution.config = found
        return resolution
      }
      if folder == stop || folder == "/" { return resolution }
      folder = Discovery.parent(of: folder)
    }
  }

  /// `--config FILE`: read it, whatever its folder; a `pyproject.toml` must hold `[tool.ebcheck]`.
  public static func explicit(_ path: String, name: String) throws(UsageError) -> EBCheckConfig {
    guard Discovery.exists(path) else { throw UsageError("\(name): no such configuration file") }
    guard let config = try read(path, name: name, within: nil, lenient: false) else {
      throw UsageError("\(name): has no [tool.ebcheck] table")
    }
    return config
  }

  /// Reads one file. Like discovery, only a regular file, up to the default size limit, and
  /// (when `within` is given) never through a link leaving that folder: a FIFO, a device or a
  /// link out of the repository is an error naming the file, never a hang. `lenient`: a
  /// `pyproject.toml` that does not parse and never mentions ebcheck is someone else's problem.
  package static func read(_ path: String, name: String, within: String?, lenient: Bool)
    throws(UsageError) -> EBCheckConfig?
  {
    guard let real = Discovery.realPath(path) else {
      throw UsageError("\(name): cannot resolve the path")
    }
    if let within, !RelativePath.isInside(real, within) {
      throw UsageError("\(name): links to \(real), outside the repository; not read")
    }
    let limit = DiscoveryLimits().maxFileSize
    let bytes: [UInt8]
    switch Discovery.readFile(real, limit: limit) {
    case .bytes(let read): bytes = read
    case .tooLarge(let size):
      throw UsageError("\(name) is \(size) bytes, over the \(limit)-byte limit; not read")
    case .failed(let reason): throw UsageError("\(name): cannot read (\(reason))")
    }
    let file = ConfigFile(
      path: RelativePath.normalize(path), name: name, format: ConfigFile.format(ofName: path))
    do {
      return try EBCheckConfig.read(bytes, from: file)
    } catch {
      let mentionsEBCheck =
        bytes.count >= 7 && String(decoding: bytes, as: UTF8.self).contains("ebcheck")
      if lenient, file.format == .pyproject, !mentionsEBCheck { return nil }
      throw error
    }
  }
}
