import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// Builds the one model every rule reads: the Beanstalk configuration, the environment it
/// describes (load balancer, processes, nginx, app server) and the Django app it serves.
public enum ProjectBuilder {
  /// The model of one application folder. `infrastructure` holds the environments the
  /// repository's infrastructure code defines for this folder (in its coordinates) and the
  /// readers' problems to report here; nil reads the folder's own infrastructure code.
  public static func build(
    _ files: SourceFiles, options: ModelOptions, infrastructure: InfrastructureCatalog? = nil
  ) -> ProjectModel {
    let catalog = infrastructure ?? InfrastructureCatalog.read(files)
    // Files carried in from outside the folder (`../infra/main.tf`) are only read as
    // infrastructure code, never as part of the bundle.
    let bundle = files.paths.contains { $0.hasPrefix("../") } ? files.inFolder : files
    var beanstalk = BeanstalkConfiguration.load(from: bundle)
    let modules = PythonModules(files: bundle)
    guard beanstalk.isBeanstalkProject || !catalog.environments.isEmpty else {
      // A plain Django repository: no health check to simulate, the Django rules still run.
      let app = SettingsModuleFinder(modules: modules).find(env: options.env).flatMap {
        DjangoAppBuilder(modules: modules, env: options.env).build(
          settingsModule: $0.value, requirements: Requirements.load(from: bundle))
      }
      return ProjectModel(
        files: files, beanstalk: beanstalk, standaloneApps: app.map { [$0] } ?? [],
        infrastructureDiagnostics: catalog.diagnostics)
    }
    guard BeanstalkConfiguration.holdsApplication("", bundle) else {
      // Options with nothing to deploy beside them: linted, with no health check to simulate.
      return ProjectModel(
        files: files, beanstalk: beanstalk,
        unsimulatedConfigurations: catalog.environments.map { beanstalk.applying($0.settings) },
        infrastructureDiagnostics: catalog.diagnostics)
    }
    beanstalk.isBeanstalkProject = true
    let definitions: [InfrastructureEnvironment?] =
      catalog.environments.isEmpty ? [nil] : catalog.environments
    let shared = FolderModelCache()
    let environments = definitions.map { definition -> Environment in
      // A bundle the code builds file by file is what the environment runs, not the folder.
      let deployed = definition?.deployedFiles(over: bundle)
      var own = beanstalk
      if let deployed {
        own = BeanstalkConfiguration.load(from: deployed)
        own.isBeanstalkProject = true
      }
      let configuration =
        definition.map {
          own.applying(
            $0.settings, createdThrough: $0.definition.tool,
            platform: $0.definition.platform ?? $0.template?.platform)
        }
        ?? own
      var environment = EnvironmentBuilder(
        files: deployed ?? bundle, modules: deployed.map { PythonModules(files: $0) } ?? modules,
        beanstalk: configuration, options: options, name: definition?.name,
        shared: deployed == nil ? shared : FolderModelCache()
      ).build()
      environment.configuration = configuration
      environment.infrastructure = definition
      if let unknowns = definition?.bundleUnknowns, !unknowns.isEmpty {
        for index in environment.processes.indices {
          environment.processes[index].unverifiable += unknowns
        }
      }
      return environment
    }
    return ProjectModel(
      files: files, beanstalk: beanstalk, environments: environments,
      infrastructureDiagnostics: catalog.diagnostics)
  }
}

extension SourceFiles {
  /// The files inside the folder (no `../` path).
  package var inFolder: SourceFiles {
    var folder = SourceFiles(all.filter { !$0.path.hasPrefix("../") })
    folder.occupied = occupied.filter { !$0.hasPrefix("../") }
    folder.unexplored = unexplored.filter { !$0.hasPrefix("../") }
    folder.unreadFiles = unreadFiles.filter { !$0.hasPrefix("../") }
    return folder
  }
}

