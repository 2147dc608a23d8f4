// Single sign-on against a real OpenID Provider (oidc-provider on loopback), through its own login page in
// Chromium. The app instances here are started by this file with the single-sign-on settings they test.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { freePort, startAppInstance, type AppInstance } from "./app-instance";
import { GROUPS, startOidcPeer, type OidcPeer, type TamperMode } from "./peers/oidc";

test.describe.configure({ mode: "serial" });

const HOSPITAL = "Test Hospital";
let peer: OidcPeer;
let app: AppInstance;
let wrongSecretPort: number;

function oidcEnv(p: OidcPeer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: p.issuer,
    OIDC_CLIENT_ID: p.clientId,
    OIDC_CLIENT_SECRET: p.clientSecret,
    OIDC_SCOPES: "openid email profile groups",
    OIDC_NAME: HOSPITAL,
    OIDC_ROLES_CLAIM: "groups",
    OIDC_ROLE_ADMIN: GROUPS.admin,
    OIDC_ROLE_ADJUDICATOR: GROUPS.adjudicator,
    OIDC_ROLE_REVIEWER: GROUPS.reviewer,
    ...extra,
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  wrongSecretPort = await freePort();
  peer = await startOidcPeer({ redirectUris: [port, wrongSecretPort].map((p) => `http://127.0.0.1:${p}/api/auth/callback/oidc`) });
  app = await startAppInstance({ port, env: oidcEnv(peer, { AUTH_CREDENTIALS: "off" }) });
});

test.afterAll(async () => {
  await app?.stop();
  await peer?.stop();
});

/** Goes through the provider's own login and consent pages; returns where the app put the browser. */
async function signInAtProvider(browser: Browser, baseUrl: string, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${HOSPITAL}` }).click();
  await page.waitForURL((u) => u.href.startsWith(peer.issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((u) => u.href.startsWith(baseUrl) || /\/interaction\//.test(u.pathname));
  if (!page.url().startsWith(baseUrl)) await consent.click();
  await page.waitForURL((u) => u.href.startsWith(baseUrl) && !u.pathname.startsWith("/api/auth/"));
  return { context, page };
}

async function sessionUser(context: BrowserContext, baseUrl: string): Promise<{ email?: string; role?: string } | null> {
  const res = await context.request.get(`${baseUrl}/api/auth/session`);
  const body = (await res.json()) as { user?: { email?: string; role?: string } };
  return body.user ?? null;
}

test("start-up says single sign-on is ready, and the sign-in page offers only the hospital", async ({ browser }) => {
  expect(app.output()).toContain(`single sign-on with ${HOSPITAL} (${peer.issuer}) is ready; password sign-in is off`);
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: `Sign in with ${HOSPITAL}` })).toBeVisible();
  // Password sign-in is off: no form, and the endpoint itself refuses.
  await expect(page.getByLabel("E-mail")).toHaveCount(0);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  const { csrfToken } = (await (await context.request.get(`${app.url}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await context.request.post(`${app.url}/api/auth/callback/credentials`, {
    form: { csrfToken, email: "alice@hospital.test", password: "anything-at-all", json: "true" },
    headers: { Origin: app.url },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: string }).error).toMatch(/e-mail and password is turned off/);
  expect(await sessionUser(context, app.url)).toBeNull();
  await context.close();
});

test("each mapped group signs in with its role", async ({ browser }) => {
  const cases = [
    { login: "alice", name: "Alice Admin", label: "Admin", home: "/admin/items", users: true },
    { login: "bob", name: "Bob Adjudicator", label: "Adjudicator", home: "/queue", users: false },
    { login: "carol", name: "Carol Reviewer", label: "Reviewer", home: "/queue", users: false },
  ];
  for (const c of cases) {
    const { context, page } = await signInAtProvider(browser, app.url, c.login);
    await expect(page).toHaveURL(new RegExp(`${c.home}$`));
    await expect(page.getByTestId("current-user")).toContainText(c.name);
    await expect(page.getByTestId("current-user")).toContainText(c.label);
    await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(c.users ? 1 : 0);
    expect(await sessionUser(context, app.url)).toMatchObject({ email: `${c.login}@hospital.test`, role: c.label.toLowerCase() });
    await context.close();
  }
});

