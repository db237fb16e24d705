import EBCheckCore
import EBCheckModel

/// EB007: the settings read an environment variable that nothing sets and that has no default.
public struct UnsetVariableRule: Rule {
  public init() {}

  public let description = RuleDescription(
    id: "EB007", name: "environment-variable-set-nowhere", severity: .warning,
    summary:
      "The settings read an environment variable without a default that no option setting provides (reads that run only under a condition the repository leaves open, such as `if 'RDS_HOSTNAME' in os.environ:`, are not reported).",
    rationale: """
      Beanstalk injects `aws:elasticbeanstalk:application:environment` option settings as \
      environment variables. A variable set nowhere in the repository either lives only in the \
      console (invisible to review, lost when the environment is recreated) or is missing, and \
      `os.environ[...]` then raises at start-up.
      """,
    fix: "Set it in `aws:elasticbeanstalk:application:environment`, or give the read a default.",
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECRET_KEY = ↓os.environ['DJANGO_SECRET_KEY']\n"
      )
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
        ebextensionsExtra:
          "  aws:elasticbeanstalk:application:environment:\n    DJANGO_SECRET_KEY: from-secrets\n"),
      ExampleRepo.django(
        settings:
          "import os\r\nALLOWED_HOSTS = ['*']\r\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '개발용')\r\n"
      ),
      ExampleRepo.django(
        settings:
          "import os\nALLOWED_HOSTS = ['*']\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']  # ebcheck: ignore[EB007]\n"
      ),
      // Beanstalk sets RDS_* when a database is attached; the reads run only then.
      ExampleRepo.django(
        settings: """
          import os
          ALLOWED_HOSTS = ['*']
          if 'RDS_HOSTNAME' in os.environ:
              DATABASES = {'default': {'HOST': os.environ['RDS_HOSTNAME'], 'NAME': os.environ['RDS_DB_NAME']}}
          else:
              DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}

          """),
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environments-cfg-softwaresettings.html"
    ])

  public func check(_ context: LintContext) -> [Diagnostic] {
    var seen = Set<Location>()
    var found: [Diagnostic] = []
    for environment in context.environments {
      guard let app = environment.django else { continue }
      for read in app.envReads
      where read.defaultValue == nil && read.helper != "in os.environ" && !read.underCondition
        && environment.variables[read.name] == nil && read.name != SettingsModuleLocator.variable
      {
        guard seen.insert(read.location).inserted else { continue }
        // Read through a name bound to os.environ in a branch supplied variables decided:
        // the read happens only while they keep that outcome.
        let provenance = read.provenance.map { provenance in
          let names = provenance.variables.joined(separator: ", ")
          return (
            " (it is read from os.environ only because \(names), as the environment sets it, makes the test \(provenance.outcome ? "true" : "false"))",
            RelatedLocation(
              provenance.location,
              "this test of \(names) decides that the value read is os.environ")
          )
        }
        found.append(
          diagnostic(
            "\(read.name) is read here without a default, and no option setting sets it"
              + (provenance?.0 ?? ""),
            at: read.location, related: provenance.map { [$0.1] } ?? [],
            help:
              "set \(read.name) under aws:elasticbeanstalk:application:environment, or pass --env \(read.name)=... to ebcheck"
          ))
      }
    }
    return found
  }
}
