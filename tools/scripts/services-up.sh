#!/usr/bin/env bash
# Starts the local services the hub and its tests use, idempotently:
#  - a real Apache Kafka broker (single KRaft node on 127.0.0.1), fetched from Maven Central once;
#  - PostgreSQL, where none is reachable (the machine's cluster via pg_ctlcluster), with a database
#    of the hub's own (`mash`, created if missing; the `postgres` maintenance database stays clean),
#    owned by the hub's owner role, beside its runtime role (tools/scripts/prepare-database.ts).
# Prints KAFKA_BROKERS=…, DATABASE_URL=… (a superuser), HUB_DATABASE_URL=… (the hub's runtime
# role) and HUB_DATABASE_OWNER_URL=… (the owner role, for migrations), and nothing else on stdout.
# KAFKA_PORT (19092) and KAFKA_CONTROLLER_PORT (19093) choose the broker's ports; a broker already
# listening on KAFKA_PORT (another checkout's, say) is reused, and the script says whose it is.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kafka_port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-19093}"
state="${MASH_SERVICES_DIR:-$root/.data/services}"
kdir="$state/kafka"
lib="$root/tools/kafka-broker/target/lib"
pg_host="${PGHOST_FOR_TESTS:-127.0.0.1}"
pg_port="${PGPORT_FOR_TESTS:-5432}"
pg_user=postgres
database=mash
log() { echo "services: $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }

# Who started the broker listening on a port: another checkout's services:up (named by its
# services directory), or something else.
broker_owner() {
  local pid dir
  pid="$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)" || true
  if [ -z "$pid" ]; then
    echo "(not started by this checkout)"
    return
  fi
  dir="$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | sed -n 's/^-Dkafka\.logs\.dir=//p' | head -1)" || true
  if [ "$dir" = "$kdir" ]; then
    echo "that this checkout started (pid $pid)"
  elif [ -n "$dir" ]; then
    echo "that another checkout started ($dir, pid $pid; npm run services:down there stops it)"
  else
    echo "(pid $pid, not started by services:up)"
  fi
}

# --- PostgreSQL ----------------------------------------------------------------------------------
if ! pg_isready -q -h "$pg_host" -p "$pg_port" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    log "starting PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >&2 || true
    for _ in $(seq 1 30); do pg_isready -q -h "$pg_host" -p "$pg_port" && break; sleep 1; done
  fi
  pg_isready -q -h "$pg_host" -p "$pg_port" || {
    log "no PostgreSQL reachable on $pg_host:$pg_port and none could be started (set DATABASE_URL)"
    exit 1
  }
fi
psql_do() { psql -X -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -tAc "$1"; }
if [ "$(psql_do "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  # another checkout may create it at the same moment: only a database still missing is an error
  psql_do "CREATE DATABASE $database" 2>/dev/null ||
    [ "$(psql_do "SELECT 1 FROM pg_database WHERE datname = '$database'")" = "1" ] || {
    log "could not create the database $database on $pg_host:$pg_port"
    exit 1
  }
  log "created the database $database on $pg_host:$pg_port"
fi

# --- Kafka ---------------------------------------------------------------------------------------
if [ -f "$kdir/pid" ] && kill -0 "$(cat "$kdir/pid")" 2>/dev/null && port_open "$kafka_port"; then
  log "Kafka already running (pid $(cat "$kdir/pid"))"
elif port_open "$kafka_port"; then
  # another checkout's broker (or the developer's own) already listens here: reuse it, saying whose
  log "reusing the Kafka broker on 127.0.0.1:$kafka_port $(broker_owner "$kafka_port");" \
    "KAFKA_PORT=<another port> starts this checkout's own"
else
  if [ ! -f "$lib/kafka_2.13-3.9.1.jar" ]; then
    log "fetching the Kafka broker from Maven Central (once; cached in ~/.m2)"
    (cd "$root/tools/kafka-broker" && mvn -q -B package >&2)
  fi
  command -v java >/dev/null || { log "java is required to run the Kafka broker"; exit 1; }
  mkdir -p "$kdir"
  cat > "$kdir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$kdir/logs
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
message.max.bytes=1048588
log.retention.hours=24
PROPS
  cat > "$kdir/log4j.properties" <<'PROPS'
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=${kafka.logs.dir}/broker.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
  if [ ! -f "$kdir/logs/meta.properties" ]; then
    cluster_id="$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java -cp "$lib/*" -Dlog4j.configuration="file:$kdir/log4j.properties" -Dkafka.logs.dir="$kdir" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$kdir/server.properties" >&2
  fi
  log "starting Kafka on 127.0.0.1:$kafka_port"
  nohup java -Xms256m -Xmx1g -XX:+UseG1GC -cp "$lib/*" \
    -Dlog4j.configuration="file:$kdir/log4j.properties" -Dkafka.logs.dir="$kdir" \
    kafka.Kafka "$kdir/server.properties" > "$kdir/stdout.log" 2>&1 &
  echo $! > "$kdir/pid"
  for _ in $(seq 1 60); do port_open "$kafka_port" && break; sleep 0.5; done
  port_open "$kafka_port" || { log "Kafka did not start; see $kdir/stdout.log"; exit 1; }
fi

brokers="127.0.0.1:$kafka_port"
KAFKA_BROKERS="$brokers" "$root/node_modules/.bin/tsx" "$root/tools/scripts/create-topics.ts" >&2

echo "KAFKA_BROKERS=$brokers"
echo "DATABASE_URL=postgresql://$pg_user@$pg_host:$pg_port/$database"
# the hub's two roles (owner, runtime) on that database: HUB_DATABASE_URL=… HUB_DATABASE_OWNER_URL=…
DATABASE_URL="postgresql://$pg_user@$pg_host:$pg_port/$database" HUB_DATABASE_NAME="$database" \
  "$root/node_modules/.bin/tsx" "$root/tools/scripts/prepare-database.ts"
