import EBCheckCore

/// Follows the bundle an `aws_elastic_beanstalk_environment` deploys: its `version_label` →
/// the `aws_elastic_beanstalk_application_version` → the `aws_s3_object` (or
/// `aws_s3_bucket_object`) its `key` names → the `archive_file` that object uploads → the
/// folder zipped (`source_dir`) or the files (`source_file`, `source { content filename }`,
/// a `local_file`'s content). A piece that cannot be followed makes the bundle unknown, with
/// the piece and the reason; nothing is guessed.
struct TerraformBundleFollower {
  var references: TerraformReferences
  /// Repository files an archive zips one by one (root-relative).
  var zippedFiles: Set<String> = []

  static let versionType = "aws_elastic_beanstalk_application_version"
  static let objectTypes = ["aws_s3_object", "aws_s3_bucket_object"]
  static let archiveType = "archive_file"

  init(modules: [String: TerraformModule]) {
    references = TerraformReferences(modules: modules)
  }

  /// The environment's bundle; nil when it names no version (`eb deploy` or a pipeline
  /// uploads it).
  mutating func bundle(
    of environment: HCLBlock, path: String, in instance: TerraformInstance,
    iterators: [String: HCLValue]
  ) -> InfrastructureBundle? {
    guard let label = environment.body.attribute("version_label") else { return nil }
    let written = Location(file: path, span: label.expression.span)
    var steps = [Sourced("version_label", at: written, origin: "version_label")]
    let version: TerraformBlockReference
    switch link(
      label.expression, in: path, instance: instance, iterators: iterators,
      to: [Self.versionType], by: "name",
      failing: LinkFailure(
        otherBlock: { "version_label reads \($0.address), not an application version" },
        notText: { "version_label: \($0)" },
        noBlock: {
          "no \(Self.versionType) in the configuration is named \"\($0)\": the version is created outside Terraform's resources (a local-exec command, the EB CLI, a pipeline)"
        }))
    {
    case .block(let found): version = found
    case .unknown(let reason, let location): return unknown(reason, steps, location)
    }
    steps.append(Sourced(version.address, at: version.location))
    return object(of: version, steps)
  }

  /// The S3 object the version's `key` names.
  mutating func object(of version: TerraformBlockReference, _ steps: [Sourced<String>])
    -> InfrastructureBundle
  {
    var steps = steps
    guard let key = version.block.body.attribute("key") else {
      return unknown("\(version.address) has no key", steps, version.location)
    }
    let object: TerraformBlockReference
    switch link(
      key.expression, in: version.path, instance: version.instance, to: Self.objectTypes,
      by: "key",
      failing: LinkFailure(
        otherBlock: {
          "the key of \(version.address) is read from \($0.address), not an S3 object Terraform uploads"
        },
        notText: { "the key of \(version.address): \($0)" },
        noBlock: {
          "no aws_s3_object in the configuration uploads the key \"\($0)\": the bundle is uploaded outside Terraform"
        }))
    {
    case .block(let found): object = found
    case .unknown(let reason, let location): return unknown(reason, steps, location)
    }
    steps.append(Sourced(object.address, at: object.location))
    guard let source = object.block.body.attribute("source") else {
      let written = ["content", "content_base64"].first { object.block.body.attribute($0) != nil }
      return unknown(
        written.map {
          "\(object.address) uploads its \($0) as the bundle's bytes; ebcheck reads bundles an archive_file zips"
        } ?? "\(object.address) has no source", steps, object.location)
    }
    return archive(uploadedBy: object, source: source, steps)
  }

  /// The archive the object's `source` is the output of.
  mutating func archive(
    uploadedBy object: TerraformBlockReference, source: HCLAttribute, _ steps: [Sourced<String>]
  ) -> InfrastructureBundle {
    var steps = steps
    let archive: TerraformBlockReference
    switch link(
      source.expression, in: object.path, instance: object.instance, to: [Self.archiveType],
      by: "output_path",
      failing: LinkFailure(
        otherBlock: {
          "\(object.address) uploads \($0.address)\($0.attribute.map { ".\($0)" } ?? ""), a file ebcheck cannot open"
        },
        notText: { "the source of \(object.address): \($0)" },
        noBlock: {
          "\(object.address) uploads \($0), a file built before Terraform runs: what it holds is not in the repository"
        }))
    {
    case .block(let found): archive = found
    case .unknown(let reason, let location): return unknown(reason, steps, location)
    }
    steps.append(Sourced(archive.address, at: archive.location))
    return contents(of: archive, steps)
  }

