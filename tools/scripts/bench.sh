#!/usr/bin/env bash
# npm run bench [-- --only <name>[,<name>…]]: starts the local services (PostgreSQL, Kafka) unless
# BENCH_DATABASE_URL is given, then runs bench/run.ts. Sizes: BENCH_CHILDREN, BENCH_QUICK=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
  while IFS='=' read -r key value; do
    case "$key" in
      DATABASE_URL) export BENCH_DATABASE_URL="$value" ;;
      KAFKA_BROKERS) export BENCH_KAFKA_BROKERS="${BENCH_KAFKA_BROKERS:-$value}" ;;
    esac
  done < <(bash "$root/tools/scripts/services-up.sh")
fi
npm run --silent generate
exec node --max-old-space-size=4096 --import tsx "$root/tools/bench/run.ts" "$@"
