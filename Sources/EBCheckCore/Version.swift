/// The one place the version lives; `--version`, JSON and SARIF read it.
public enum EBCheckVersion {
  public static let current = "0.1.0"
}
