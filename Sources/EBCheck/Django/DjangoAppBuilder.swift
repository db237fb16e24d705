/// Builds the `DjangoApp` facts from the evaluated settings, URLconf and middleware.
/// (Filled in once the settings evaluator lands.)
struct DjangoAppBuilder {
  let modules: PythonModules
  let env: [String: String]

  func build(settingsModule: String, requirements: Requirements) -> DjangoApp? {
    nil
  }
}
