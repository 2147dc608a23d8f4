import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { account, signIn, signInAs, expectWorkspaceReady } from "./helpers";

// The HTTP shell under attack: cross-site forms, copied session cookies, hostile paths; and the headers every
// answer carries. The app is the production build (scripts/e2e-server.mjs); attacker pages are served from
// another local port by a tiny server started here.

const BASE = () => test.info().project.use.baseURL!;
const origin = () => new URL(BASE()).origin;

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, "admin");
  return page;
}

async function createUser(admin: Page, role: "reviewer" | "admin" = "reviewer", password = "a-long-initial-password") {
  const email = `sec.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.org`;
  const res = await admin.request.post("/api/admin/users", { data: { email, name: "Dr. Security Test", role, password }, headers: { Origin: origin() } });
  expect(res.status()).toBe(200);
  return { ...(await res.json()).user, password } as { id: string; email: string; password: string };
}

/** A request context that carries only a copy of the page's cookies, as a thief would. */
async function copyOfSession(page: Page): Promise<APIRequestContext> {
  const cookies = await page.context().cookies();
  return playwrightRequest.newContext({ baseURL: BASE(), extraHTTPHeaders: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } });
}

function serve(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

test.describe("cross-site request forgery", () => {
  test("a page on another port auto-submitting a text/plain form to create an admin changes nothing", async ({ browser }) => {
    const admin = await adminPage(browser);
    const email = `csrf.${Date.now()}@example.org`;
    // text/plain sends `name=value`: the name holds the JSON, the value closes a dummy string.
    const json = JSON.stringify({ email, name: "Mallory", role: "admin", password: "mallory-password-123", pad: "" }).slice(0, -2);
    const evil = await serve(`<!doctype html><form id="f" method="POST" enctype="text/plain" action="${BASE()}/api/admin/users">
      <input name='${json.replace(/'/g, "&#39;")}' value='"}'></form><script>document.getElementById("f").submit()</script>`);
    try {
      const answer = admin.waitForResponse((r) => r.url().endsWith("/api/admin/users") && r.request().method() === "POST");
      await admin.goto(evil.url);
      const res = await answer;
      expect(res.status()).toBe(415);
      // Also a JSON-typed request that names a foreign origin is refused.
      const forged = await admin.request.post("/api/admin/users", {
        data: { email, name: "Mallory", role: "admin", password: "mallory-password-123" },
        headers: { Origin: new URL(evil.url).origin },
      });
      expect(forged.status()).toBe(403);
      expect((await forged.json()).error).toContain("may not change anything here");
      const noOrigin = await admin.request.post("/api/admin/users", { data: { email, name: "Mallory", role: "admin", password: "mallory-password-123" } });
      expect(noOrigin.status()).toBe(403);
    } finally {
      await evil.close();
    }
    const list = await admin.request.get("/api/admin/users");
    expect((await list.json()).users.map((u: { email: string }) => u.email)).not.toContain(email);
    await admin.goto("/admin/users");
    await expect(admin.getByTestId("users-table")).not.toContainText(email);
  });

  test("raw-body upload routes check the origin too", async ({ browser }) => {
    const admin = await adminPage(browser);
    const created = await admin.request.post("/api/admin/imports/uploads", { data: {}, headers: { Origin: origin() } });
    expect(created.status()).toBe(200);
    const { uploadId } = await created.json();
    const forged = await admin.request.put(`/api/admin/imports/uploads/${uploadId}/items?name=x.jsonl`, { data: "{}", headers: { Origin: "http://127.0.0.1:1" } });
    expect(forged.status()).toBe(403);
    // A file name longer than the file system stores is refused with a message, not a server error.
    const long = await admin.request.put(`/api/admin/imports/uploads/${uploadId}/images?path=${encodeURIComponent(`study/${"a".repeat(300)}.dcm`)}`, {
      data: Buffer.from("DICM"),
      headers: { Origin: origin() },
    });
    expect(long.status()).toBe(400);
    expect((await long.json()).error).toMatch(/has a file or folder name longer than 255 bytes \(304 bytes/);
  });
});

test.describe("security headers", () => {
  const common = (h: Record<string, string>) => {
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("same-origin");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    // Served over plain HTTP here: no HSTS.
    expect(h["strict-transport-security"]).toBeUndefined();
  };

  test("a page, an API answer and an image carry them", async ({ page }) => {
    const login = await page.goto("/login");
    common(login!.headers());
    const csp = login!.headers()["content-security-policy"];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    // Next.js put the nonce on its own scripts; a second load gets a fresh one.
    expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
    const again = await page.request.get("/login");
    expect(again.headers()["content-security-policy"]).not.toContain(nonce!);

    await signInAs(page, "adjudicator");
    const api = await page.request.get("/api/review/queue");
    common(api.headers());
    expect(api.headers()["cache-control"]).toBe("no-store");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    const health = await page.request.get("/api/health");
    common(health.headers());
    expect(health.headers()["cache-control"]).toBe("no-store");

    await page.goto("/cases/demo-case-001");
    const canvas = page.getByTestId("viewer-canvas");
    await expect(canvas).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
    const image = await page.request.get(`/api/images/${await canvas.getAttribute("data-image-id")}/file`);
    expect(image.status()).toBe(200);
    common(image.headers());
    expect(image.headers()["cache-control"]).toBe("private, no-cache");
    expect(image.headers()["etag"]).toMatch(/^"[0-9a-f]{64}"$/);
  });

  test("the viewer and the review workspace work under the CSP: no violation, no console error", async ({ page }) => {
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    const refused: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`);
      });
    });
    await signInAs(page, "adjudicator");
    for (const path of ["/cases/demo-case-001", "/cases/demo-case-002"]) {
      await page.goto(path);
      await expect(page.getByTestId("viewer-canvas")).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
      // The MR series: a stack of slices (the DICOM loader's codecs, not only the radiograph).
      const tabs = page.getByRole("tab");
      if ((await tabs.count()) > 1) {
        await tabs.last().click();
        await expect(page.getByTestId("viewer-canvas")).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
      }
      expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    }
    // The review workspace, as a reviewer (an adjudicator's queue holds adjudications).
    await page.context().clearCookies();
    await signInAs(page, "reviewer");
    await page.goto("/queue");
    await page.getByTestId("start-reviewing").click();
    await expectWorkspaceReady(page);
    await expect(page.getByTestId("viewer-canvas")).toHaveAttribute("data-rendered", "true", { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    // The workspace warms the cache with every image of the item's case, and a reviewer may read only the images
    // of items assigned to them: those answer 403. That is the access rule at work, not the policy; anything
    // else refused, or any other console error, is a failure.
    const forbiddenImage = /^403 GET \/api\/images\/[a-z0-9]+\/file$/;
    expect(refused.filter((r) => !forbiddenImage.test(r))).toEqual([]);
    const resource403 = "console: Failed to load resource: the server responded with a status of 403 (Forbidden)";
    expect(problems.filter((p) => p !== resource403 || !refused.some((r) => forbiddenImage.test(r)))).toEqual([]);
  });
});

test.describe("sessions end for good", () => {
  test("a copied cookie stops working after a password reset", async ({ browser }) => {
    const admin = await adminPage(browser);
    const u = await createUser(admin);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, u.email, u.password);
    await expect(page.getByTestId("current-user")).toContainText("Dr. Security Test");
    const copy = await copyOfSession(page);
    expect((await copy.get("/api/review/queue")).status()).toBe(200);
    const reset = await admin.request.post(`/api/admin/users/${u.id}/password`, { data: { password: "another-long-password" }, headers: { Origin: origin() } });
    expect(reset.status()).toBe(200);
    expect((await copy.get("/api/review/queue")).status()).toBe(401);
    expect(await (await copy.get("/api/auth/session")).json()).toEqual({});
    await page.reload();
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a copied cookie stops working after signing out", async ({ browser }) => {
    const admin = await adminPage(browser);
    const u = await createUser(admin);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, u.email, u.password);
    await expect(page.getByTestId("current-user")).toContainText("Dr. Security Test");
    const copy = await copyOfSession(page);
    expect((await copy.get("/api/review/queue")).status()).toBe(200);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await copy.get("/api/review/queue")).status()).toBe(401);
  });

  test("deactivating and reactivating a user does not revive a copied cookie", async ({ browser }) => {
    const admin = await adminPage(browser);
    const u = await createUser(admin);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, u.email, u.password);
    await expect(page.getByTestId("current-user")).toContainText("Dr. Security Test");
    const copy = await copyOfSession(page);
    expect((await copy.get("/api/review/queue")).status()).toBe(200);
    for (const active of [false, true]) {
      const res = await admin.request.patch(`/api/admin/users/${u.id}`, { data: { active }, headers: { Origin: origin() } });
      expect(res.status()).toBe(200);
    }
    expect((await copy.get("/api/review/queue")).status()).toBe(401);
    // The user signs in again and gets a working session.
    await signIn(page, u.email, u.password);
    await expect(page.getByTestId("current-user")).toContainText("Dr. Security Test");
  });

  test("sign out everywhere: the user's own button, and an admin's for a user", async ({ browser }) => {
    const admin = await adminPage(browser);
    const u = await createUser(admin);
    const laptop = await (await browser.newContext()).newPage();
    await signIn(laptop, u.email, u.password);
    await expect(laptop.getByTestId("current-user")).toContainText("Dr. Security Test");
    const desktop = await (await browser.newContext()).newPage();
    await signIn(desktop, u.email, u.password);
    await expect(desktop.getByTestId("current-user")).toContainText("Dr. Security Test");
    const copy = await copyOfSession(laptop);
    await desktop.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(desktop).toHaveURL(/\/login/);
    expect((await copy.get("/api/review/queue")).status()).toBe(401);
    await laptop.reload();
    await expect(laptop).toHaveURL(/\/login$/);

    await signIn(laptop, u.email, u.password);
    await expect(laptop.getByTestId("current-user")).toContainText("Dr. Security Test");
    const second = await copyOfSession(laptop);
    expect((await second.get("/api/review/queue")).status()).toBe(200);
    await admin.goto("/admin/users");
    await admin.getByTestId(`user-row-${u.email}`).getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(admin.getByTestId("user-admin-message")).toHaveText(`${u.email} is signed out everywhere.`);
    expect((await second.get("/api/review/queue")).status()).toBe(401);
  });
});

test.describe("sign-in limits", () => {
  test("after the allowed wrong passwords the account waits briefly: 429, Retry-After, a clear message", async ({ browser, page }) => {
    const admin = await adminPage(browser);
    const u = await createUser(admin);
    const tryPassword = async (password: string, headers: Record<string, string> = {}) => {
      const csrf = (await (await page.request.get("/api/auth/csrf")).json()).csrfToken;
      return page.request.post("/api/auth/callback/credentials", { form: { email: u.email, password, csrfToken: csrf, json: "true" }, headers });
    };
    // The e2e server allows 4 failures; a new X-Forwarded-For on each try changes nothing.
    for (let i = 0; i < 4; i++) expect((await tryPassword(`wrong-${i}`, { "x-forwarded-for": `203.0.113.${i}` })).status()).not.toBe(429);
    const blocked = await tryPassword(u.password, { "x-forwarded-for": "198.51.100.1" });
    expect(blocked.status()).toBe(429);
    const wait = Number(blocked.headers()["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    expect(new URL((await blocked.json()).url).searchParams.get("error")).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
    await signIn(page, u.email, u.password);
    await expect(page.getByTestId("login-error")).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
  });
});

test.describe("hostile ids and paths", () => {
  const long = "a".repeat(8000);

  test("ids that are not well-formed are refused at once", async ({ page }) => {
    await signInAs(page, "admin");
    const quick = { timeout: 5_000 };
    for (const path of [`/api/review/items/${long}`, `/api/review/items/${long}/history`, `/api/images/${long}/file`, `/api/admin/jobs/${long}`]) {
      const res = await page.request.get(path, quick);
      expect(res.status(), path.slice(0, 40)).toBe(404);
      expect((await res.json()).error).toBe("Not found: this is not a valid id.");
    }
    const post = await page.request.post(`/api/review/items/${long}/open`, { data: {}, headers: { Origin: origin() }, ...quick });
    expect(post.status()).toBe(404);
    const pageRes = await page.goto(`/review/${long}`, quick);
    expect(pageRes?.status()).toBe(404);
    const caseRes = await page.goto(`/cases/${"b".repeat(300)}`, quick);
    expect(caseRes?.status()).toBe(404);
  });

  test("malformed percent-encoding gets a 404 page or a 400 answer, signed out too", async ({ page }) => {
    for (const path of ["/review/%ZZ", "/cases/%E0%A4%A", "/admin/%"]) {
      const res = await page.goto(path, { timeout: 5_000 });
      expect(res?.status(), path).toBe(404);
    }
    await expect(page.getByText(/not found/i).first()).toBeVisible();
    const api = await page.request.get("/api/review/items/%ZZ", { timeout: 5_000 });
    expect(api.status()).toBe(400);
    expect((await api.json()).error).toBe("The address has malformed percent-encoding.");
  });

  test("a list limit out of range names the problem", async ({ page }) => {
    await signInAs(page, "reviewer");
    const res = await page.request.get("/api/review/queue?limit=-5");
    expect(res.status()).toBe(400);
    expect((await res.json()).error).toBe("limit must be at least 1");
    expect((await (await page.request.get("/api/review/queue?limit=abc")).json()).error).toBe("limit must be a number");
  });
});

test("the sign-in form still works for everyone after all this", async ({ page }) => {
  await signIn(page, account("reviewer", 1).email, account("reviewer", 1).password);
  await expect(page.getByTestId("current-user")).toContainText(account("reviewer", 1).name);
});
