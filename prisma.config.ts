// Prisma runs offline here: the CLI uses the WebAssembly schema engine over a `pg` driver
// adapter (engine "js"), so no native engine is ever downloaded. See docs/decisions.md.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const url = process.env["DATABASE_URL"];
    if (!url)
      throw new Error("DATABASE_URL: required for prisma CLI commands (npm run migrate sets it)");
    return new PrismaPg({ connectionString: url });
  },
});
