import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { sessionMessages } from "@/domain/messages";
import { SessionEndedError } from "./errors";
import { handleForm } from "./form-action";

vi.mock("server-only", () => ({}));

const schema = z.object({ givenName: z.string().min(1), note: z.string() });

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
}

describe("a form submitted after the session ended", () => {
  it("comes back with what was typed and the sign-in-again message, and nothing ran", async () => {
    const write = vi.fn();
    // As requireCtx hands a server action when the session has ended: no user to act as.
    const ctx = {
      get user(): { id: string } {
        throw new SessionEndedError();
      },
    };
    const state = await handleForm(form({ givenName: "Robin", note: "typed before lunch", password: "never echoed" }), schema, async (input) => {
      write(ctx.user.id, input);
    });
    expect(state).toEqual({ ok: false, fieldErrors: {}, formError: sessionMessages.sessionEnded, values: { givenName: "Robin", note: "typed before lunch" } });
    expect(write).not.toHaveBeenCalled();
  });

  it("still shows field errors first, with the values, when the input is also invalid", async () => {
    const state = await handleForm(form({ givenName: "", note: "x" }), schema, async () => {
      throw new SessionEndedError();
    });
    expect(state.fieldErrors.givenName).toBeDefined();
    expect(state.formError).toBeUndefined();
    expect(state.values).toEqual({ givenName: "", note: "x" });
  });
});
