import { readFileSync } from "node:fs";

/** The text of `file`, or undefined when there is no such file (any other failure is thrown). */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
