// A real OpenID Provider (panva's oidc-provider, certified) on 127.0.0.1 for the end-to-end tests: one client,
// test users whose `groups` claim maps to each role (and one whose group maps to nothing), and its own
// development login and consent pages, which Playwright fills in like a person would.
// For the negative tests it can hand out id tokens that were changed after signing, signed with a key it does
// not publish, or signed properly but for another audience, another issuer or an expired time; and, like
// some hospital providers, leave the groups out of the id token (userinfo still has them).
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestUser {
  login: string;
  name: string;
  email: string;
  groups: string[];
}

export type TamperMode = "none" | "payload" | "foreign-key" | "audience" | "expired" | "issuer" | "groups-in-userinfo-only";

export interface OidcPeer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: Map<string, TestUser>;
  /** What the token endpoint does to the id token it hands out from now on. */
  tamper(mode: TamperMode): void;
  /** How many id tokens were changed (to prove a refusal came from the change). */
  tampered(): number;
  stop(): Promise<void>;
}

export const GROUPS = { admin: "spine-admins", adjudicator: "spine-adjudicators", reviewer: "spine-reviewers" } as const;

export function defaultUsers(): TestUser[] {
  return [
    { login: "alice", name: "Alice Admin", email: "alice@hospital.test", groups: [GROUPS.admin, "staff"] },
    { login: "bob", name: "Bob Adjudicator", email: "bob@hospital.test", groups: [GROUPS.adjudicator] },
    { login: "carol", name: "Carol Reviewer", email: "carol@hospital.test", groups: [GROUPS.reviewer] },
    { login: "erin", name: "Erin Reviewer", email: "erin@hospital.test", groups: [GROUPS.reviewer] },
    { login: "dave", name: "Dave Nogroup", email: "dave@hospital.test", groups: ["radiology"] },
  ];
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function signRs256(payload: Record<string, unknown>, header: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign("sha256", Buffer.from(input), key))}`;
}

export async function startOidcPeer(opts: { redirectUris: string[]; clientId?: string; clientSecret?: string; users?: TestUser[] }): Promise<OidcPeer> {
  const clientId = opts.clientId ?? "spinemed-e2e";
  const clientSecret = opts.clientSecret ?? "e2e-client-secret-0123456789abcdef";
  const users = new Map((opts.users ?? defaultUsers()).map((u) => [u.login, u]));

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: "jwk" }) as Record<string, unknown>), kid: "e2e-signing", use: "sig", alg: "RS256" };
  const signingKey = createPrivateKey({ key: jwk as never, format: "jwk" });
  const foreignKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;

  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ["e2e-cookie-key-not-secret"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // The scope claims go into the id token too (as many hospital providers do with groups).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const u = users.get(id);
      if (!u) return undefined;
      return {
        accountId: id,
        async claims() {
          const now = users.get(id) ?? u; // read at sign-in time: a test may change the groups between sign-ins
          return { sub: id, email: now.email, email_verified: true, name: now.name, groups: [...now.groups] };
        },
      };
    },
  });

  let mode: TamperMode = "none";
  let count = 0;
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (mode === "none" || ctx.path !== "/token" || !body?.id_token) return;
    const [h, p, s] = body.id_token.split(".");
    const header = JSON.parse(Buffer.from(h, "base64url").toString());
    const payload = JSON.parse(Buffer.from(p, "base64url").toString());
    let token: string;
    if (mode === "payload") {
      // A reviewer makes themself an admin; the signature is the provider's, over the original payload.
      token = `${h}.${b64url(JSON.stringify({ ...payload, groups: [GROUPS.admin] }))}.${s}`;
    } else if (mode === "foreign-key") {
      token = signRs256({ ...payload, groups: [GROUPS.admin] }, header, foreignKey);
    } else if (mode === "audience") {
      token = signRs256({ ...payload, aud: "some-other-client", azp: undefined }, header, signingKey);
    } else if (mode === "expired") {
      const now = Math.floor(Date.now() / 1000);
      token = signRs256({ ...payload, iat: now - 7200, exp: now - 3600 }, header, signingKey);
    } else if (mode === "issuer") {
      token = signRs256({ ...payload, iss: "http://127.0.0.1:9/not-the-issuer" }, header, signingKey);
    } else {
      // Not an attack: a provider that keeps groups out of the id token and answers them from userinfo only.
      const { groups: _groups, ...rest } = payload;
      token = signRs256(rest, header, signingKey);
    }
    count += 1;
    ctx.body = { ...body, id_token: token };
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    users,
    tamper: (m) => {
      mode = m;
    },
    tampered: () => count,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
