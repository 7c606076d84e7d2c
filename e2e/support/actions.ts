/**
 * Server actions of the production build, from .next/server/server-reference-manifest.json (every
 * action id with the file and export it was compiled from), and a direct POST to one of them as a
 * browser would send it: `Next-Action: <id>` and the arguments (previous form state, form data)
 * encoded as React's encodeReply does — "0" holds the argument list, "$K1" points at the form
 * fields sent as "_1_<name>" (React 19.2+; the server decodes with prefix "" + "_" + id + "_").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

export type ServerAction = { id: string; file: string; name: string };

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, entry]) => ({ id, file: entry.filename ?? "", name: entry.exportedName ?? "" }))
    .sort((a, b) => `${a.file}#${a.name}`.localeCompare(`${b.file}#${b.name}`));
}

export type ActionResult = { status: number; redirect: string | null; body: string };

export async function postAction(
  request: APIRequestContext,
  action: ServerAction,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: "http://localhost:3100" },
  page = "/",
): Promise<ActionResult> {
  // The form's entries first and "0" last, as the client sends them: the server reads the entries
  // of "$K1" in order from where it stands (a plain object would put the integer-like "0" first).
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) multipart.append(`_1_${key}`, value);
  multipart.append("0", JSON.stringify([{ ok: false, fieldErrors: {}, values: {} }, "$K1"]));
  const response: APIResponse = await request.post(page, {
    headers: { "next-action": action.id, accept: "text/x-component", ...headers },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), redirect: response.headers()["x-action-redirect"] ?? null, body: await response.text() };
}

/** Did the action report success: a redirect to anywhere but sign-in, or a form state with ok: true. */
export function succeeded(result: ActionResult): boolean {
  if (result.redirect && !/^\/sign-in/.test(result.redirect)) return true;
  return /"ok":true/.test(result.body);
}
