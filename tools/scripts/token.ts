// npm run token -- --role MASH_SCREENER --sub screener-1 [--name "A Screener"] [--email a@x]
//                  [--agency POLICE] [--expires 8h]
// Prints a development token signed with the configured shared secret. Refuses in production
// and when the hub verifies tokens against a JWKS (it could not sign one the hub accepts).
import { loadConfig } from "#config/index.ts";
import { signDevelopmentToken } from "#auth/sign-token.ts";
import { Role } from "#auth/viewer.ts";
import { AgencyName } from "#connectors/registry.ts";
import { runCommand, UsageError } from "./command-line.ts";

await runCommand(
  {
    name: "token",
    summary:
      "Prints a development JWT signed with the hub's shared secret (AUTH_JWT_SECRET, or the\n" +
      "built-in development secret). Refuses with NODE_ENV=production or AUTH_JWKS_URL set.",
    options: {
      role: { type: "string", value: "ROLE", description: Role.options.join(" | ") },
      sub: { type: "string", value: "ID", description: "subject (default <role>-1)" },
      name: { type: "string", value: "NAME", description: "display name" },
      email: { type: "string", value: "EMAIL", description: "e-mail address" },
      agency: {
        type: "string",
        value: "AGENCY",
        description: `${AgencyName.options.join(" | ")} (required for AGENCY_SYSTEM)`,
      },
      expires: { type: "string", value: "SPAN", description: "lifetime", default: "8h" },
    },
    notes: ["Example: npm run --silent token -- --role MASH_SCREENER --sub screener-1"],
  },
  async (values) => {
    const role = Role.safeParse(values.role);
    if (!role.success) throw new UsageError(`--role must be one of ${Role.options.join(", ")}`);
    const agency = values.agency === undefined ? undefined : AgencyName.safeParse(values.agency);
    if (agency && !agency.success)
      throw new UsageError(`--agency must be one of ${AgencyName.options.join(", ")}`);
    if (role.data === "AGENCY_SYSTEM" && !agency)
      throw new UsageError("--agency is required for AGENCY_SYSTEM");

    const config = loadConfig();
    if (config.env === "production") throw new Error("refuses to run when NODE_ENV=production");
    if (config.auth.jwksUrl)
      throw new Error("AUTH_JWKS_URL is set: get a token from the identity provider");
    const secret = config.auth.jwtSecret;
    if (!secret) throw new Error("no AUTH_JWT_SECRET to sign with");

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
        expiresIn: values.expires,
        ...(config.auth.issuer ? { issuer: config.auth.issuer } : {}),
        ...(config.auth.audience ? { audience: config.auth.audience } : {}),
      },
    );
    console.log(token);
  },
);
