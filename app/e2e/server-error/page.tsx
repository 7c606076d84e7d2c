import { notFound } from "next/navigation";

// Decided per request: the variable is read at run time, never baked in at build.
export const dynamic = "force-dynamic";

/**
 * End-to-end tests only: a page that fails on the server, to prove the friendly 500 page shows no
 * stack trace or message. Answers 404 unless the server was started with HUB_E2E_HOOKS=1, which
 * only scripts/e2e-server.ts sets; a real deployment never has it.
 */
export default function ServerErrorForTests() {
  if (process.env.HUB_E2E_HOOKS !== "1") notFound();
  throw new Error("E2E forced failure: SECRET-STACK-MARKER at db/people.ts nhs_number=9434765919");
}
