import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderAll } from "./outputs";

/** `npm run generate`: rewrites every file derived from the field table. */
const root = join(__dirname, "..", "..");
for (const [file, text] of Object.entries(renderAll((path) => readFileSync(join(root, path), "utf8")))) {
  writeFileSync(join(root, file), text);
  process.stdout.write(`wrote ${file}\n`);
}
