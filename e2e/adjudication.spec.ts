import { expect, test, type Browser, type Page } from "@playwright/test";
import { account, signInAs, expectWorkspaceReady } from "./helpers";

// An X-ray item on C7 and S1 that needs two reviews: assigned to both demo reviewers and used by no other test.
const ITEM = "demo-oqa-005";
const ADDED = "Measure from the posterosuperior corner of S1 on a standing film.";

async function as(browser: Browser, role: "reviewer" | "adjudicator" | "admin", n = 0): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await signInAs(page, role, n);
  return page;
}

async function openFromQueue(page: Page) {
  await page.goto("/queue");
  await page.getByRole("link", { name: ITEM, exact: true }).click();
  await expectWorkspaceReady(page);
  await expect(page.getByTestId("item-external-id")).toHaveText(ITEM);
  await page.mouse.move(5, 5); // clicks and keys go to the review panel, not the viewer
}

// Four users sign in and work in turn (two reviews, the adjudication, the admin's page): longer than one test's default budget.
test.setTimeout(180_000);

test("two reviewers disagree on a level; the adjudicator takes one review's outcome, writes their own for another level, and the corrected level is applied", async ({ browser }) => {
  // The first reviewer accepts the item as it stands.
  const rhea = await as(browser, "reviewer", 0);
  await openFromQueue(rhea);
  const itemUrl = rhea.url();
  const itemId = itemUrl.split("/").pop()!;
  await rhea.getByTestId("accept-item").click();
  await expect(rhea).not.toHaveURL(itemUrl);

  // The second moves the C7 claim to T1, accepts S1 and adds a sentence to the answer.
  const ravi = await as(browser, "reviewer", 1);
  await openFromQueue(ravi);
  await ravi.getByRole("button", { name: "Edit text (E)" }).click();
  const answer = ravi.getByLabel("Answer", { exact: true });
  await answer.fill(`${await answer.inputValue()} ${ADDED}`);
  await ravi.getByTestId("level-S1").getByRole("button", { name: "Accept" }).click();
  await ravi.getByTestId("level-C7").getByRole("button", { name: "Correct level" }).click();
  await ravi.getByLabel("Corrected level").fill("t1");
  await ravi.getByRole("button", { name: "Move" }).click();
  await expect(ravi.getByTestId("level-C7")).toContainText("→ T1");
  await ravi.getByTestId("accept-item").click();
  const picker = ravi.getByTestId("reason-picker");
  await picker.getByRole("button", { name: /Wrong level/ }).click();
  await picker.getByRole("button", { name: /Minor/ }).click();
  await picker.getByRole("button", { name: "Confirm" }).click();
  await expect(ravi).not.toHaveURL(itemUrl);

  // Reviewers never reach adjudication.
  expect((await ravi.request.get("/api/adjudication/items")).status()).toBe(403);
  expect((await ravi.goto("/adjudication"))?.status()).toBe(403);

  // The item is disputed and waits in the adjudication queue with its disagreement.
  const aiko = await as(browser, "adjudicator");
  await aiko.goto("/adjudication");
  const row = aiko.getByTestId(`dispute-${ITEM}`);
  await expect(row).toContainText("C7: accept / edit → T1");
  await expect(row).toContainText(`${account("reviewer", 0).name}, ${account("reviewer", 1).name}`);
  await row.getByRole("link", { name: ITEM }).click();

  // The screen: the images, and both reviews side by side.
  const screen = aiko.getByTestId("adjudication-screen");
  await expect(screen).toBeVisible();
  await expect(aiko.getByTestId("viewer-canvas")).toHaveAttribute("data-rendered", "true", { timeout: 20_000 });
  await expect(aiko.getByTestId("review-column-1")).toContainText(account("reviewer", 0).name);
  await expect(aiko.getByTestId("review-column-2")).toContainText(account("reviewer", 1).name);
  const c7 = aiko.getByTestId("row-C7");
  await expect(c7).toHaveAttribute("data-disputed", "true");
  await expect(c7).toContainText("accepted");
  await expect(c7).toContainText("moved → T1");
  await expect(c7).toContainText("Wrong level");
  await expect(aiko.getByTestId("row-item")).toContainText("accepted with changes");
  await aiko.screenshot({ path: test.info().outputPath("adjudication.png"), fullPage: true });

  // Each reviewer's text against the version they reviewed: the second's addition is shown as inserted words.
  await expect(aiko.getByTestId(`text-${account("reviewer", 0).name}`)).toContainText("did not change the text");
  const raviText = aiko.getByTestId(`text-${account("reviewer", 1).name}`);
  await expect(raviText.locator("ins")).toContainText(ADDED);
  await raviText.getByRole("button", { name: "Take this text" }).click();
  await expect(aiko.getByTestId("final-text")).toContainText(`from ${account("reviewer", 1).name}'s text`);
  await expect(aiko.getByTestId("final-text")).toContainText("differs from the version under review");

  // C7: take the second reviewer's correction, by keys (select the level, then the review's number).
  await c7.getByRole("button", { name: "C7", exact: true }).click();
  await aiko.keyboard.press("2");
  await expect(c7.getByRole("button", { name: `Take ${account("reviewer", 1).name}'s outcome for C7` })).toHaveAttribute("aria-pressed", "true");
  await expect(aiko.getByTestId("final-C7")).toContainText("moved → T1");
  await expect(aiko.getByTestId("final-C7")).toContainText(`from ${account("reviewer", 1).name}`);
  // S1: the adjudicator's own outcome (both reviewers accepted it; the adjudicator rejects the claim).
  await aiko.getByRole("button", { name: "Write your own outcome for S1" }).click();
  const own = aiko.getByTestId("own-S1");
  await own.getByRole("button", { name: "Reject" }).click();
  await own.getByLabel("Reason for S1").selectOption("hallucinated_finding");
  await own.getByLabel("Severity for S1").selectOption("minor");
  await own.getByLabel("Comment for S1").fill("Nothing abnormal at S1 on this radiograph.");
  await own.getByRole("button", { name: "Use" }).click();
  await expect(aiko.getByTestId("final-S1")).toContainText("rejected");
  await expect(aiko.getByTestId("final-S1")).toContainText("your own");

  // A moved claim rules out a plain accept; record accept with changes, with a reason.
  const decision = aiko.getByTestId("final-decision");
  await expect(decision.getByRole("radio", { name: "Accept", exact: true })).toBeDisabled();
  await decision.getByRole("button", { name: "Record final decision" }).click();
  await expect(aiko.getByTestId("adjudication-error")).toContainText("Choose the final decision");
  await decision.getByRole("radio", { name: "Accept with changes" }).click();
  await decision.getByRole("button", { name: "Record final decision" }).click();
  await expect(aiko.getByTestId("adjudication-error")).toContainText("Give the reason");
  await decision.getByLabel("Reason").selectOption("other");
  await decision.getByLabel("Rationale").fill("The claim is about the cervicothoracic junction: T1, as the second reviewer says.");
  await decision.getByLabel("Comment").fill("Counted from C2 on the lateral view.");
  await decision.getByRole("button", { name: "Record final decision" }).click();

  // Adjudicated, with the corrected level applied.
  const decided = aiko.getByTestId("decided-view");
  await expect(decided).toBeVisible();
  await expect(decided.getByText("adjudicated", { exact: true })).toBeVisible();
  await expect(aiko.getByTestId("final-decision-value")).toContainText("edit");
  await expect(aiko.getByTestId("item-levels")).toContainText("T1");
  await expect(aiko.getByTestId("item-levels")).toContainText("before adjudication: C7, S1");
  await expect(aiko.getByTestId("reviews-side-by-side")).toContainText(`${account("adjudicator").name} (adjudication)`);
  await aiko.screenshot({ path: test.info().outputPath("adjudicated.png"), fullPage: true });
  // The final text is the second reviewer's, as an adjudicated version with the new levels.
  const record = await (await aiko.request.get(`/api/adjudication/items/${itemId}`)).json();
  const last = record.versions[record.versions.length - 1];
  expect(last).toMatchObject({ kind: "adjudicated", authorName: account("adjudicator").name, levels: [{ level: "T1" }, { level: "S1" }] });
  expect(last.content.answer).toContain(ADDED);
  await aiko.goto("/adjudication");
  await expect(aiko.getByTestId(`dispute-${ITEM}`)).toHaveCount(0);
  await expect(aiko.getByTestId("recently-adjudicated")).toContainText(ITEM);

  // A second adjudication of the same item is refused with the reason.
  const again = await aiko.request.post(`/api/adjudication/items/${itemId}`, { data: { baseVersionId: "x", decision: "accept", reason: "again", levels: [] }, headers: { Origin: new URL(aiko.url()).origin } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toBe("Only a disputed item can be adjudicated; this item is adjudicated.");

  // The admin's item page shows the adjudicated version with its levels, the original levels in the history.
  const ada = await as(browser, "admin");
  await ada.goto(`/admin/items/${itemId}`);
  await expect(ada.getByTestId("item-status")).toContainText("adjudicated");
  await expect(ada.getByTestId("versions-table")).toContainText("adjudicated");
  await expect(ada.getByTestId("level-changes")).toContainText("levels C7, S1 → T1, S1");
  await expect(ada.getByTestId("reviews-table")).toContainText(account("reviewer", 1).name);
  await ada.screenshot({ path: test.info().outputPath("admin-item.png"), fullPage: true });

  // Sent back: a note is required; with one, a new round for both reviewers.
  const sendBack = ada.getByTestId("send-back-form");
  await sendBack.getByRole("button", { name: "Send back to review" }).click();
  await expect(sendBack.getByRole("alert")).toContainText("Write a note for the reviewers");
  await sendBack.getByLabel("Send-back note").fill("Please check the level count on the whole-spine view.");
  await sendBack.getByRole("button", { name: "Send back to review" }).click();
  await expect(sendBack.getByRole("status")).toContainText("Sent back: round 2, 2 reviewers asked to look again.");
  await expect(ada.getByTestId("item-status")).toContainText("pending");
});
