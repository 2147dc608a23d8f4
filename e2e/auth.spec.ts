import { expect, test } from "@playwright/test";
import { account, signIn, signInAs } from "./helpers";

test.describe("sign-in and roles", () => {
  test("the sign-in page shows the demo accounts in demo mode", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByTestId("demo-accounts")).toContainText(account("reviewer").email);
  });

  test("each role sees its own navigation", async ({ browser }) => {
    const expected = {
      reviewer: { has: ["My queue"], hasNot: ["Users", "Items", "Export", "Adjudication", "Cases"] },
      adjudicator: { has: ["My queue", "Adjudication", "Items", "Cases"], hasNot: ["Users", "Export"] },
      admin: { has: ["My queue", "Adjudication", "Items", "Cases", "Import", "Users", "Progress", "Export"], hasNot: [] },
    } as const;
    for (const role of ["reviewer", "adjudicator", "admin"] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, role);
      const nav = page.getByTestId("main-nav");
      for (const label of expected[role].has) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      for (const label of expected[role].hasNot) await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
      await context.close();
    }
  });

  test("a reviewer gets 403 on admin pages and admin routes", async ({ page }) => {
    await signInAs(page, "reviewer");
    const res = await page.goto("/admin/users");
    expect(res?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    const create = await page.request.post("/api/admin/users", {
      data: { email: "intruder@example.org", name: "Intruder", role: "admin", password: "longenough-password" },
    });
    expect(create.status()).toBe(403);
    const list = await page.request.get("/api/admin/users");
    expect(list.status()).toBe(403);
  });

  test("a signed-out visitor is sent to sign in and admin routes answer 401", async ({ page }) => {
    await page.goto("/admin/items");
    await expect(page).toHaveURL(/\/login$/);
    const res = await page.request.post("/api/admin/users", { data: {} });
    expect(res.status()).toBe(401);
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await signIn(page, account("adjudicator").email, "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText("Wrong e-mail or password.");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("an admin creates a user who can then sign in; a deactivated user cannot", async ({ browser }) => {
    const adminCtx = await browser.newContext();
    const admin = await adminCtx.newPage();
    await signInAs(admin, "admin");
    await admin.goto("/admin/users");
    const email = `new.reviewer.${Date.now()}@example.org`;
    await admin.getByLabel("Full name").fill("Dr. New Reviewer");
    await admin.getByLabel("E-mail").fill(email);
    await admin.getByLabel("Role").first().selectOption("reviewer");
    await admin.getByLabel("Initial password").fill("a-long-initial-password");
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByTestId("user-admin-message")).toHaveText(`Created ${email}.`);

    const userCtx = await browser.newContext();
    const user = await userCtx.newPage();
    await signIn(user, email, "a-long-initial-password");
    await expect(user.getByTestId("current-user")).toContainText("Dr. New Reviewer");
    await expect(user).toHaveURL(/\/queue$/);

    // Deactivation takes effect on the next request of an existing session, and blocks new sign-ins.
    await admin.getByTestId(`user-row-${email}`).getByRole("button", { name: "Deactivate" }).click();
    await expect(admin.getByTestId("user-admin-message")).toHaveText(`${email} deactivated.`);
    await user.reload();
    await expect(user).toHaveURL(/\/login$/);
    await signIn(user, email, "a-long-initial-password");
    await expect(user.getByTestId("login-error")).toHaveText("This account is deactivated. Ask an admin to reactivate it.");
    await adminCtx.close();
    await userCtx.close();
  });

  test("repeated wrong passwords are rate-limited", async ({ page, browser }) => {
    // A fresh account, so the lock-out does not get in the way of other tests' demo accounts.
    const admin = await (await browser.newContext()).newPage();
    await signInAs(admin, "admin");
    const email = `locked.${Date.now()}@example.org`;
    // A script's request names the app as its origin, as the app's own pages do (mutations from elsewhere are refused).
    const created = await admin.request.post("/api/admin/users", {
      data: { email, name: "Dr. Locked Out", role: "reviewer", password: "the-right-password" },
      headers: { Origin: new URL(admin.url()).origin },
    });
    expect(created.status()).toBe(200);
    for (let i = 0; i < 4; i++) {
      await signIn(page, email, `wrong-password-${i}`);
      await expect(page.getByTestId("login-error")).toHaveText("Wrong e-mail or password.");
    }
    await signIn(page, email, "the-right-password");
    await expect(page.getByTestId("login-error")).toContainText("Too many sign-in attempts");
  });
});
