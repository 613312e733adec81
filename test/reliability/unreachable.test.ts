import { createServer } from "node:net";
import { nhncloud } from "pulumi-flowlog";
import { startEmulator } from "../../emulator";
import { ProviderHost } from "../support/host";
import { runProgram } from "../support/program";
import { Stack } from "../support/stack";
import { SEED, STORAGE_URL, TENANT } from "../support/world";

// Issue 21: an endpoint that cannot be reached is reported quickly, naming the URL and the setting it came
// from, not after the whole create budget.

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function upWith(authUrl: string) {
  const host = await ProviderHost.start();
  try {
    await host.configure({
      "nhncloud:authUrl": authUrl,
      "nhncloud:tenantId": TENANT,
      "nhncloud:username": "unreachable@example.com",
      "nhncloud:password": "unreachable-Password-1",
      "nhncloud:region": "KR1",
    });
    const { registrations } = await runProgram(() => {
      new nhncloud.FlowLogLogger("web", { resourceId: SEED.KR1.ports[0], storageUrl: STORAGE_URL });
    });
    const started = Date.now();
    const result = await new Stack(host).up(registrations);
    return { ms: Date.now() - started, message: result.failures[0]?.error.message ?? "" };
  } finally {
    await host.close();
  }
}

describe("an identity endpoint that cannot be reached", () => {
  it("fails at once when its host name does not resolve, naming the URL and the setting", async () => {
    const { ms, message } = await upWith("https://no-such-host.invalid/v2.0");
    expect(message).toMatch(
      /issue NHN Cloud token: https:\/\/no-such-host\.invalid does not resolve.*\(ENOTFOUND\); nothing was sent\. Check stack config `nhncloud:authUrl` \(or the environment variable OS_AUTH_URL\)/,
    );
    expect(ms).toBeLessThan(5_000);
  });

  it("fails at once when the connection is refused, naming the URL and the setting", async () => {
    const port = await closedPort();
    const { ms, message } = await upWith(`http://127.0.0.1:${port}/identity/v2.0`);
    expect(message).toMatch(
      new RegExp(
        `http://127\\.0\\.0\\.1:${port} refused the connection.*\\(ECONNREFUSED\\).*nhncloud:authUrl`,
      ),
    );
    expect(message).not.toContain("unreachable-Password-1");
    expect(ms).toBeLessThan(5_000);
  });

  it("fails at once when the URL answers but is not the identity endpoint, naming the URL and the setting", async () => {
    const emulator = await startEmulator();
    try {
      const { ms, message } = await upWith(`${emulator.url}/not-identity/v2.0`);
      expect(message).toMatch(
        /issue NHN Cloud token: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/not-identity\/v2\.0 \(this is not the identity v2\.0 endpoint\?\).*Check stack config `nhncloud:authUrl` \(or the environment variable OS_AUTH_URL\)/,
      );
      expect(ms).toBeLessThan(5_000);
    } finally {
      await emulator.close();
    }
  });
});
