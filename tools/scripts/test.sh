#!/usr/bin/env bash
# The whole suite: unit tests, then integration tests against a real PostgreSQL and a real Kafka
# broker (started by tests/support/global-setup.ts through scripts/services-up.sh where none is given).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node_modules/.bin/vitest run "$@"
