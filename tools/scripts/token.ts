// npm run token -- --role MASH_SCREENER --sub screener-1 [--name "A Screener"] [--email a@x]
//                  [--agency POLICE] [--expires 8h]
// Prints a development token signed with the configured shared secret. Refuses in production
// and when the hub verifies tokens against a JWKS (it could not sign one the hub accepts).
import { parseArgs } from "node:util";
import { loadConfig } from "#config/index.ts";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { Role } from "#auth/viewer.ts";
import { AgencyName } from "#connectors/registry.ts";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const config = loadConfig();
if (config.env === "production") fail("npm run token refuses to run when NODE_ENV=production");
if (config.auth.jwksUrl) fail("AUTH_JWKS_URL is set: get a token from the identity provider");
const secret = config.auth.jwtSecret;
if (!secret) fail("No AUTH_JWT_SECRET to sign with");

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    sub: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    agency: { type: "string" },
    expires: { type: "string", default: "8h" },
  },
});
const role = Role.safeParse(values.role);
if (!role.success) fail(`--role must be one of ${Role.options.join(", ")}`);
const agency = values.agency === undefined ? undefined : AgencyName.safeParse(values.agency);
if (agency && !agency.success) fail(`--agency must be one of ${AgencyName.options.join(", ")}`);
if (role.data === "AGENCY_SYSTEM" && !agency) fail("--agency is required for AGENCY_SYSTEM");

const token = await signDevelopmentToken(
  secret,
  {
    sub: values.sub ?? `${role.data.toLowerCase()}-1`,
    role: role.data,
    ...(values.name ? { name: values.name } : {}),
    ...(values.email ? { email: values.email } : {}),
    ...(agency?.success ? { agency: agency.data } : {}),
  },
  {
    expiresIn: values.expires ?? "8h",
    ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
    ...(config.auth.audience ? { audience: config.auth.audience } : {}),
  },
);
console.log(token);
