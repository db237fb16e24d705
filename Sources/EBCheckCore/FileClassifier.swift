/// Decides what a file is from its root-relative path.
public enum FileClassifier {
  /// Discovery, the split into applications and the merge classify every path: the rules
  /// run on the path's bytes (`FileKindBytes`), without a String per component.
  public static func kind(of path: String) -> FileKind {
    var path = path
    return path.withUTF8 { FileKindBytes.kind(of: $0) }
  }
}
