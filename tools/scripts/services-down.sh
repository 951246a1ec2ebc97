#!/usr/bin/env bash
# Stops what services:up started (the Kafka broker). PostgreSQL belongs to the machine: left running.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kdir="${MASH_SERVICES_DIR:-$root/.data/services}/kafka"
if [ -f "$kdir/pid" ] && kill -0 "$(cat "$kdir/pid")" 2>/dev/null; then
  pid="$(cat "$kdir/pid")"
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  echo "services: Kafka stopped" >&2
else
  echo "services: Kafka was not running" >&2
fi
rm -f "$kdir/pid"