  /// What the archive zips.
  mutating func contents(of archive: TerraformBlockReference, _ steps: [Sourced<String>])
    -> InfrastructureBundle
  {
    let body = archive.block.body
    if let folder = body.attribute("source_dir") {
      let value = references.value(folder.expression, in: archive.path, instance: archive.instance)
      let written = Location(file: archive.path, span: folder.expression.span)
      guard let text = value.settingText, let path = repositoryPath(text, archive.instance) else {
        return unknown(
          "source_dir of \(archive.address): \(value.unknownReason ?? "not a folder of the repository")",
          steps, written)
      }
      return InfrastructureBundle(
        content: .folder(path), steps: steps + [Sourced("source_dir \(text)", at: written)],
        location: written)
    }
    var files: [InfrastructureBundleFile] = []
    if let single = body.attribute("source_file") {
      switch file(single, of: archive) {
      case .success(let file): files.append(file)
      case .failure(let problem): return unknown(problem.reason, steps, problem.location)
      }
    }
    if let content = body.attribute("source_content") {
      switch written(content, name: body.attribute("source_content_filename"), in: archive) {
      case .success(let file): files.append(file)
      case .failure(let problem): return unknown(problem.reason, steps, problem.location)
      }
    }
    for block in body.blocks("source") {
      guard let content = block.body.attribute("content") else { continue }
      switch written(content, name: block.body.attribute("filename"), in: archive) {
      case .success(let file): files.append(file)
      case .failure(let problem): return unknown(problem.reason, steps, problem.location)
      }
    }
    guard !files.isEmpty else {
      return unknown("\(archive.address) names nothing to zip", steps, archive.location)
    }
    return InfrastructureBundle(
      content: .files(files), steps: steps + files.map { Sourced($0.path, at: $0.location) },
      location: files[0].location)
  }

  struct Problem: Error {
    var reason: String
    var location: Location?
  }

  /// `source_file`: a repository file, or the file a `local_file` writes.
  mutating func file(_ attribute: HCLAttribute, of archive: TerraformBlockReference)
    -> Result<InfrastructureBundleFile, Problem>
  {
    let here = Location(file: archive.path, span: attribute.expression.span)
    switch references.resolve(
      attribute.expression, in: archive.path, instance: archive.instance)
    {
    case .block(let reference) where reference.type == "local_file":
      // The file Terraform writes is zipped; a copy of it in the repository is no application.
      if let filename = reference.block.body.attribute("filename"),
        let text = references.value(
          filename.expression, in: reference.path, instance: reference.instance
        ).settingText,
        let path = repositoryPath(text, reference.instance)
      {
        zippedFiles.insert(path)
      }
      guard let content = reference.block.body.attribute("content"),
        let filename = reference.block.body.attribute("filename")
      else {
        return .failure(
          Problem(
            reason: "\(reference.address) has no content ebcheck reads (only content is read)",
            location: reference.location))
      }
      return written(content, name: filename, in: reference)
    case .block(let reference):
      return .failure(
        Problem(
          reason:
            "source_file of \(archive.address) is \(reference.address), a file ebcheck cannot read",
          location: reference.location))
    case .value(let value, let location):
      guard let text = value.settingText, let path = repositoryPath(text, archive.instance) else {
        return .failure(
          Problem(
            reason:
              "source_file of \(archive.address): \(value.unknownReason ?? "not a file of the repository")",
            location: location))
      }
      zippedFiles.insert(path)
      return .success(
        InfrastructureBundleFile(
          path: Self.name(of: text), bytes: nil, repositoryPath: path, location: here))
    }
  }

  /// Every repository file the instance's archives zip one by one (`source_file`), whether
  /// an environment deploys them or not.
  mutating func recordZippedFiles(in instance: TerraformInstance) {
    for mode in ["data", "resource"] {
      for found in instance.module.blocks(mode) where found.block.label(0) == Self.archiveType {
        guard let single = found.block.body.attribute("source_file"),
          let name = found.block.label(1)
        else { continue }
        let archive = TerraformBlockReference(
          instance: instance, mode: mode, type: Self.archiveType, name: name, block: found.block,
          path: found.path, attribute: nil)
        _ = file(single, of: archive)
      }
    }
  }

