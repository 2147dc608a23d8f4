import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../lib/demo/accounts";

export const account = (role: "admin" | "reviewer" | "adjudicator", n = 0) => DEMO_ACCOUNTS.filter((a) => a.role === role)[n];

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, role: "admin" | "reviewer" | "adjudicator", n = 0) {
  const a = account(role, n);
  await signIn(page, a.email, a.password);
  await expect(page.getByTestId("current-user")).toContainText(a.name);
}

/** The review workspace is on screen and hydrated: its buttons now act on a click. */
export async function expectWorkspaceReady(page: Page) {
  await expect(page.getByTestId("workspace")).toHaveAttribute("data-ready", "true", { timeout: 15_000 });
}
