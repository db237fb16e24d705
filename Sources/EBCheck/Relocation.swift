import EBCheckCore
import EBCheckSimulation

/// Moving a lint run of one application folder back into the lint root's coordinates:
/// every path gains the folder's prefix.
extension SourceFiles {
  /// The files of each application folder, re-rooted there: a file belongs to the deepest
  /// folder (in `roots`, each `""` or ending in `/`) that holds it; files under none are dropped.
  package func split(by roots: [String]) -> [SourceFiles] {
    let index = Dictionary(uniqueKeysWithValues: roots.enumerated().map { ($1, $0) })
    var groups = [[SourceFile]](repeating: [], count: roots.count)
    for file in all {
      guard let owner = Self.holders(of: file.path, in: index).last else { continue }
      groups[owner].append(file.relocated(to: String(file.path.dropFirst(roots[owner].count))))
    }
    var result = groups.map(SourceFiles.init)
    // A deploy script's copies land at the repository root's bundle.
    if let root = index[""] {
      result[root].bundleCandidates = bundleCandidates
      result[root].leftOutOfBundle = leftOutOfBundle
    }
    // A path taken below several nested folders is taken in each of them.
    for path in occupied {
      for holder in Self.holders(of: path, in: index) {
        result[holder].occupied.insert(String(path.dropFirst(roots[holder].count)))
      }
    }
    for path in unexplored {
      for holder in Self.holders(of: path, in: index) {
        result[holder].unexplored.insert(String(path.dropFirst(roots[holder].count)))
      }
    }
    for path in unreadFiles {
      for holder in Self.holders(of: path, in: index) {
        result[holder].unreadFiles.insert(String(path.dropFirst(roots[holder].count)))
      }
    }
    return result
  }

  /// The positions in `index` of the folders holding `path` (`""` first, then each folder
  /// that is a proper prefix of it, outermost first).
  package static func holders(of path: String, in index: [String: Int]) -> [Int] {
    var path = path
    if let found = path.withUTF8({ asciiHolders(of: $0, in: index) }) { return found }
    return unicodeHolders(of: path, in: index)
  }

  /// `holders` on the bytes of an ASCII path (every real one): in ASCII each `/` byte is a
  /// `/` Character, so the prefixes looked up are the same; nil for any other path.
  private static func asciiHolders(of path: UnsafeBufferPointer<UInt8>, in index: [String: Int])
    -> [Int]?
  {
    guard path.allSatisfy({ $0 < 0x80 }) else { return nil }
    var found = index[""].map { [$0] } ?? []
    for (offset, byte) in path.enumerated() where byte == UInt8(ascii: "/") {
      let prefix = String(decoding: UnsafeBufferPointer(rebasing: path[...offset]), as: UTF8.self)
      if let holder = index[prefix] { found.append(holder) }
    }
    return found
  }

  /// `holders` by Characters, for paths with non-ASCII bytes.
  package static func unicodeHolders(of path: String, in index: [String: Int]) -> [Int] {
    var found = index[""].map { [$0] } ?? []
    var slash = path.startIndex
    while let next = path[slash...].firstIndex(of: "/") {
      if let holder = index[String(path[...next])] { found.append(holder) }
      slash = path.index(after: next)
    }
    return found
  }
}

extension Location {
  package func prefixed(_ prefix: String) -> Location {
    mappingPaths { RepositoryPath.prefixed($0, with: prefix) }
  }

  /// The same place with its file path rewritten by `transform`.
  package func mappingPaths(_ transform: (String) -> String) -> Location {
    Location(file: transform(file), span: span)
  }
}

extension Trace {
  package func prefixed(_ prefix: String) -> Trace {
    mappingPaths { RepositoryPath.prefixed($0, with: prefix) }
  }

  package func mappingPaths(_ transform: (String) -> String) -> Trace {
    Trace(
      hops.map {
        TraceHop(step: $0.step, detail: $0.detail, location: $0.location?.mappingPaths(transform))
      })
  }
}

extension Fix {
  package func mappingPaths(_ transform: (String) -> String) -> Fix {
    var copy = self
    copy.edits = edits.map {
      Edit(
        file: transform($0.file), span: $0.span, replacement: $0.replacement,
        createsFile: $0.createsFile)
    }
    return copy
  }
}

extension Diagnostic {
  package func prefixed(_ prefix: String) -> Diagnostic {
    mappingPaths { RepositoryPath.prefixed($0, with: prefix) }
  }

  /// The finding with every path it holds (location, related places, trace, fix edits)
  /// rewritten by `transform`.
  package func mappingPaths(_ transform: (String) -> String) -> Diagnostic {
    var copy = self
    copy.location = location.mappingPaths(transform)
    copy.related = related.map { RelatedLocation($0.location.mappingPaths(transform), $0.label) }
    copy.trace = trace?.mappingPaths(transform)
    copy.fix = fix?.mappingPaths(transform)
    copy.alternatives = alternatives.map { $0.mappingPaths(transform) }
    return copy
  }
}

extension HealthCheckPrediction {
  /// The prediction in root coordinates; an unnamed environment takes the folder's name.
  package func prefixed(_ prefix: String) -> HealthCheckPrediction {
    var copy = self
    if environment.name == "default" { copy.environment.name = String(prefix.dropLast()) }
    copy.trace = trace.prefixed(prefix)
    copy.appRoot = prefix + appRoot
    copy.check = nil
    return copy
  }

  /// The prediction with the paths of its trace rewritten by `transform`.
  package func mappingPaths(_ transform: (String) -> String) -> HealthCheckPrediction {
    var copy = self
    copy.trace = trace.mappingPaths(transform)
    copy.check = nil
    return copy
  }
}

/// Findings about a file infrastructure code writes into a bundle (a `Dockerrun.aws.json`
/// made by `jsonencode`) belong where the code writes it: each place in such a file becomes
/// the expression's, and a fix that would edit the file (which is not in the repository) is
/// dropped.
extension Diagnostic {
  package func mappingWrittenFiles(_ written: [String: Location]) -> Diagnostic {
    guard !written.isEmpty else { return self }
    var copy = self
    copy.location = written[location.file] ?? location
    copy.related = related.map {
      RelatedLocation(written[$0.location.file] ?? $0.location, $0.label)
    }
    copy.trace = trace?.mappingWrittenFiles(written)
    let touches = { (fix: Fix) in fix.edits.contains { written[$0.file] != nil } }
    if let fix, touches(fix) { copy.fix = nil }
    copy.alternatives = alternatives.filter { !touches($0) }
    if copy.fix == nil, let first = copy.alternatives.first {
      copy.fix = first
      copy.alternatives.removeFirst()
    }
    return copy
  }
}

extension Trace {
  package func mappingWrittenFiles(_ written: [String: Location]) -> Trace {
    Trace(
      hops.map { hop in
        var moved = hop
        if let location = hop.location, let origin = written[location.file] {
          moved.location = origin
        }
        return moved
      })
  }
}
