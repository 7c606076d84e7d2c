import { describe, expect, it } from "vitest";
import { argValue } from "./args";

describe("argValue", () => {
  it("gives everything after the first = of --name=, and nothing for a name not given", () => {
    const argv = ["node", "script.ts", "--database-url=postgres://u@h/db?sslmode=disable&x=1", "--from=15", "file.cpuprofile"];
    expect(argValue("database-url", argv)).toBe("postgres://u@h/db?sslmode=disable&x=1");
    expect(argValue("from", argv)).toBe("15");
    expect(argValue("to", argv)).toBeUndefined();
    expect(argValue("fro", argv)).toBeUndefined();
  });
});
