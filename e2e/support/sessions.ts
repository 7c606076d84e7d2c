/**
 * A saved sign-in for a role that is still signed in. The specs share the sign-ins auth.setup.ts
 * saves, but a spec that signs the same account in and out (server sessions, H3b) can end that
 * saved session before these specs run; then this signs the role in afresh (two-factor included,
 * e2e/fixtures.ts) into a file of its own, so the matrix is not measured against a dead session.
 */
import { request, type Browser } from "@playwright/test";
import type { Role } from "../../domain/roles";
import { accounts, signIn, storageStateFor } from "../fixtures";

const baseURL = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;
const fresh = new Map<Role, string>();

async function signedIn(path: string): Promise<boolean> {
  const api = await request.newContext({ baseURL, storageState: path });
  try {
    return (await api.get("/account", { maxRedirects: 0 })).status() === 200;
  } catch {
    return false;
  } finally {
    await api.dispose();
  }
}

export async function liveStorageState(browser: Browser, role: Role): Promise<string> {
  for (const path of [fresh.get(role), storageStateFor(role)]) if (path && (await signedIn(path))) return path;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, accounts[role]);
  const path = `e2e/.auth/h6-${role}.json`;
  await context.storageState({ path });
  await context.close();
  fresh.set(role, path);
  return path;
}
