import { expect, expectAccessible, followLink, signIn, storageStateFor, test } from "./fixtures";

test.describe("an administrator manages users", () => {
  test.use({ storageState: storageStateFor("administrator") });

  test("creates a user who can then sign in; disabling signs them out at once", async ({ page, browser }) => {
    const email = `new.nurse.${Date.now()}@hub.example`;
    const password = "a long enough passphrase";
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
    await expectAccessible(page);
    await followLink(page, page.getByRole("link", { name: "Create a user" }));
    await expectAccessible(page, "create user form");

    // Too short a password: refused beside the field, nothing created.
    await page.getByLabel("Full name").fill("Nia Newnurse");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Clinician", { exact: true }).check();
    await page.getByLabel("Ilfracombe").check();
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator("main").getByRole("alert")).toContainText("Password must be between 12 and 128 characters");
    await expect(page.getByLabel("Full name")).toHaveValue("Nia Newnurse");
    await expectAccessible(page, "create user with errors");

    await page.getByLabel("Initial password").fill(password);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status")).toContainText("Nia Newnurse has been added");
    await expectAccessible(page, "user page");
    const userUrl = page.url().split("?")[0] ?? "";

    // The new clinician signs in and sees Ilfracombe's caseload only.
    // A context of its own with no saved sign-in (browser.newContext would inherit the admin's).
    const nurseContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const nurse = await nurseContext.newPage();
    await signIn(nurse, email, password);
    await expect(nurse).toHaveURL(/\/caseload$/);
    await expect(nurse.locator("main table tbody tr").first()).toContainText("Ilfracombe");

    // Disabled: the next request from the open session goes to sign-in.
    await page.goto(userUrl);
    await page.getByRole("button", { name: "Disable account" }).click();
    await expect(page.getByRole("status")).toContainText("Account disabled");
    await nurse.goto("/caseload");
    await expect(nurse).toHaveURL(/\/sign-in/);
    await nurseContext.close();
  });
});
