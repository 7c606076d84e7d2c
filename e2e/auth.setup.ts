import { test as setup } from "@playwright/test";
import { roles } from "../domain/roles";
import { accounts, signIn, storageStateFor } from "./fixtures";

// Signs each role in once; specs reuse the saved session (test.use({ storageState })).
for (const role of roles) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, accounts[role]);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
