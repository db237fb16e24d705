/// What a discovered file is, decided by its path alone.
public enum FileKind: String, Sendable, Hashable, CaseIterable {
  case python
  case ebextension
  case ebConfig
  case savedConfig
  case procfile
  case nginx
  /// A `.platform/httpd/**/*.conf` Apache file (the Apache proxy platform).
  case httpd
  case requirements
  case dockerfile
  case dockerrun
  case dockerCompose
  /// A build context's `.dockerignore`: what `docker build` leaves out of the image.
  case dockerignore
  case platformHook
  case ebcheckConfig
  case ebignore
  /// A shell script, `Makefile` or `bin/` / `scripts/` command that may run `eb deploy`
  /// (what it copies into the bundle first is read).
  case deployScript
  /// A Terraform `.tf` or `.tfvars` file.
  case terraform
  /// A YAML, JSON or `.template` file that may be a CloudFormation template.
  case infrastructureTemplate
  /// An INI file (`*.ini`, `*.cfg`): what `configparser` reads.
  case ini
  /// A CI file that may build images: `.travis.yml`, `.gitlab-ci.yml`.
  case ciConfig
  /// A `.conf` file outside `.platform`: what an nginx container may be configured with.
  case serverConfig
  case other
}

/// One file of the linted repository, read once.
public struct SourceFile: Sendable {
  /// Path relative to the lint root, with `/` separators.
  public let path: String
  public let bytes: [UInt8]
  public let lineIndex: LineIndex
  public let kind: FileKind
  /// The encoding the file is stored in; `bytes` are always UTF-8 (decoded when read).
  public let encoding: TextEncoding
  /// What this file shares with the run's other files holding the same bytes (nil: nothing).
  public let shared: SharedContent?

  public init(path: String, bytes: [UInt8], kind: FileKind? = nil, encoding: TextEncoding = .utf8) {
    self.path = path
    self.bytes = bytes
    self.lineIndex = LineIndex(bytes)
    self.kind = kind ?? FileClassifier.kind(of: path)
    self.encoding = encoding
    self.shared = nil
  }

  private init(
    path: String, bytes: [UInt8], lineIndex: LineIndex, kind: FileKind, encoding: TextEncoding,
    shared: SharedContent?
  ) {
    self.path = path
    self.bytes = bytes
    self.lineIndex = lineIndex
    self.kind = kind
    self.encoding = encoding
    self.shared = shared
  }

  /// The same file under another path (its line index is reused).
  public func relocated(to path: String) -> SourceFile {
    SourceFile(
      path: path, bytes: bytes, lineIndex: lineIndex, kind: FileClassifier.kind(of: path),
      encoding: encoding, shared: shared)
  }

  /// The same file, deriving what its bytes give through `shared` (`SharedContent.share`).
  public func sharing(_ shared: SharedContent) -> SourceFile {
    SourceFile(
      path: path, bytes: bytes, lineIndex: lineIndex, kind: kind, encoding: encoding,
      shared: shared)
  }

  /// The same file with new (UTF-8) contents, in the same encoding.
  public func replacingBytes(_ bytes: [UInt8]) -> SourceFile {
    SourceFile(path: path, bytes: bytes, kind: kind, encoding: encoding)
  }

  /// The contents as stored on disk (encoded back); nil when the text no longer fits the
  /// encoding.
  public var storedBytes: [UInt8]? { encoding.encode(bytes) }

  public init(path: String, text: String, kind: FileKind? = nil) {
    self.init(path: path, bytes: Array(text.utf8), kind: kind)
  }

  /// The text of a span, decoding invalid UTF-8 with replacement characters.
  public func text(_ span: Span) -> String {
    let start = max(0, min(span.start, bytes.count))
    let end = max(start, min(span.end, bytes.count))
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  public func location(of offset: Int) -> LineColumn { lineIndex.location(of: offset) }

  /// Whether the file mostly ends its lines with CRLF.
  public var usesCRLF: Bool {
    var crlf = 0
    var lf = 0
    for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
      if index > 0, bytes[index - 1] == UInt8(ascii: "\r") { crlf += 1 } else { lf += 1 }
    }
    return crlf > lf
  }

  public var lineEnding: String { usesCRLF ? "\r\n" : "\n" }
}

/// All files of one lint run, keyed by relative path, in the order first inserted.
/// A bundle a deploy script assembles: the repository's files with some copied into place
/// (`cp environments/prod/Dockerrun.aws.json .`), under the condition that names it.
public struct BundleCandidate: Sendable {
  public struct Copy: Sendable {
    /// The copied file, under its own path.
    public var file: SourceFile
    /// Its place in the bundle.
    public var destination: String

    public init(file: SourceFile, destination: String) {
      self.file = file
      self.destination = destination
    }
  }

