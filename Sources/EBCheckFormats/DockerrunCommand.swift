import EBCheckCore

/// Dockerrun.aws.json v1's `Command` (and whether it sets an `Entrypoint`): the text of the
/// command inside its quotes, located in the file.
public struct DockerrunCommand: Sendable, Hashable {
  public var bytes: [UInt8]
  /// Where `bytes` start in the file; nil when escapes moved them.
  public var offset: Int?
  public var location: Location
  public var entrypoint: String?

  /// nil when the file sets no `Command`.
  public static func read(_ file: SourceFile) -> DockerrunCommand? {
    let yaml = YAMLLoader.load(file)
    guard !yaml.failed, let root = yaml.root, let node = root["Command"], let text = node.scalar
    else { return nil }
    var start = node.span.start
    var end = node.span.end
    if start < end, file.bytes[start] == UInt8(ascii: "\"") {
      start += 1
      end = max(start, end - 1)
    }
    // An escape in the JSON string moves bytes: keep the text, drop the places.
    let raw = Array(file.bytes[start..<end])
    let exact = String(decoding: raw, as: UTF8.self) == text
    return DockerrunCommand(
      bytes: exact ? raw : Array(text.utf8), offset: exact ? start : nil,
      location: Location(file: file.path, span: node.span),
      entrypoint: root["Entrypoint"]?.scalar)
  }
}