/// Turns the Beanstalk model plus the repository's Procfile, nginx and Django into an `Environment`.
package struct EnvironmentBuilder {
  /// The settings module the environment names, located at the line that names it (an option
  /// setting, or a Dockerfile `ENV`, which stands for itself), so a missing one is reported
  /// there. Not located: a value built from a variable nothing resolves
  /// (`config.settings.${BUILD_MODE}`), and a folder without Python (infrastructure only, no
  /// app to name it for).
  private static func locatedAtItsSetting(
    _ found: Sourced<String>, _ variables: [String: Sourced<String>], files: SourceFiles
  ) -> Sourced<String> {
    guard found.location == nil, let set = variables[SettingsModuleLocator.variable],
      set.value == found.value, !found.value.contains("$"),
      files.paths.contains(where: { $0.hasSuffix(".py") })
    else { return found }
    if set.origin == "Dockerfile ENV" { return set }
    guard found.origin == "environment" else { return found }
    var located = found
    located.location = set.location
    return located
  }

  package let files: SourceFiles
  package let modules: PythonModules
  package let beanstalk: BeanstalkConfiguration
  package let options: ModelOptions
  /// The name infrastructure code gives the environment.
  package var name: String? = nil
  /// What the folder's other environments already built.
  package var shared = FolderModelCache()
  /// `WSGIPath` as the console sets it, for the environment where no repository file does.
  package var consoleWSGIPath: String? = nil
  /// The instance family an arm is built for (`instanceFamilyArms`); nil: as the options say.
  package var hypervisor: InstanceHypervisor? = nil

  package func build() -> Environment {
    var model = beanstalk.environment
    if let consoleWSGIPath {
      model.wsgiPath.value = consoleWSGIPath
      model.wsgiPath.defaultReason = "set in the console"
    }
    let name = self.name ?? model.names.first ?? "default"
    // Variables Beanstalk injects, then values the user supplies (which win).
    var variables: [String: Sourced<String>] = [:]
    for (name, setting) in model.environmentVariables where !setting.isDynamic {
      variables[name] = Sourced(setting.value, at: setting.location, origin: "option setting")
    }
    // Values for this environment in `.ebcheck.yml`, then `--env` / `env:` (which win).
    let override = options.environments[name]
    for (name, value) in override?.env ?? [:] {
      variables[name] = Sourced(value, origin: ".ebcheck.yml environment")
    }
    if let settings = override?.settings {
      variables[SettingsModuleLocator.variable] = Sourced(
        settings, origin: ".ebcheck.yml environment")
    }
    for (name, value) in options.env { variables[name] = Sourced(value, origin: "supplied") }
    // A container starts with its image's ENV; environment properties override it.
    let platform = Platform.infer(beanstalk: beanstalk, files: files)
    let runsContainers = [.docker, .multicontainerDocker].contains(platform.runtime.value)
    if runsContainers, let dockerfile = files["Dockerfile"] {
      variables.merge(DockerfileEnvironment.read(dockerfile)) { set, _ in set }
    }
    let env = variables.mapValues(\.value)

    // Under mod_wsgi (the Amazon Linux AMI) Apache loads WSGIPath itself; no Procfile runs.
    // On the Docker platform the container's command is the app server, not a Procfile.
    let container =
      runsContainers ? ContainerDeployment.load(files, runtime: platform.runtime.value) : nil
    let procfile =
      container?.procfile
      ?? ProcfileModel.load(
        from: platform.isModWSGI ? SourceFiles() : files, wsgiPath: model.wsgiPath.value,
        numProcesses: model.numProcesses.intValue,
        numThreads: model.numThreads.intValue)
    let docker = container?.ports
    let upstream: Sourced<Int>
    if let docker, let port = docker.containerPort {
      upstream = Sourced(port, at: docker.location, origin: "Docker platform")
    } else if let port = variables["PORT"], let number = Int(port.value) {
      upstream = Sourced(number, at: port.location, origin: "PORT")
    } else {
      upstream = .defaulted(8000, "Beanstalk default")
    }
    // The app server's working directory and --pythonpath come first on sys.path.
    var serverRoots = procfile.web.map { ($0.chdir.map { [$0] } ?? []) + $0.pythonPath } ?? []
    // An image no file builds runs this repository's code only if it was built from it, and
    // then from the repository, not from the bundle (which an `.ebignore` may leave bare):
    // the answer is simulated from the repository under that premise (facts.md §9).
    let code = Self.imageCode(files, unbuiltImage: container?.unbuiltAppImages != nil)
    if platform.runtime.value == .multicontainerDocker {
      // The ECS platforms build nothing from the bundle: the containers run images, and the
      // repository's code is what a Dockerfile beside it copies into one (its build
      // context), imported from there (facts.md §9).
      serverRoots += Self.imageBuildContexts(code)
    }
    let modules =
      code.count == files.count
      ? shared.modules(files: files, serverRoots: serverRoots, folderModules: self.modules)
      : PythonModules(files: code, serverRoots: serverRoots)
    var appServer = self.appServer(
      procfile, model: model, env: env, docker: container?.process == nil ? docker : nil,
      modWSGI: platform.isModWSGI, modules: modules, upstreamPort: upstream.value)
    if let container { appServer.applyContainer(container) }
    // Shared by the folder's environments, except where an unbuilt image adds the files the
    // bundle leaves out (`imageCode`).
    let requirements =
      container?.unbuiltAppImages == nil
      ? shared.requirements { Requirements.load(from: files) } : Requirements.load(from: code)
    let finder = SettingsModuleFinder(modules: modules)
    let wsgiModule = appServer.module?.value
    let settingsModule = shared.settingsModule(
      SettingsModuleKey(
        serverRoots: serverRoots, variable: env[SettingsModuleLocator.variable],
        procfile: procfile.web, wsgiModule: wsgiModule)
    ) {
      finder.find(env: env, procfile: procfile.web, wsgiModule: wsgiModule)
    }.map { Self.locatedAtItsSetting($0, variables, files: files) }
    let imds = imdsV1Disabled(model, platform: platform)
    let familyEvidence = hypervisor == nil ? instanceFamilyEvidence() : nil
    let hypervisor = self.hypervisor ?? familyEvidence?.hypervisor
    let deployed = DeployedLayout.files(
      platform: platform, web: procfile, beanstalk: beanstalk, source: files,
      container: container)
    let appKey = settingsModule.map {
      DjangoAppKey(
        serverRoots: serverRoots, settingsModule: $0.value, env: env, imdsV1Answers: !imds.value,
        deployed: deployed, hypervisor: hypervisor)
    }
    let django = appKey.flatMap { key in
      shared.djangoApp(key) {
        var builder = DjangoAppBuilder(modules: modules, env: env, imdsV1Answers: !imds.value)
        builder.deployed = deployed
        builder.hypervisor = hypervisor
        return builder.build(settingsModule: key.settingsModule, requirements: requirements)
      }
    }
    let nginx = shared.nginx(
      NginxPortsKey(portVariable: env["PORT"], applicationPort: upstream.value)
    ) { NginxConfiguration.load(from: files, env: env, applicationPort: upstream.value) }
    var environment = Environment(
      name: name,
      loadBalancer: Sourced(
        model.loadBalancer, at: model.loadBalancerOption.location,
        origin: model.loadBalancerOption.defaultReason ?? ""),
      processes: processes(model), appServer: appServer, upstreamPort: upstream,
      nginx: nginx, django: django,
      settingsModule: settingsModule.map { .known($0) },
      imdsV1Disabled: imds,
      variables: variables)
    environment.platform = platform
    environment.deployedFiles = deployed
    // Nothing names the generation, and the answer may hang on IMDSv1: build both cases.
    if let key = appKey, imds.isDefault, imds.value, let django,
      django.ipLookups.contains(where: { $0.value == .imdsWithoutToken })
    {
      var older = key
      older.imdsV1Answers = true
      // Amazon Linux 2 and the AMI put the app in different folders: on this arm, which is
      // either, the deployed path is not known.
      older.deployed = platform.generation.isDefault ? nil : deployed
      environment.djangoWhereIMDSv1Answers = shared.djangoApp(older) {
        var builder = DjangoAppBuilder(modules: modules, env: env, imdsV1Answers: true)
        builder.deployed = older.deployed
        builder.hypervisor = hypervisor
        return builder.build(settingsModule: key.settingsModule, requirements: requirements)
      }
    }
    environment.httpd = HttpdConfiguration.load(
      from: files, beanstalk: beanstalk, platform: platform, wsgiPath: model.wsgiPath.value)
    if let key = appKey, let django,
      (django.envReads + django.urlconfEnvReads).contains(where: { env[$0.name] == nil })
    {
      // Built once per distinct model, like the model itself (thousands of environments from
      // infrastructure code share a few).
      environment.djangoScenarios = shared.djangoScenarios(key) {
        var scenarios = SettingsScenarios(modules: modules, env: env, imdsV1Answers: !imds.value)
        scenarios.deployed = deployed
        scenarios.hypervisor = hypervisor
        return scenarios.scenarios(
          settingsModule: key.settingsModule, requirements: requirements)
      }
    }
    environment.readerDiagnostics =
      nginx.diagnostics + environment.httpd.diagnostics + procfile.diagnostics
    environment.consoleWSGIPaths = consoleWSGIPaths(
      environment, wsgiPath: model.wsgiPath, procfileIsDefault: procfile.isDefault)
    environment.instanceFamily = familyEvidence.map {
      Sourced($0.hypervisor, at: $0.location, origin: $0.types.joined(separator: ", "))
    }
    if let hypervisor, self.hypervisor != nil {
      environment.instanceFamily = .defaulted(hypervisor, "the arm evaluated for this family")
    }
    environment.instanceFamilyArms = instanceFamilyArms(environment)
    return environment
  }

  /// The files the app's code is read from: the bundle's, and, for an image no file of the
  /// repository builds, the repository files the bundle leaves out too.
  static func imageCode(_ files: SourceFiles, unbuiltImage: Bool) -> SourceFiles {
    guard unbuiltImage, !files.leftOutOfBundle.isEmpty else { return files }
    var code = files
    for file in files.leftOutOfBundle where code[file.path] == nil { code.insert(file) }
    return code
  }

  /// Folders below the root holding a Dockerfile and Python code beside it: the build
  /// contexts of images a multi-container definition may run.
  package static func imageBuildContexts(_ files: SourceFiles) -> [String] {
    let folders = files.paths.compactMap { path -> String? in
      guard path.hasSuffix("/Dockerfile") else { return nil }
      return String(path.dropLast("/Dockerfile".count))
    }
    return folders.filter { folder in
      files.paths.contains { $0.hasPrefix(folder + "/") && $0.hasSuffix(".py") }
    }.sorted()
  }

  package func appServer(
    _ procfile: ProcfileModel, model: BeanstalkEnvironment, env: [String: String],
    docker: DockerPlatform?, modWSGI: Bool = false, modules: PythonModules,
    upstreamPort: Int = 8000
  ) -> AppServer {
    if let docker {
      return AppServer(
        kind: "container", port: docker.containerPort.map { Sourced($0, at: docker.location) },
        module: nil)
    }
    guard let web = procfile.web else {
      return AppServer(kind: "gunicorn", port: .defaulted(8000, "Beanstalk default"), module: nil)
    }
    let portLocation = web.portSpan.flatMap { span in
      procfile.file.map { Location(file: $0, span: span) }
    }
    let port = web.resolvedPort(env: env).map {
      Sourced($0, at: portLocation, origin: procfile.isDefault ? "Beanstalk default command" : "")
    }
    let moduleLocation: Location? =
      if procfile.isDefault { model.wsgiPath.location } else {
        web.moduleSpan.flatMap { span in procfile.file.map { Location(file: $0, span: span) } }
      }
    // A WSGIPath computed by CloudFormation (`!Ref`, `Fn::GetOptionSetting`) is unknowable.
    let dynamic = procfile.isDefault && model.wsgiPath.isDynamic
    let module =
      dynamic
      ? nil
      : web.module.map {
        Sourced($0, at: moduleLocation, origin: model.wsgiPath.defaultReason ?? "")
      }
    // Without any Python file the app is not in this repository: nothing to say about it.
    let hasPython = files.paths.contains { $0.hasSuffix(".py") }
    let missing =
      hasPython
      && (module.map { modules.path(of: $0.value) == nil && web.wsgiFile == nil } ?? false)
    var server = AppServer(
      kind: modWSGI ? "mod_wsgi" : web.server.rawValue,
      port: web.unixSocket == nil && !modWSGI ? port : nil, module: module,
      obstacle: missing ? .moduleMissing(foundOnlyAt: nil) : nil)
    if !modWSGI, let socket = web.unixSocket {
      server.unixSocket = Sourced(
        String(socket.dropFirst("unix:".count)),
        at: web.location ?? procfile.file.map { Location(file: $0, span: Span(at: 0)) })
    }
    if !missing, !modWSGI, let module,
      let found = serverCannotImport(module.value, web: web, env: env, modules: modules)
    {
      server.obstacle = .moduleMissing(foundOnlyAt: found)
    }
    if !modWSGI, !web.bindStated {
      applyConfigFileBind(
        to: &server, web: web, env: env, modules: modules, upstreamPort: upstreamPort)
    }
    return server
  }

  /// gunicorn's configuration file sets the bind the command line leaves to it.
  package func applyConfigFileBind(
    to server: inout AppServer, web: ProcfileProcess, env: [String: String],
    modules: PythonModules, upstreamPort: Int
  ) {
    guard
      let config = GunicornConfigFile.read(for: web, files: files, modules: modules, env: env)
    else { return }
    if let reason = config.unknownReason {
      server.port = nil
      server.portUnknownReason = "\(reason) (\(config.path))"
      return
    }
    guard let addresses = config.addresses else { return }
    // nginx reaches the app when one of the addresses is the upstream port.
    let tcp = addresses.filter { $0.port != nil }
    guard let chosen = tcp.first(where: { $0.port == upstreamPort }) ?? tcp.first,
      let number = chosen.port
    else {
      server.port = nil
      if let socket = addresses.lazy.compactMap(\.socket).first {
        server.unixSocket = Sourced(socket, at: addresses.first?.location)
      }
      return
    }
    server.port = Sourced(number, at: chosen.location, origin: "bind in \(config.path)")
    server.portIsEditable = chosen.portIsExact
  }

  package func processes(_ model: BeanstalkEnvironment) -> [ProcessCheck] {
    switch model.loadBalancer {
    case .none:
      return []
    case .classic:
      guard let classic = model.classicHealthCheck else { return [] }
      let target = classic.parsedTarget ?? ("TCP", 80, nil)
      var check = ProcessCheck(
        name: "default", protocolName: sourced(target.protocol, classic.target),
        port: sourced(target.port, classic.target),
        path: sourced(target.path ?? "/", classic.target),
        matcher: .defaulted("200", "classic load balancers accept only 200"))
      // Without a target the path goes in `Application Healthcheck URL`, the current option.
      check.pathOption =
        classic.target.isDefault
        ? EffectiveOption(
          namespace: "aws:elasticbeanstalk:application", option: "Application Healthcheck URL")
        : classic.target
      check.unverifiable = Self.dynamic([classic.target])
      check.interval = classic.interval.intValue.map { sourced($0, classic.interval) }
      return [check]
    case .application, .network:
      return model.processes.map { process in
        let options = process.healthCheck
        var protocolName = options.protocol.value ?? "HTTP"
        if model.loadBalancer == .network {
          // NLB target groups check TCP unless a path asks for HTTP.
          protocolName = options.path.isDefault ? "TCP" : "HTTP"
        }
        var check = ProcessCheck(
          name: process.name, protocolName: sourced(protocolName, options.protocol),
          port: sourced(options.port.intValue ?? 80, options.port),
          path: healthPath(options.path),
          matcher: sourced(options.matcher.value ?? "200", options.matcher))
        check.pathOption = options.path
        check.interval = options.interval.intValue.map { sourced($0, options.interval) }
        check.unverifiable = Self.dynamic([
          options.path, options.port, options.protocol, options.matcher,
        ])
        return check
      }
    }
  }

  /// The option's path; where the repository sets none, the one `.ebcheck.yml` says to assume.
  package func healthPath(_ option: EffectiveOption) -> Sourced<String> {
    if option.isDefault, let assumed = options.assumedHealthCheckPath {
      return .defaulted(assumed, "assumed in .ebcheck.yml")
    }
    return sourced(option.value ?? "/", option)
  }

  /// Options whose value CloudFormation computes at deploy time.
  package static func dynamic(_ options: [EffectiveOption]) -> [Unverifiable] {
    options.compactMap { option in
      guard let setting = option.setting, setting.isDynamic else { return nil }
      return Unverifiable(
        "\(setting.option) is computed at deploy time (\(setting.value))", at: setting.location)
    }
  }

  package func sourced<T: Sendable & Hashable>(_ value: T, _ option: EffectiveOption) -> Sourced<T>
  {
    Sourced(value, at: option.location, origin: option.defaultReason ?? "Beanstalk default")
  }

  package func imdsV1Disabled(_ model: BeanstalkEnvironment, platform: Platform)
    -> Sourced<Bool>
  {
    if let setting = model.disableIMDSv1.setting, !setting.isDynamic {
      return Sourced(setting.value.lowercased() == "true", at: setting.location)
    }
    let generation = platform.generation
    let origin = "\(generation.value.rawValue) default" + (generation.isDefault ? ", assumed" : "")
    return Sourced(platform.disablesIMDSv1ByDefault, at: generation.location, origin: origin)
  }

}
