import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionBody, percentile } from "./http";

type EncodeReply = (value: unknown) => Promise<FormData | string>;
const require = createRequire(import.meta.url);
// The same React client Next.js uses in the browser to send a server action's arguments.
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge") as { encodeReply: EncodeReply };

describe("percentile (nearest rank)", () => {
  it("takes the value at the rank, whatever the order", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  it("is not a number for no values", () => {
    expect(percentile([], 95)).toBeNaN();
  });
});

describe("actionBody", () => {
  it("is exactly what React's client sends for a useActionState action called with (state, FormData)", async () => {
    const fields = { appointmentId: "1b7c7a4e-0d5e-4f57-9a0e-2f6a4f0e9d11", version: "1", outcome: "attended", note: "", idempotencyKey: "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f" };
    const formData = new FormData();
    for (const [k, v] of Object.entries(fields)) formData.append(k, v);
    const expected = await encodeReply([{ ok: true, fieldErrors: {}, values: fields }, formData]);
    if (typeof expected === "string") throw new Error("encodeReply gave a string: a FormData argument should give multipart");

    const boundary = "----benchtest";
    const body = actionBody(fields, boundary);
    const sent = await new Response(new Uint8Array(body), { headers: { "content-type": `multipart/form-data; boundary=${boundary}` } }).formData();
    const entries = (fd: FormData) => [...fd.entries()].map(([k, v]) => [k, String(v)]).sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(entries(sent)).toEqual(entries(expected));
  });
});