  /// `deployed by bin/deploy with environments/prod`.
  public var condition: String
  /// The script's first copy.
  public var location: Location
  public var copies: [Copy]
  /// The deploy script (shown where findings name it, also when the bundle leaves it out).
  public var script: SourceFile

  public init(condition: String, location: Location, copies: [Copy], script: SourceFile) {
    self.condition = condition
    self.location = location
    self.copies = copies
    self.script = script
  }

  /// The repository path of what sits at `path` in this bundle: a copy's own file, else
  /// `path` itself.
  public func sourcePath(_ path: String) -> String {
    copies.first { $0.destination == path }?.file.path ?? path
  }
}

public struct SourceFiles: Sendable {
  /// Every file, in the order its path was first inserted (kept as an array, so that the
  /// many walks over all files copy nothing and hash no path).
  public private(set) var all: [SourceFile] = []
  public private(set) var paths: [String] = []
  private var positions: [String: Int] = [:]
  /// Paths that exist in the tree although their contents are not here (folders, ignored or
  /// unreadable files): a fix must not create a file at one of them.
  public var occupied: Set<String> = []
  /// Folders whose contents are unknown (not walked): every path below them counts as taken.
  public var unexplored: Set<String> = []
  /// Files the bundle carries whose contents ebcheck does not read (HTML, images, scripts):
  /// what nginx finds when it serves files from the application folder.
  public var unreadFiles: Set<String> = []
  /// The bundles a deploy script assembles from this folder before `eb deploy` (empty when no
  /// script copies files in): each one is this folder with the script's copies laid over it.
  public var bundleCandidates: [BundleCandidate] = []
  /// Repository files an `.ebignore` leaves out of the bundle: never on the instance, but
  /// what an image built from the repository may hold (multi-container Docker).
  public var leftOutOfBundle: [SourceFile] = []

  public init(_ files: [SourceFile] = []) {
    all.reserveCapacity(files.count)
    paths.reserveCapacity(files.count)
    positions.reserveCapacity(files.count)
    for file in files { insert(file) }
  }

  /// Adds `file`, or replaces the file at its path (which keeps its place).
  public mutating func insert(_ file: SourceFile) {
    if let position = positions[file.path] {
      all[position] = file
    } else {
      positions[file.path] = all.count
      all.append(file)
      paths.append(file.path)
    }
  }

  public subscript(path: String) -> SourceFile? { positions[path].map { all[$0] } }

  /// These files as `candidate` deploys them: each copied file at its place in the bundle,
  /// replacing a file there (`BundleCandidate.sourcePath` maps findings back to the copy's
  /// own file).
  public func overlaid(_ candidate: BundleCandidate) -> SourceFiles {
    let destinations = Set(candidate.copies.map(\.destination))
    var result = SourceFiles(all.filter { !destinations.contains($0.path) })
    result.occupied = occupied.subtracting(destinations)
    result.unexplored = unexplored
    result.unreadFiles = unreadFiles.subtracting(destinations)
    for copy in candidate.copies { result.insert(copy.file.relocated(to: copy.destination)) }
    return result
  }

  /// The files by path.
  public var byPath: [String: SourceFile] { positions.mapValues { all[$0] } }

  public var count: Int { paths.count }

  /// Whether something exists at `path` (a file read, or a path in `occupied`, or one below
  /// an occupied file); a module `x.py` also counts as taken by a package folder `x/`.
  public func isOccupied(_ path: String) -> Bool {
    if self[path] != nil || occupied.contains(path) { return true }
    var folder = path
    while let slash = folder.lastIndex(of: "/") {
      folder = String(folder[..<slash])
      if self[folder] != nil || unexplored.contains(folder) { return true }
    }
    guard path.hasSuffix(".py") else { return false }
    let package = String(path.dropLast(3))
    return occupied.contains(package) || paths.contains { $0.hasPrefix(package + "/") }
  }
  public func ofKind(_ kind: FileKind) -> [SourceFile] { all.filter { $0.kind == kind } }
}

extension SourceFile {
  /// The spaces and tabs that start the line holding `offset`.
  public func indentation(ofLineAt offset: Int) -> String {
    let line = lineIndex.lineNumber(at: offset) + 1
    let range = lineIndex.lineContentRange(line: line)
    let indent = bytes[range].prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    return String(decoding: indent, as: UTF8.self)
  }
}

extension SourceFile {
  /// An edit adding `line` (no terminator) after the statement at `statement`, with the
  /// statement's indentation and the file's line ending.
  public func insertLine(_ line: String, after statement: Span) -> Edit {
    let end = lineIndex.lineRange(line: lineIndex.lineNumber(at: statement.end) + 1).upperBound
    let needsNewline = end == bytes.count && bytes.last != UInt8(ascii: "\n")
    let text =
      (needsNewline ? lineEnding : "") + indentation(ofLineAt: statement.start) + line + lineEnding
    return .insert(text, in: path, at: end)
  }
}
