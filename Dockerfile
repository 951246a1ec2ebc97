# The hub. Build: docker build -t mash-hub .   Run: see docker-compose.yml.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the hub needs runs one (Prisma runs with its WebAssembly engines).
RUN npm ci --ignore-scripts

FROM node:20-bookworm-slim
# HOST: inside a container the hub must listen beyond loopback to be reached through the
# published port (outside one it defaults to 127.0.0.1). Production also needs AUTH_*,
# AUDIT_CHAIN_KEY, and a DATABASE_URL whose role does not own the tables (docs/threat-model.md).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The Prisma client is generated at build time (prisma.config.ts selects the offline JS engine).
# The web console (/console) is built here too, so the running hub needs no build tools.
RUN DATABASE_URL=postgresql://build@localhost/unused npx prisma generate \
  && npx tsx tools/scripts/build-console.ts \
  && chown -R node:node /app
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are applied by the hub at start (prisma migrate deploy), then it serves.
CMD ["node", "--import", "tsx", "server/main.ts"]
