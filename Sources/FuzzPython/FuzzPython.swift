import EBCheck
import FuzzSupport
import EBCheckCore
import EBCheckPython

/// libFuzzer target: the Python tokenizer and parser on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPython(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let file = SourceFile(path: "mysite/settings.py", bytes: FuzzSupport.bytes(data, count))
  let module = PythonParser.parse(file)
  FuzzSupport.checkSpans(module.diagnostics, in: SourceFiles([file]))
  return 0
}

@_cdecl("FuzzPython_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzSupport.runDriver(argc, argv, fuzzPython)
}