  /// A file whose contents the code writes: `content` (a string, or `jsonencode` of a value
  /// whose unknown parts are written as their reason) under `name`'s last component.
  mutating func written(
    _ content: HCLAttribute, name: HCLAttribute?, in block: TerraformBlockReference
  ) -> Result<InfrastructureBundleFile, Problem> {
    let nameValue = name.map {
      references.value($0.expression, in: block.path, instance: block.instance)
    }
    guard let filename = nameValue?.settingText else {
      return .failure(
        Problem(
          reason:
            "the file name in \(block.address): \(nameValue?.unknownReason ?? "not written")",
          location: block.location))
    }
    let origin = references.origin(content.expression, in: block.path, instance: block.instance)
    guard case .expression(let expression, let path, let instance, let iterators) = origin else {
      return .failure(
        Problem(
          reason: "the content of \(block.address) is read from another resource",
          location: block.location))
    }
    let here = Location(file: path, span: expression.span)
    var text: String?
    var reason: String?
    if case .call("jsonencode", let arguments, false) = expression.kind, arguments.count == 1 {
      let value = references.value(
        arguments[0], in: path, instance: instance, iterators: iterators)
      text = HCLJSON.encode(value) { "(unknown: \($0))" }
      reason = text == nil ? "jsonencode of a value that is not JSON" : nil
    } else {
      let value = references.value(expression, in: path, instance: instance, iterators: iterators)
      text = value.settingText
      reason = value.unknownReason ?? "not a string"
    }
    guard let text else {
      return .failure(
        Problem(reason: "the content of \(block.address): \(reason ?? "")", location: here))
    }
    return .success(
      InfrastructureBundleFile(
        path: Self.name(of: filename), bytes: Array(text.utf8), repositoryPath: nil,
        location: here))
  }

  /// A path written in a module, relative to the root module's folder (where Terraform runs),
  /// as a repository path; nil when it leaves the repository or is absolute.
  func repositoryPath(_ text: String, _ instance: TerraformInstance) -> String? {
    RepositoryPath.join(instance.root.module.folder, text)
  }

  /// The last component: what an archive names a file it zips.
  static func name(of path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// One link of the chain: the block of `types` the expression refers to, or else the first
  /// block of those types whose `attribute` has the text the expression computes.
  enum Link {
    case block(TerraformBlockReference)
    case unknown(String, Location?)
  }

  /// What a link that cannot be followed says: it refers to a block of another type, its
  /// value is no text (given the value's reason), or no block has that text (given it).
  struct LinkFailure {
    var otherBlock: (TerraformBlockReference) -> String
    var notText: (String) -> String
    var noBlock: (String) -> String
  }

  mutating func link(
    _ expression: HCLExpression, in path: String, instance: TerraformInstance,
    iterators: [String: HCLValue] = [:], to types: [String], by attribute: String,
    failing failure: LinkFailure
  ) -> Link {
    switch references.resolve(expression, in: path, instance: instance, iterators: iterators) {
    case .block(let reference) where types.contains(reference.type):
      return .block(reference)
    case .block(let reference):
      return .unknown(failure.otherBlock(reference), reference.location)
    case .value(let value, let location):
      guard let text = value.settingText else {
        return .unknown(failure.notText(value.unknownReason ?? "not a string"), location)
      }
      for type in types {
        if let found = block(type, from: instance, where: attribute, is: text) {
          return .block(found)
        }
      }
      return .unknown(failure.noBlock(text), location)
    }
  }

  /// The first block of `type` in the configuration whose `attribute` evaluates to `value`.
  mutating func block(
    _ type: String, from instance: TerraformInstance, where attribute: String, is value: String
  ) -> TerraformBlockReference? {
    for candidate in references.allInstances(from: instance) {
      for mode in ["resource", "data"] {
        for found in candidate.module.blocks(mode) where found.block.label(0) == type {
          guard let written = found.block.body.attribute(attribute), let name = found.block.label(1)
          else { continue }
          let text = references.value(written.expression, in: found.path, instance: candidate)
          if text.settingText == value {
            return TerraformBlockReference(
              instance: candidate, mode: mode, type: type, name: name, block: found.block,
              path: found.path, attribute: nil)
          }
        }
      }
    }
    return nil
  }

  func unknown(_ reason: String, _ steps: [Sourced<String>], _ location: Location?)
    -> InfrastructureBundle
  {
    InfrastructureBundle(content: .unknown(reason), steps: steps, location: location)
  }
}
