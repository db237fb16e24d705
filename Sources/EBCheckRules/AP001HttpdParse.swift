import EBCheckCore

/// AP001: a repository httpd conf that `apachectl configtest` refuses.
public struct HttpdParseRule: ReaderProblemRule {
  public init() {}

  public let problem = ReaderProblem.httpdSyntax

  private static let apacheProxy =
    "  aws:elasticbeanstalk:environment:proxy:\n    ProxyServer: apache\n"

  public let description = RuleDescription(
    id: ReaderProblem.httpdSyntax.id, name: "httpd-conf-parse-error", severity: .error,
    summary:
      "An Apache httpd configuration file (`.platform/httpd`, or `.ebextensions` `files:` under `/etc/httpd/conf.d/`) does not parse.",
    rationale: """
      Where Apache fronts the app (`ProxyServer: apache` on Amazon Linux 2, mod_wsgi on the \
      Amazon Linux AMI), Beanstalk includes the repository's httpd files in the platform's \
      configuration. A section left open (`<Location>` without `</Location>`), a closing tag \
      without its opening one or with another name, or a section tag without its `>` makes \
      `apachectl configtest` refuse the whole configuration: the deployment fails and none \
      of the repository's httpd rules apply. Under mod_wsgi on the Amazon Linux AMI, a \
      second `WSGIDaemonProcess` with a name already defined (the platform's `wsgi.conf` \
      defines `wsgi`) is refused the same way, and there the platform restarts httpd \
      without testing first: httpd does not start and nothing answers the health check.
      """,
    fix:
      "Close each section with its own `</Name>` and end each section tag with `>`; give a repository `WSGIDaemonProcess` a name of its own.",
    fixable: false,
    triggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: apacheProxy,
        files: [
          ".platform/httpd/conf.d/health.conf":
            "# 헬스체크\n↓<Location \"/health/\">\n  RequestHeader set Host \"shop.example.com\"\n"
        ]
      ).saying("was not closed"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: apacheProxy,
        files: [
          ".platform/httpd/conf.d/health.conf":
            "<Location \"/health/\">\n  RequestHeader set Host \"shop.example.com\"\n↓</If>\n"
        ]
      ).saying("expected </Location> but saw </If>"),
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n",
        files: [
          ".ebextensions/django.config":
            "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: mysite/wsgi.py\nfiles:\n  \"/etc/httpd/conf.d/tuning.conf\":\n    content: |\n      ↓WSGIDaemonProcess wsgi threads=25\n"
        ]
      ).saying("Name duplicates previous WSGI daemon definition"),
    ],
    nonTriggering: [
      ExampleRepo.django(
        settings: "ALLOWED_HOSTS = ['*']\n", ebextensionsExtra: apacheProxy,
        files: [
          ".platform/httpd/conf.d/health.conf":
            "# 헬스체크\r\n<Location \"/health/\">\r\n  RequestHeader set Host \\\r\n    \"shop.example.com\"\r\n</Location>\r\n"
        ])
    ],
    references: [
      "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/platforms-linux-extend.proxy.html",
      "https://httpd.apache.org/docs/2.4/configuring.html",
    ])
}