test("no mapped group: the waiting page, no session, and the admin sees the account and gives it a role", async ({ browser }) => {
  const dave = await signInAtProvider(browser, app.url, "dave");
  await expect(dave.page).toHaveURL(/\/waiting$/);
  await expect(dave.page.getByTestId("waiting-for-role")).toContainText("Waiting for an admin");
  expect(await sessionUser(dave.context, app.url)).toBeNull();
  await dave.page.goto("/queue");
  await expect(dave.page).toHaveURL(/\/login$/);
  await dave.context.close();

  const admin = await signInAtProvider(browser, app.url, "alice");
  await admin.page.goto("/admin/users");
  const row = admin.page.getByTestId("user-row-dave@hospital.test");
  await expect(row).toContainText("Dave Nogroup");
  await expect(admin.page.getByTestId("user-status-dave@hospital.test")).toContainText("waiting for a role");
  await row.getByLabel("Role to give dave@hospital.test").selectOption("reviewer");
  await row.getByRole("button", { name: "Give role" }).click();
  await expect(admin.page.getByTestId("user-admin-message")).toContainText("dave@hospital.test is now reviewer.");
  await expect(admin.page.getByTestId("user-status-dave@hospital.test")).toHaveText(/^active/);
  await admin.context.close();

  // The role an admin gave stays, though the provider's groups still map to nothing.
  const again = await signInAtProvider(browser, app.url, "dave");
  await expect(again.page).toHaveURL(/\/queue$/);
  await expect(again.page.getByTestId("current-user")).toContainText("Reviewer");
  await again.context.close();
});

test("a group removed at the provider takes the role away at the next sign-in, and ends the old session", async ({ browser }) => {
  const before = await signInAtProvider(browser, app.url, "carol");
  await expect(before.page).toHaveURL(/\/queue$/);
  expect(await sessionUser(before.context, app.url)).toMatchObject({ role: "reviewer" });

  peer.users.get("carol")!.groups = ["former-staff"];
  const after = await signInAtProvider(browser, app.url, "carol");
  await expect(after.page).toHaveURL(/\/waiting$/);
  expect(await sessionUser(after.context, app.url)).toBeNull();
  // The session carol opened before is gone too (its session version is out of date).
  expect(await sessionUser(before.context, app.url)).toBeNull();
  await before.page.goto("/queue");
  await expect(before.page).toHaveURL(/\/login$/);
  await Promise.all([before.context.close(), after.context.close()]);

  const admin = await signInAtProvider(browser, app.url, "alice");
  await admin.page.goto("/admin/users");
  await expect(admin.page.getByTestId("user-status-carol@hospital.test")).toContainText("waiting for a role");
  await admin.context.close();

  // Given the group back, carol is a reviewer again.
  peer.users.get("carol")!.groups = [GROUPS.reviewer];
  const back = await signInAtProvider(browser, app.url, "carol");
  await expect(back.page).toHaveURL(/\/queue$/);
  await back.context.close();
});

test("a tampered, foreign-signed, wrong-audience, expired or wrong-issuer id token is refused", async ({ browser }) => {
  const modes: TamperMode[] = ["payload", "foreign-key", "audience", "expired", "issuer"];
  try {
    for (const [i, mode] of modes.entries()) {
      peer.tamper(mode);
      // erin is a reviewer at the provider; the tampered tokens claim she is an admin (payload, foreign-key).
      const { context, page } = await signInAtProvider(browser, app.url, "erin");
      await expect(page, mode).toHaveURL(/\/login\?error=OidcTokenRejected$/);
      await expect(page.getByTestId("sso-error"), mode).toContainText("failed the security checks");
      expect(await sessionUser(context, app.url), mode).toBeNull();
      expect(peer.tampered(), mode).toBe(i + 1);
      await context.close();
    }
  } finally {
    peer.tamper("none");
  }
  expect(app.output()).toMatch(/single sign-on failed \(OidcTokenRejected\): .*(signature|aud|expired|iss)/);
  // Nothing was created for erin by the refused sign-ins.
  const admin = await signInAtProvider(browser, app.url, "alice");
  await admin.page.goto("/admin/users");
  await expect(admin.page.getByTestId("users-table")).toContainText("alice@hospital.test");
  await expect(admin.page.getByTestId("user-row-erin@hospital.test")).toHaveCount(0);
  await admin.context.close();
  // The same sign-in with the token as the provider made it works.
  const ok = await signInAtProvider(browser, app.url, "erin");
  await expect(ok.page).toHaveURL(/\/queue$/);
  await expect(ok.page.getByTestId("current-user")).toContainText("Erin Reviewer");
  await ok.context.close();
});

