import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionBody, nextStartArgs, percentile, runLoad, shareOf } from "./http";

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

describe("shareOf", () => {
  it("shares a whole number out over servers, the first ones taking what is left over", () => {
    expect([0, 1].map((i) => shareOf(50, 2, i))).toEqual([25, 25]);
    expect([0, 1, 2].map((i) => shareOf(7999, 3, i))).toEqual([2667, 2666, 2666]);
    expect([0, 1, 2, 3].map((i) => shareOf(10, 4, i))).toEqual([3, 3, 2, 2]);
    expect(shareOf(500, 1, 0)).toBe(500);
  });
});

describe("nextStartArgs", () => {
  it("starts next on the port, on the loopback address only, and profiles it only when asked", () => {
    const plain = nextStartArgs(4123, "");
    expect(plain.slice(1)).toEqual(["start", "-p", "4123", "-H", "127.0.0.1"]);
    expect(plain[0]).toMatch(/node_modules\/next\/dist\/bin\/next$/);
    expect(nextStartArgs(4123, "/tmp/profiles")).toEqual(["--cpu-prof", "--cpu-prof-dir=/tmp/profiles", ...plain]);
  });
});

describe("runLoad", () => {
  // A server that answers every request after 20 ms.
  let server: Server;
  let baseUrl = "";
  beforeAll(async () => {
    server = createServer((_req, res) => void setTimeout(() => res.end("ok"), 20));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("no port");
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("waits for every answer in a run of a fixed number of requests", async () => {
    const f = await runLoad([{ baseUrl, pid: null }], "/", { connections: 10, amount: 60 });
    expect(f.requests).toBe(60);
    expect(f.unanswered).toBe(0);
    expect(f.errors + f.non2xx).toBe(0);
    expect(f.p50).toBeGreaterThanOrEqual(20);
  });

  it("leaves a request in flight on every connection when a run of fixed length stops (why the dashboard run counts requests)", async () => {
    const f = await runLoad([{ baseUrl, pid: null }], "/", { connections: 10, duration: 1 });
    expect(f.requests).toBeGreaterThan(0);
    // One per connection unless an answer lands in the instant the run stops.
    expect(f.unanswered).toBeGreaterThan(0);
    expect(f.unanswered).toBeLessThanOrEqual(10);
  });
});
