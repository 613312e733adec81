import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const README = join(resolve(__dirname, "..", ".."), "README.md");

/** The files of the README's "Test your own stack": each fenced block under a `<!-- user-project: FILE -->` line. */
export function readmeFiles(): Record<string, string> {
  const readme = readFileSync(README, "utf8");
  const blocks = readme.matchAll(/<!-- user-project: (\S+) -->\n```\w*\n([\s\S]*?)```\n/g);
  return Object.fromEntries([...blocks].map(([, file, text]) => [file, text]));
}
