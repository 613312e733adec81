import { createHash } from "node:crypto";
import { isUnknown, UNKNOWN } from "../../common/unknown";
import { REPLACE_FIELDS } from "./schema";

type Props = Record<string, unknown>;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Pulumi-style auto-name: the Pulumi name, a dash and 7 characters. The characters are a hash of the stack,
 * the Pulumi name, the region and every field that forces replacement, not random: a retried create, a
 * preview and its `up` all agree on the name (so a logger an interrupted create left behind is found again
 * instead of duplicated), while a replacement gets a new name and can be created before the old is deleted.
 * Unknown while any of those values is unknown (preview).
 */
export function autoName(inputs: Props): string {
  const parts = [
    inputs.pulumiStack,
    inputs.pulumiName,
    inputs.region,
    ...REPLACE_FIELDS.filter((f) => f !== "adoptId").map((f) => inputs[f]),
  ];
  if (parts.some(isUnknown)) return UNKNOWN;
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest();
  const suffix = [...digest.subarray(0, 7)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  const base = typeof inputs.pulumiName === "string" ? inputs.pulumiName : "flowlog-logger";
  return `${base.slice(0, 247)}-${suffix}`;
}

/** Whether the logger's name is the one auto-naming gives these inputs (the program did not set one). */
export const isAutoNamed = (inputs: Props): boolean => inputs.name === autoName(inputs);
