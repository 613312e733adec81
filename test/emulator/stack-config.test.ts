import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  configSetCommands,
  plainConfig,
  stackConfigFor,
  writeStackConfig,
} from "../../emulator/stack-config";

// npm test builds first (pretest), so the compiled CLI is what users run.
const CLI = join(__dirname, "../../dist/emulator/cli.js");
const URL = "http://127.0.0.1:8080";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stack-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the stack config that aims a stack at the emulator", () => {
  it("sets every nhncloud and ncloud key the providers need, at the emulator's URL", () => {
    expect(stackConfigFor(`${URL}/`)).toEqual({
      "nhncloud:authUrl": `${URL}/identity/v2.0`,
      "nhncloud:tenantId": "0123456789abcdef0123456789abcdef",
      "nhncloud:username": "flowlog-user@example.com",
      "nhncloud:password": "emulator-api-password-1",
      "nhncloud:region": "KR1",
      "ncloud:accessKey": "emulator-access-key",
      "ncloud:secretKey": "emulator-secret-key",
      "ncloud:apiUrl": URL,
    });
  });

  it("uses the credentials an emulator was pinned to", () => {
    const config = stackConfigFor(URL, {
      credentials: { tenantId: "t1", username: "u1", password: "p:1" },
      ncloudCredentials: { accessKey: "ak", secretKey: "sk" },
    });
    expect(config).toMatchObject({
      "nhncloud:tenantId": "t1",
      "nhncloud:username": "u1",
      "nhncloud:password": "p:1",
      "ncloud:accessKey": "ak",
      "ncloud:secretKey": "sk",
    });
  });

  it("is said as pulumi config set commands, secrets with --secret and odd values quoted for the shell", () => {
    expect(configSetCommands({ ...stackConfigFor(URL), "nhncloud:password": "it's $HOME" })).toEqual([
      `pulumi config set nhncloud:authUrl ${URL}/identity/v2.0`,
      "pulumi config set nhncloud:tenantId 0123456789abcdef0123456789abcdef",
      "pulumi config set nhncloud:username flowlog-user@example.com",
      `pulumi config set --secret nhncloud:password 'it'\\''s $HOME'`,
      "pulumi config set nhncloud:region KR1",
      "pulumi config set ncloud:accessKey emulator-access-key",
      "pulumi config set --secret ncloud:secretKey emulator-secret-key",
      `pulumi config set ncloud:apiUrl ${URL}`,
    ]);
  });

  it("replaces only its own plain keys in an existing Pulumi.<stack>.yaml, keeping the salt, the secrets and other settings", () => {
    const file = join(dir, "Pulumi.dev.yaml");
    writeFileSync(
      file,
      [
        "encryptionsalt: v1:abc=",
        "config:",
        "  infra:portId: cccccccc-0001-4000-8000-000000000111",
        "  nhncloud:password:",
        "    secure: v1:old-secret",
        "  nhncloud:region: KR2",
        "  aws:region: eu-west-1",
        "",
      ].join("\n"),
    );
    expect(writeStackConfig(file, { "nhncloud:password": "p", "nhncloud:region": "KR1" })).toEqual([
      "nhncloud:password",
    ]);
    expect(readFileSync(file, "utf8")).toBe(
      [
        "encryptionsalt: v1:abc=",
        "config:",
        '  nhncloud:region: "KR1"',
        "  infra:portId: cccccccc-0001-4000-8000-000000000111",
        "  nhncloud:password:",
        "    secure: v1:old-secret",
        "  aws:region: eu-west-1",
        "",
      ].join("\n"),
    );
  });

  it("never writes a secret in plain text into a new file (issue 21, item 6)", () => {
    const file = join(dir, "Pulumi.dev.yaml");
    expect(writeStackConfig(file, stackConfigFor(URL))).toEqual(["nhncloud:password", "ncloud:secretKey"]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("emulator-api-password-1");
    expect(text).not.toContain("emulator-secret-key");
    expect(Object.keys(plainConfig(stackConfigFor(URL))).every((key) => text.includes(`  ${key}: `))).toBe(
      true,
    );
  });

  it("adds a config section to a stack file that has none", () => {
    const file = join(dir, "Pulumi.dev.yaml");
    writeFileSync(file, "encryptionsalt: v1:abc=\n");
    writeStackConfig(file, { "nhncloud:region": "KR1" });
    expect(readFileSync(file, "utf8")).toBe('encryptionsalt: v1:abc=\nconfig:\n  nhncloud:region: "KR1"\n');
  });

  it("refuses to edit an inline config map rather than guess", () => {
    const file = join(dir, "Pulumi.dev.yaml");
    writeFileSync(file, "config: {}\n");
    expect(() => writeStackConfig(file, { "nhncloud:region": "KR1" })).toThrow(
      /cannot edit an inline 'config:' map/,
    );
  });
});

describe("emulator CLI and the stack config", () => {
  it("prints the URL first, then pulumi config set lines for it, and writes --write-stack-config's file without the secrets, saying how to set them", async () => {
    const file = join(dir, "Pulumi.ci.yaml");
    const child = spawn(process.execPath, [CLI, "--port", "0", "--write-stack-config", file]);
    const lines: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on("line", (line) => {
          lines.push(line);
          if (line.startsWith("pulumi-flowlog-try --emulator URL")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${lines.join("\n")}`)));
      });
    } finally {
      child.kill("SIGTERM");
    }
    const url = lines[0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const commands = configSetCommands(stackConfigFor(url)).map((command) => `  ${command}`);
    const at = lines.indexOf(commands[0]);
    expect(lines.slice(at, at + commands.length)).toEqual(commands);
    expect(lines.slice(-4)).toEqual([
      `wrote the stack config to ${file}, except nhncloud:password and ncloud:secretKey: a secret in ` +
        "Pulumi.<stack>.yaml is a secure: value encrypted with the stack's key, which only the Pulumi CLI has. " +
        "Set them in the project's folder (after `pulumi stack init`):",
      "  pulumi config set --stack ci --secret nhncloud:password emulator-api-password-1",
      "  pulumi config set --stack ci --secret ncloud:secretKey emulator-secret-key",
      "pulumi-flowlog-try --emulator URL needs neither: it takes the emulator's own.",
    ]);
    const written = readFileSync(file, "utf8");
    expect(written).toContain(`  ncloud:apiUrl: "${url}"\n`);
    expect(written).not.toMatch(/nhncloud:password:|ncloud:secretKey:/);
  });
});
