import { nhncloud } from "pulumi-flowlog";
import {
  type DiagnosticEvent,
  describeDiagnostic,
  emitDiagnostic,
  setDiagnosticSink,
  withDiagnosticScope,
} from "../../provider/common/diagnostics";
import { registerSecret } from "../../provider/common/errors";
import { SEED, STORAGE_URL, startWorld } from "../support/world";

describe("diagnostics", () => {
  afterEach(() => setDiagnosticSink(undefined));

  it.each<[string, DiagnosticEvent, string]>([
    [
      "an attempt that is retried",
      {
        kind: "http",
        method: "GET",
        url: "https://kr1-api-network.example.com/v2.0/flowlog-loggers?name=web-1&name=web-2&status=ACTIVE",
        attempt: 1,
        durationMs: 12,
        outcome: 503,
        retryInMs: 1500,
      },
      "GET https://kr1-api-network.example.com/v2.0/flowlog-loggers?name=…&status=…: HTTP 503 in 12 ms (attempt 1); retrying in 1.5 s",
    ],
    [
      "an attempt with no answer",
      {
        kind: "http",
        method: "POST",
        url: "https://id.example.com/v2.0/tokens",
        attempt: 3,
        durationMs: 30_000,
        outcome: "ERR_FLOWLOG_TIMEOUT",
      },
      "POST https://id.example.com/v2.0/tokens: ERR_FLOWLOG_TIMEOUT in 30 s (attempt 3)",
    ],
    [
      "a poll of a wait",
      { kind: "wait", subject: "flow log logger 3e84", status: "BUILD", waitedMs: 2300, nextPollMs: 400 },
      'waiting for flow log logger 3e84: "BUILD" after 2.3 s; next poll in 400 ms',
    ],
  ])("renders %s on one line, query values left out", (_, event, line) => {
    expect(describeDiagnostic(event)).toBe(line);
  });

  it("redacts a registered credential wherever it appears", () => {
    registerSecret("diagnostics-Secret-4411");
    const line = describeDiagnostic({
      kind: "wait",
      subject: "x diagnostics-Secret-4411",
      status: "BUILD",
      waitedMs: 1,
      nextPollMs: 1,
    });
    expect(line).toContain("[REDACTED]");
    expect(line).not.toContain("Secret-4411");
  });

  it("hands each event to the sink with the scope of the call that caused it", async () => {
    const seen: [string, string | undefined][] = [];
    setDiagnosticSink((line, _event, scope) => seen.push([line, scope?.urn]));
    const wait: DiagnosticEvent = { kind: "wait", subject: "s", status: "BUILD", waitedMs: 0, nextPollMs: 0 };
    await withDiagnosticScope({ urn: "urn:a" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      emitDiagnostic(wait);
    });
    emitDiagnostic(wait);
    expect(seen.map(([, urn]) => urn)).toEqual(["urn:a", undefined]);
  });

  it("writes the dynamic provider's requests and waits to stderr under PULUMI_FLOWLOG_DEBUG=1, and nothing without it", async () => {
    const program = () =>
      new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
    for (const debug of [true, false]) {
      const env = { PATH: process.env.PATH, ...(debug ? { PULUMI_FLOWLOG_DEBUG: "1" } : {}) };
      const world = await startWorld({ emulator: { activationMs: 600 }, host: { env } });
      try {
        expect((await world.stack.up(await world.program(program))).failures).toEqual([]);
        await world.stack.destroy();
        const lines = world.host.stderr.split("\n").filter((line) => line.startsWith("[pulumi-flowlog] "));
        if (!debug) expect(lines).toEqual([]);
        else
          expect(lines).toEqual(
            expect.arrayContaining([
              expect.stringMatching(
                /^\[pulumi-flowlog\] POST http:\/\/127\.0\.0\.1:\d+\/identity\/v2\.0\/tokens: HTTP 200/,
              ),
              expect.stringMatching(
                /^\[pulumi-flowlog\] POST .*\/flowlog-loggers: HTTP 201 in \d+ ms \(attempt 1\)$/,
              ),
              expect.stringMatching(
                /^\[pulumi-flowlog\] waiting for flow log logger [0-9a-f-]{36}: "BUILD" after /,
              ),
              expect.stringMatching(/^\[pulumi-flowlog\] DELETE .*: HTTP 204/),
            ]),
          );
        expect(world.host.stderr).not.toContain("emulator-api-password-1");
      } finally {
        await world.close();
      }
    }
  });
});
