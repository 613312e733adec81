import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  declarationEntries,
  pruneDeclarations,
  reachableDeclarations,
} from "../../scripts/prune-declarations";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "flowlog-prune-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

const left = () =>
  readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(d\.ts|js)$/.test(file))
    .sort();

describe("pruneDeclarations (npm run build, after tsc)", () => {
  it.each([
    ["export * from", 'export * from "./kept";'],
    ["export * as", 'export * as kept from "./kept";'],
    ["export { } from", 'export { x } from "./kept";'],
    ["export type { } from", 'export type { X } from "./kept";'],
    ["import type", 'import type { X } from "./kept";\nexport declare const x: X;'],
    ["an import() type", 'export declare const x: import("./kept").X;'],
    ["a /// <reference path>", '/// <reference path="./kept.d.ts" />\nexport {};'],
    ["a specifier ending in .js", 'export * from "./kept.js";'],
  ])("keeps a declaration the entry reaches through %s, and deletes the rest", (_, entry) => {
    write({
      "dist/index.d.ts": entry,
      "dist/kept.d.ts": "export interface X {}\nexport declare const x: X;",
      "dist/unreached.d.ts": "export {};",
      "dist/unreached.js": "",
    });
    expect(pruneDeclarations(join(root, "dist"), [join(root, "dist", "index.d.ts")])).toEqual([
      join(root, "dist", "unreached.d.ts"),
    ]);
    expect(left()).toEqual(["dist/index.d.ts", "dist/kept.d.ts", "dist/unreached.js"]);
  });

  it("follows imports through folders (./x/index.d.ts) and parents, and leaves packages alone", () => {
    write({
      "dist/provider/index.d.ts": 'export * as nhn from "./nhn";\nexport type { Z } from "zod";',
      "dist/provider/nhn/index.d.ts": 'export type { Seed } from "../../emulator/seed";',
      "dist/emulator/seed.d.ts": 'import type { z } from "zod";\nexport type Seed = z.ZodType;',
      "dist/emulator/server.d.ts": "export {};",
    });
    const reached = reachableDeclarations([join(root, "dist", "provider", "index.d.ts")]);
    expect([...reached].map((file) => file.slice(root.length + 1)).sort()).toEqual([
      "dist/emulator/seed.d.ts",
      "dist/provider/index.d.ts",
      "dist/provider/nhn/index.d.ts",
    ]);
  });

  it("fails the build when a declaration imports a file that is not there", () => {
    write({ "dist/index.d.ts": 'export * from "./gone";' });
    expect(() => reachableDeclarations([join(root, "dist", "index.d.ts")])).toThrow(
      `${join(root, "dist", "index.d.ts")} imports "./gone", which names no declaration file`,
    );
  });

  it("fails the build when an entry point is not there", () => {
    expect(() => reachableDeclarations([join(root, "dist", "index.d.ts")])).toThrow(
      `no such declaration file: ${join(root, "dist", "index.d.ts")}`,
    );
  });
});

describe("declarationEntries", () => {
  it("takes the package's types and the types of each of its exports, once each", () => {
    write({
      "package.json": JSON.stringify({
        types: "dist/provider/index.d.ts",
        exports: {
          ".": { types: "./dist/provider/index.d.ts", default: "./dist/provider/index.js" },
          "./testing": {
            types: "./dist/provider/testing/index.d.ts",
            default: "./dist/provider/testing/index.js",
          },
          "./package.json": "./package.json",
        },
      }),
    });
    expect(declarationEntries(root)).toEqual([
      join(root, "dist", "provider", "index.d.ts"),
      join(root, "dist", "provider", "testing", "index.d.ts"),
    ]);
  });

  it("names this package's two public entry points", () => {
    const repo = join(__dirname, "..", "..");
    expect(declarationEntries(repo)).toEqual([
      join(repo, "dist", "provider", "index.d.ts"),
      join(repo, "dist", "provider", "testing", "index.d.ts"),
    ]);
  });
});