test("a callback this browser did not start is refused (state and PKCE are checked)", async ({ browser }) => {
  // An attacker's own sign-in answer, handed to a victim's browser (login CSRF): the victim has no state or
  // PKCE verifier cookie for it. (The state is checked before the code is used, so the attacker's browser
  // finishing its own sign-in first changes nothing about the answer.)
  const attacker = await browser.newContext({ baseURL: app.url });
  const page = await attacker.newPage();
  let callback = "";
  page.on("request", (r) => {
    if (r.url().startsWith(`${app.url}/api/auth/callback/oidc?`)) callback = r.url();
  });
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${HOSPITAL}` }).click();
  await page.waitForURL((u) => u.href.startsWith(peer.issuer));
  await page.locator('input[name="login"]').fill("alice");
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect.poll(() => callback).toContain("code=");
  expect(new URL(callback).searchParams.get("state")).toBeTruthy();
  await attacker.close();

  const victim = await browser.newContext({ baseURL: app.url });
  const vpage = await victim.newPage();
  await vpage.goto(callback);
  await expect(vpage).toHaveURL(/\/login\?error=OidcStateMismatch$/);
  await expect(vpage.getByTestId("sso-error")).toContainText("could not be matched");
  expect(await sessionUser(victim, app.url)).toBeNull();
  await victim.close();
});

test("groups only in the userinfo answer still give the role", async ({ browser }) => {
  const before = peer.tampered();
  peer.tamper("groups-in-userinfo-only");
  try {
    const { context, page } = await signInAtProvider(browser, app.url, "bob");
    await expect(page).toHaveURL(/\/queue$/);
    await expect(page.getByTestId("current-user")).toContainText("Adjudicator");
    await context.close();
    expect(peer.tampered()).toBe(before + 1);
  } finally {
    peer.tamper("none");
  }
});

test("a wrong client secret gives a clear message on the sign-in page", async ({ browser }) => {
  const wrong = await startAppInstance({ port: wrongSecretPort, env: oidcEnv(peer, { OIDC_CLIENT_SECRET: "not-the-registered-secret" }) });
  try {
    const { context, page } = await signInAtProvider(browser, wrong.url, "carol");
    await expect(page).toHaveURL(/\/login\?error=OidcClientRejected$/);
    await expect(page.getByTestId("sso-error")).toContainText("refused this app's client credentials");
    expect(await sessionUser(context, wrong.url)).toBeNull();
    // Password sign-in was not turned off on this instance: the form is there beside the button.
    await expect(page.getByLabel("E-mail")).toBeVisible();
    await context.close();
    expect(wrong.output()).toMatch(/single sign-on failed \(OidcClientRejected\): invalid_client/);
  } finally {
    await wrong.stop();
  }
});

test("an unreachable provider: one line at start, a message on the sign-in page, no stack trace", async ({ browser }) => {
  const closed = await freePort();
  const away = await startAppInstance({ env: oidcEnv(peer, { OIDC_ISSUER: `http://127.0.0.1:${closed}` }) });
  try {
    const lines = away.output().split("\n").filter((l) => l.includes("single sign-on"));
    expect(lines).toEqual([`SpineMed Review: single sign-on is not working: the provider at http://127.0.0.1:${closed} cannot be reached (ECONNREFUSED)`]);
    const context = await browser.newContext({ baseURL: away.url });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByTestId("sso-unavailable")).toContainText(`Sign-in with ${HOSPITAL} is unavailable`);
    // Trying anyway ends on the sign-in page with the reason, not an error page.
    await page.getByRole("button", { name: `Sign in with ${HOSPITAL}` }).click();
    await expect(page).toHaveURL(/\/login\?error=OidcUnreachable$/);
    await expect(page.getByTestId("sso-error")).toContainText("cannot be reached");
    await context.close();
    expect(away.output()).not.toMatch(/^\s+at /m);
  } finally {
    await away.stop();
  }
});
