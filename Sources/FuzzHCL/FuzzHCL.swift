import EBCheck
import EBCheckCore
import EBCheckFormats
import FuzzSupport

/// libFuzzer target: the HCL reader, its evaluator and the Terraform reader on any bytes (as a
/// `.tf` file beside a `.tfvars` holding the same bytes), plus the CloudFormation reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHCL(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = FuzzSupport.bytes(data, count)
  let main = SourceFile(path: "infra/main.tf", bytes: bytes)
  let variables = SourceFile(path: "infra/terraform.tfvars", bytes: bytes)
  let file = HCLReader.read(main)
  for error in file.errors {
    precondition(error.span.start <= error.span.end && error.span.end <= bytes.count, "span")
  }
  var evaluator = HCLEvaluator(scope: HCLScope())
  for attribute in file.body.attributes {
    _ = evaluator.evaluate(attribute.expression, in: main.path)
  }
  let read = TerraformReader.read([main, variables])
  FuzzSupport.checkSpans(read.diagnostics, in: SourceFiles([main, variables]))
  for definition in read.definitions {
    for setting in definition.settings {
      precondition(setting.location.span.end <= bytes.count, "setting span")
    }
  }
  _ = CloudFormationReader.read([SourceFile(path: "stack.yaml", bytes: bytes)])
  return 0
}

@_cdecl("FuzzHCL_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
  FuzzSupport.runDriver(argc, argv, fuzzHCL)
}
