#!/bin/sh
# Deploys one stage: ./scripts/deploy.sh prod|staging
set -e
STAGE="${1:-staging}"

# Beanstalk reads the Dockerrun at the bundle root: put this stage's there.
cp "stages/$STAGE/Dockerrun.aws.json" Dockerrun.aws.json
eb deploy "ledger-$STAGE"
rm Dockerrun.aws.json
