// Signs HS256 development tokens (npm run token, and the tests).
import { SignJWT } from "jose";
import type { AgencyName, Role } from "./viewer.ts";

export interface TokenClaims {
  sub: string;
  role: Role;
  name?: string;
  email?: string;
  agency?: AgencyName;
}

export async function signDevelopmentToken(
  secret: string,
  claims: TokenClaims,
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  let jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "8h");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
