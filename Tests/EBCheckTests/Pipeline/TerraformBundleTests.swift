import EBCheck
import EBCheckCore
import EBCheckReport
import Foundation
import Testing

/// The bundle a Terraform configuration builds and deploys: followed from the environment's
/// version label to the folder zipped or the files written, it decides the application
/// folder, the platform's container port and command; a piece that cannot be followed
/// leaves the answer unknown, with the piece and the reason.
@Suite struct TerraformBundleTests {
  /// A fixture copied into a folder of its own (a repository, as the e2e harness lays it).
  static func lint(fixture name: String) throws -> LintResult {
    let tree = TempTree()
    let source = TestPaths.repository.appendingPathComponent("Fixtures/projects/\(name)").path
    try FileManager.default.copyItem(atPath: source, toPath: tree.root + "/repo")
    return try lint(tree.root + "/repo", keeping: tree)
  }

  static func lint(_ path: String, keeping tree: TempTree) throws -> LintResult {
    let workspace = try Workspace.load(path: path)
    return withExtendedLifetime(tree) {
      workspace.lint(workspace.options(env: [:], select: [], ignore: []))
    }
  }

  /// The Terraform of a repository whose S3 object uploads a zip built before Terraform runs.
  static func builtArtefactTree() -> TempTree {
    let tree = TempTree()
    tree.write("manage.py", "import os\n")
    tree.write(
      "shop/settings.py",
      "SECRET_KEY = 'x'\nDEBUG = False\nALLOWED_HOSTS = ['*']\nROOT_URLCONF = 'shop.urls'\n")
    tree.write("shop/urls.py", "urlpatterns = []\n")
    tree.write("shop/wsgi.py", "application = None\n")
    tree.write("shop/__init__.py", "")
    tree.write(
      "infra/main.tf",
      """
      module "shop" {
        source  = "./modules/eb"
        release = "r42"
      }

      """)
    tree.write("infra/modules/eb/variables.tf", "variable \"release\" {}\n")
    tree.write(
      "infra/modules/eb/.ebextensions/01_health.config",
      "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /ping/\n"
    )
    tree.write(
      "infra/modules/eb/main.tf",
      """
      # The bundle CI builds with `make bundle` (dist/ is not committed).
      resource "aws_s3_object" "bundle" {
        bucket = "shop-releases"
        key    = "shop-${var.release}.zip"
        source = "${path.module}/../../dist/shop.zip"
      }

      resource "aws_elastic_beanstalk_application_version" "release" {
        name        = var.release
        application = "shop"
        bucket      = aws_s3_object.bundle.bucket
        key         = aws_s3_object.bundle.key
      }

      resource "aws_elastic_beanstalk_environment" "web" {
        name                = "shop-web"
        application         = "shop"
        solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"
        version_label       = aws_elastic_beanstalk_application_version.release.name
      }

      """)
    return tree
  }

  @Test func aDockerrunTerraformWritesDecidesThePortAndTheImageIsTheRepository() throws {
    let result = try Self.lint(fixture: "terraform-bundle-dockerrun")
    let prediction = try #require(result.predictions.first)
    #expect(prediction.status == 200)
    #expect(prediction.healthy == true)
    // The container port is the Dockerrun's, shown where Terraform writes it.
    let proxy = try #require(prediction.trace.hops.first { $0.detail.contains("proxy_pass") })
    #expect(proxy.detail.contains("127.0.0.1:5000"))
    let application = try #require(prediction.trace.hops.first { $0.step == "application" })
    #expect(application.detail.contains("built from Dockerfile at .github/workflows/deploy.yml"))
  }

  @Test func theZippedFolderIsTheApplicationNotTheModuleFolder() throws {
    let result = try Self.lint(fixture: "terraform-bundle-source-dir")
    #expect(result.predictions.map(\.appRoot) == [""])
    #expect(result.predictions.first?.status == 200)
  }

  @Test func aBuiltArtefactLeavesTheBundleUnknownWithTheReason() throws {
    let tree = Self.builtArtefactTree()
    let result = try Self.lint(tree.root, keeping: tree)
    let prediction = try #require(result.predictions.first)
    #expect(prediction.status == nil)
    #expect(prediction.healthy == nil)
    let unknown = try #require(result.diagnostics.first { $0.rule == "HC007" })
    #expect(unknown.message.contains("dist/shop.zip"))
    #expect(unknown.location.file == "infra/modules/eb/main.tf")
  }

  @Test func theAnswersMatchGolden() throws {
    var text = ""
    let artefact = Self.builtArtefactTree()
    let results = [
      ("terraform-bundle-dockerrun", try Self.lint(fixture: "terraform-bundle-dockerrun")),
      ("terraform-bundle-source-dir", try Self.lint(fixture: "terraform-bundle-source-dir")),
      ("built-artefact", try Self.lint(artefact.root, keeping: artefact)),
    ]
    for (name, result) in results {
      text += "\(name):\n"
      for prediction in result.predictions {
        text += ReportWording.prediction(prediction) + "\n"
        for hop in prediction.trace.hops where ["application", "container"].contains(hop.step) {
          text += "  \(hop.step): \(hop.detail)\n"
        }
      }
      for finding in result.diagnostics {
        text += "\(finding.rule) \(finding.location.file) fix=\(finding.fix != nil)\n"
        text += "  \(finding.message)\n"
      }
    }
    try Golden.assert(text, matches: "terraform-bundles.txt")
  }
}
