import EBCheckCore
import EBCheckFormats
import EBCheckPython

/// Where the platform unpacks the bundle for the Python code it runs, by generation
/// (facts.md §2): `/var/app/current` on Amazon Linux 2 and 2023 (the web process starts there,
/// or in gunicorn's `--chdir`), `/opt/python/current/app` on the Amazon Linux AMI. A Docker
/// image has the code where its Dockerfile copies it (`ContainerImageLayout`). The process
/// that imports the app is mod_wsgi's on the AMI, else the web process's app server, whose
/// command line is `sys.argv`.
package enum DeployedLayout {
  package static func files(
    platform: Platform, web procfile: ProcfileModel, beanstalk: BeanstalkConfiguration,
    source: SourceFiles, container: ContainerDeployment? = nil
  ) -> DeployedFiles? {
    // The Docker platform builds the root Dockerfile's image from the bundle.
    if platform.runtime.value == .docker, let container, container.ports.source != .compose,
      let dockerfile = source["Dockerfile"]
    {
      return ContainerImageLayout.files(
        dockerfile: dockerfile, context: "", workingDirectory: container.workingDirectory,
        source: source)
    }
    guard platform.runtime.value == .python else { return nil }
    let web = procfile.web
    var files =
      platform.generation.value == .amazonLinuxAMI
      ? DeployedFiles.amazonLinuxAMI() : DeployedFiles.amazonLinux(chdir: web?.chdir)
    files.createdAtDeploy = deployTimeWriter(beanstalk, source)
    if platform.isModWSGI {
      files.arguments = .modWSGI
    } else if let web {
      let origin =
        procfile.file.map { "the \(web.name) process of \($0)" }
        ?? "Beanstalk's default command"
      files.arguments = ProcessArguments.of(web, origin: origin)
    }
    return files
  }

  /// A command that runs in the application folder while it is deployed, and so may create
  /// a file the bundle lacks: a container command or a platform hook.
  package static func deployTimeWriter(_ beanstalk: BeanstalkConfiguration, _ source: SourceFiles)
    -> String?
  {
    for yaml in beanstalk.files where yaml.path.contains(".ebextensions/") {
      guard let root = yaml.root, let first = root["container_commands"]?.mapping?.first
      else { continue }
      return
        "container command \(first.key.scalar ?? "") (\(yaml.path)) runs in the application folder at deploy time"
    }
    if let hook = source.all.first(where: { $0.kind == .platformHook }) {
      return "the platform hook \(hook.path) runs at deploy time"
    }
    return nil
  }
}
