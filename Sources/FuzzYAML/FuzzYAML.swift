import EBCheck
import FuzzSupport
import EBCheckCore
import EBCheckFormats

/// libFuzzer target: the YAML/JSON layer (libyaml events → nodes with spans) on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let file = SourceFile(path: ".ebextensions/fuzz.config", bytes: FuzzSupport.bytes(data, count))
  let yaml = YAMLLoader.load(file)
  FuzzSupport.checkSpans(yaml.diagnostics, in: SourceFiles([file]))
  return 0
}

@_cdecl("FuzzYAML_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzSupport.runDriver(argc, argv, fuzzYAML)
}
