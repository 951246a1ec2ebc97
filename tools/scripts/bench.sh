#!/usr/bin/env bash
# npm run bench [-- --only <name>[,<name>…]]: runs tools/bench/run.ts, which reads its options
# first (--help), then starts the local services (PostgreSQL, Kafka) unless BENCH_DATABASE_URL and
# BENCH_KAFKA_BROKERS are given. Sizes: BENCH_CHILDREN, BENCH_QUICK=1.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
npm run --silent generate
exec node --max-old-space-size=4096 --import tsx "$root/tools/bench/run.ts" "$@"
