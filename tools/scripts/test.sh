#!/usr/bin/env bash
# The whole suite on Jest: the unit project (no services), then the integration project against a
# real PostgreSQL and a real Kafka broker (started by tests/support/global-setup.ts through
# tools/scripts/services-up.sh where none is given). Extra arguments go to Jest.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --no-warnings=ExperimentalWarning"
exec node_modules/.bin/jest "$@"
