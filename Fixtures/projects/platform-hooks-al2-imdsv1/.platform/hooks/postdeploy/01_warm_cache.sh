#!/bin/bash
# Runs after each deployment (Amazon Linux 2 and later platforms).
set -e
echo "deployment finished at $(date -u)" >> /tmp/almanac-deploys.log
