#!/usr/bin/env bash
# The Prisma client in platform/db/generated, generated only when prisma/schema.prisma or Prisma's
# version changed since the last generation. `prisma generate` empties that folder before writing
# it, so a hub, seed or test process importing the client meanwhile failed with
# ERR_MODULE_NOT_FOUND; `npm start` runs this first, and tests start hubs in parallel (decision 73).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=platform/db/generated
mkdir -p "$out"
exec 9>"$out/../.generate.lock"
flock 9
want=$({ cat prisma/schema.prisma; node -p 'require("prisma/package.json").version'; } | sha256sum | cut -d' ' -f1)
if [[ -f "$out/.schema-stamp" && "$(cat "$out/.schema-stamp")" == "$want" && -f "$out/client.ts" ]]; then
  exit 0
fi
log=$(DATABASE_URL=${DATABASE_URL:-postgresql://localhost/unused} node_modules/.bin/prisma generate 2>&1) || {
  echo "$log" >&2
  exit 1
}
echo "$want" >"$out/.schema-stamp"
