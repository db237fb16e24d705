import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// Every environment the repository's infrastructure code defines, each tied to the
/// application folder it deploys, plus what the readers could not read.
public struct InfrastructureCatalog: Sendable {
  public var environments: [InfrastructureEnvironment] = []
  public var diagnostics: [Diagnostic] = []
  public var filesRead: [InfrastructureTool: Int] = [:]
  /// Repository files the code zips one by one into a bundle (root-relative).
  public var zippedFiles: Set<String> = []

  public init(
    environments: [InfrastructureEnvironment] = [], diagnostics: [Diagnostic] = [],
    filesRead: [InfrastructureTool: Int] = [:], zippedFiles: Set<String> = []
  ) {
    self.environments = environments
    self.diagnostics = diagnostics
    self.filesRead = filesRead
    self.zippedFiles = zippedFiles
  }

  /// Reads Terraform, CloudFormation and CDK code of the whole repository.
  public static func read(_ files: SourceFiles) -> InfrastructureCatalog {
    var read = TerraformReader.read(files.ofKind(.terraform))
    read.merge(CloudFormationReader.read(files.ofKind(.infrastructureTemplate)))
    read.merge(CDKReader.read(PythonModules(files: files)))
    let chooser = AppFolderChooser(files: files, zippedFiles: read.zippedFiles)
    return InfrastructureCatalog(
      environments: link(read.definitions).map(chooser.assign),
      diagnostics: read.diagnostics, filesRead: read.filesRead, zippedFiles: read.zippedFiles)
  }

  /// Environments with the template each is created from; a template no environment uses
  /// stands for the environments created from it elsewhere (the console, the EB CLI).
  static func link(_ definitions: [InfrastructureDefinition]) -> [(
    InfrastructureDefinition, InfrastructureDefinition?
  )] {
    let index = TemplateIndex(definitions.filter { $0.kind == .configurationTemplate })
    var used = Set<Int>()
    var linked: [(InfrastructureDefinition, InfrastructureDefinition?)] = []
    for environment in definitions where environment.kind == .environment {
      let position = environment.templateReference.flatMap {
        index.position(of: $0, tool: environment.tool)
      }
      if let position { used.insert(position) }
      linked.append((environment, position.map { index.templates[$0] }))
    }
    // A template equal to a used one counts as used, as it did when templates were compared.
    let usedTemplates = Set(used.map { index.templates[$0] })
    for template in index.templates where !usedTemplates.contains(template) {
      linked.append((template, nil))
    }
    return linked
  }

  /// The application folders environments deploy, root-relative (`""` or ending in `/`).
  public var appFolders: [String] {
    var seen = Set<String>()
    return environments.compactMap { seen.insert($0.appFolder).inserted ? $0.appFolder : nil }
  }

  /// The application folders (`""` or ending in `/`) among `roots` that hold a marker the
  /// code zips file by file into a bundle (a module's `.ebextensions`, the Dockerrun a
  /// `local_file` writes): bundle material, no application, unless an environment deploys it.
  public func zippedMaterial(_ roots: [String]) -> Set<String> {
    let deployed = Set(appFolders)
    let marked = Set(zippedFiles.compactMap(BeanstalkConfiguration.appRoot(holding:)))
    return Set(roots.filter { marked.contains($0) && !deployed.contains($0) })
  }

  /// The environments deploying one folder.
  public func environments(deploying folder: String) -> [InfrastructureEnvironment] {
    environments.filter { $0.appFolder == folder }
  }
}
