import EBCheckCore
import Testing

@testable import EBCheckPython

/// `/sys/hypervisor` per instance family, the instance families of instance types, the
/// dot-prefixed instance IP and `socket.gethostname()`.
@Suite struct InstanceHypervisorTests {
  static let guardSource = """
    import os
    from urllib.request import urlopen

    def on_ec2():
        if os.path.isfile('/sys/hypervisor/uuid'):
            with open('/sys/hypervisor/uuid') as f:
                return f.read().startswith('ec2')
        return False

    IP = None
    if on_ec2():
        IP = '.' + urlopen('http://169.254.169.254/latest/meta-data/local-ipv4').read().decode('utf-8')
    X = [on_ec2(), os.path.exists('/sys/hypervisor'), os.path.isdir('/sys/hypervisor/uuid')]

    """

  static func evaluate(_ source: String, _ hypervisor: InstanceHypervisor?) -> (
    EvaluatedSettings?, SettingsEvaluator
  ) {
    let files = SourceFiles([SourceFile(path: "app/settings.py", text: source)])
    let evaluator = SettingsEvaluator(files: files, unsetVariablesTakeDefaults: true)
    evaluator.deployed = .amazonLinux()
    evaluator.hypervisor = hypervisor
    return (evaluator.evaluate(module: "app.settings"), evaluator)
  }

  @Test func xenHasTheUUIDFileAndTheLookupRuns() {
    let (settings, evaluator) = Self.evaluate(Self.guardSource, .xen)
    #expect(settings?["X"]?.value.pythonRepr == "[True, True, False]")
    #expect(settings?["IP"]?.value.pythonRepr == ".<instance-private-ip>")
    #expect(evaluator.testsInstanceType)
  }

  @Test func nitroHasNoUUIDFileAndTheLookupIsSkipped() {
    let (settings, _) = Self.evaluate(Self.guardSource, .nitro)
    #expect(settings?["X"]?.value.pythonRepr == "[False, False, False]")
    #expect(settings?["IP"]?.value == PyValue.none)
  }

  @Test func anUnknownFamilyIsRecordedAndStaysUnknown() {
    let (settings, evaluator) = Self.evaluate(Self.guardSource, nil)
    #expect(evaluator.testsInstanceType)
    // Neither answer is taken: the guard's outcome is not a known truth value.
    let first = settings?["X"]?.value.elements?.first?.value
    #expect(first != nil && first?.truthiness == nil)
  }

  @Test func theUUIDTextIsKnownOnlyByItsStart() {
    let source = """
      with open('/sys/hypervisor/uuid') as f:
          U = f.read().strip()
      X = [U.startswith('ec'), U.startswith('EC2'), U.startswith('xen'), U.startswith('ec2e')]

      """
    let (settings, _) = Self.evaluate(source, .xen)
    let elements = settings?["X"]?.value.elements?.map(\.value) ?? []
    #expect(elements.count == 4)
    #expect(elements.prefix(3).map(\.pythonRepr) == ["True", "False", "False"])
    if case .unknown = elements.last {} else { Issue.record("ec2e… is not known") }
  }

  @Test func instanceTypesMapToTheirHypervisor() {
    #expect(InstanceHypervisor(instanceType: "t2.micro") == .xen)
    #expect(InstanceHypervisor(instanceType: " M4.large ") == .xen)
    #expect(InstanceHypervisor(instanceType: "i3.metal") == .nitro)
    #expect(InstanceHypervisor(instanceType: "t3.small") == .nitro)
    #expect(InstanceHypervisor(instanceType: "c7g.medium") == .nitro)
    #expect(InstanceHypervisor(instanceType: "micro") == nil)
    #expect(InstanceHypervisor(instanceType: "t2.") == nil)
    #expect(InstanceHypervisor(instanceType: "${var.type}") == nil)
  }

  @Test func otherOperationsOnTheIPStayUnknown() {
    let source = """
      import socket
      IP = socket.gethostbyname(socket.gethostname())
      X = 'x' + IP
      H = socket.gethostname()

      """
    let (settings, _) = Self.evaluate(source, nil)
    if case .unknown = settings?["X"]?.value {} else { Issue.record("'x' + IP is not a host") }
    guard case .dynamic(let hostname)? = settings?["H"]?.value else {
      Issue.record("gethostname() is a run-time value")
      return
    }
    #expect(hostname.isInstanceHostname)
  }
}
