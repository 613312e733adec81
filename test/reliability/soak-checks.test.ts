import type { RequestLogEntry } from "../../emulator";
import {
  duplicateNames,
  faultsByKind,
  isClearError,
  leakedSecrets,
  longestFaultStreak,
  staleTokenRepeats,
} from "../../soak/checks";

let seq = 0;
const entry = (fields: Partial<RequestLogEntry>): RequestLogEntry => ({
  seq: ++seq,
  at: 0,
  method: "GET",
  path: "/network/kr1/v2.0/flowlog-loggers/a",
  query: "",
  api: "nhn",
  status: 200,
  ...fields,
});

describe("the soak's detectors", () => {
  it("count a token re-sent to the same operation after it was refused", () => {
    const log = [
      entry({ tokenId: "old", tokenValid: false, status: 401 }),
      entry({ tokenId: "old", tokenValid: false, status: 401 }),
    ];
    expect(staleTokenRepeats(log)).toHaveLength(1);
  });

  it("do not count the retry of a request faulted before its token was judged", () => {
    const log = [
      entry({ tokenId: "old", tokenValid: false, status: 429, fault: "429" }),
      entry({ tokenId: "old", tokenValid: false, status: 401 }),
      entry({ tokenId: "new", tokenValid: true }),
    ];
    expect(staleTokenRepeats(log)).toEqual([]);
  });

  it("do not count concurrent operations that each meet a revoked token once", () => {
    const log = [
      entry({ tokenId: "old", tokenValid: false, status: 401 }),
      entry({ tokenId: "old", tokenValid: false, status: 401, path: "/network/kr1/v2.0/flowlog-loggers/b" }),
      entry({ tokenId: "new", tokenValid: true }),
      entry({ tokenId: "new", tokenValid: true, path: "/network/kr1/v2.0/flowlog-loggers/b" }),
    ];
    expect(staleTokenRepeats(log)).toEqual([]);
  });

  it("measure the longest run of faults per idempotent operation, restarting at each round", () => {
    const faults = Array.from({ length: 4 }, () => entry({ fault: "503", status: 503 }));
    const log = [...faults, entry({}), entry({ fault: "drop", status: 0 })];
    expect(longestFaultStreak(log)).toBe(4);
    expect(longestFaultStreak(log, [faults[1].seq])).toBe(2);
    expect(longestFaultStreak([entry({ method: "POST", fault: "502" })])).toBe(0);
  });

  it("count faults by kind", () => {
    const log = [
      entry({ fault: "429" }),
      entry({ fault: "429" }),
      entry({ fault: "lost-create" }),
      entry({}),
    ];
    expect(faultsByKind(log)).toEqual({ 429: 2, "lost-create": 1 });
  });

  it("name duplicated logger names", () => {
    const loggers = [{ name: "a" }, { name: "b" }, { name: "a" }] as Parameters<typeof duplicateNames>[0];
    expect(duplicateNames(loggers)).toEqual(["a"]);
  });

  it("report which credential leaked by label, not by value", () => {
    expect(leakedSecrets("token abc123 in a message", { password: "pw-1", "token #1": "abc123" })).toEqual([
      "token #1",
    ]);
  });

  it.each([
    ["names the operation and status", "get flow log logger x in KR1: HTTP 502: Bad Gateway", true],
    ["names the service", "issue NHN Cloud token: identity rejected user", true],
    ["a bare TypeError", "TypeError: Cannot read properties of undefined (reading 'id')", false],
    ["a bare parse error", "Unexpected token < in JSON at position 0", false],
  ])("judge an error that %s", (_name, message, clear) => {
    expect(isClearError(message)).toBe(clear);
  });
});
