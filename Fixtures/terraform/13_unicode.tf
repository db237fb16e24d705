# Équipe plateforme — environnement « vitrine » 🚀
resource "aws_elastic_beanstalk_environment" "vitrine" {
  name        = "vitrine-prod"
  description = "Boutique en ligne — café & thé"
  application = "vitrine"

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "SITE_TITLE"
    value     = "Café ☕ \"Le Petit\" \\ Paris\t(été)"
  }

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "GREETING"
    value     = "\u00e9t\u00E9 \U0001F600"
  }

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "TEMPLATE_LITERAL"
    value     = "costs $${amount} and %%{percent}"
  }
}
