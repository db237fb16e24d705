import EBCheckModel
import Testing

/// A MIDDLEWARE module outside the repository is "not installed" only when every declared
/// requirement is known not to install it; an unknown distribution may install anything.
@Suite struct DistributionModulesTests {
  @Test func knownRequirementsThatDoNotInstallTheModule() {
    #expect(!DistributionModules.mayInstall("ops", requirements: ["django", "gunicorn"]))
    #expect(
      !DistributionModules.mayInstall("social_django", requirements: ["django", "psycopg2-binary"]))
  }

  @Test func aRequirementThatInstallsItOrMayInstallIt() {
    #expect(DistributionModules.mayInstall("corsheaders", requirements: ["django-cors-headers"]))
    #expect(DistributionModules.mayInstall("whitenoise", requirements: ["django", "whitenoise"]))
    // social-auth-app-django installs social_django; ebcheck does not know it, so it may.
    #expect(
      DistributionModules.mayInstall(
        "social_django", requirements: ["django", "social-auth-app-django"]))
    #expect(
      DistributionModules.mayInstall("django_user_agents", requirements: ["django-user-agents"]))
  }
}
