import { createHash } from "node:crypto";
import { isUnknown, UNKNOWN } from "../../common/unknown";

type Props = Record<string, unknown>;

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The fields auto-name v1 hashes, frozen as 0.1.0 listed them (its REPLACE_FIELDS, `region` twice): a name
 * must never change because a later release adds a field. Never edit this list; add a derivation instead.
 */
const V1_FIELDS = [
  "resourceType",
  "resourceId",
  "filter",
  "aggregationInterval",
  "connectionSetupOnly",
  "storageType",
  "storageUrl",
  "logFormat",
  "compressionType",
  "customizedFields",
  "customizedFileName",
  "partitionPeriod",
  "region",
] as const;

/**
 * Auto-name v1 (0.1.0 and later): the Pulumi name, a dash and 7 characters. The characters are a hash of
 * the stack, the Pulumi name, the region and the fields above, not random: a retried create, a preview and
 * its `up` agree on the name (so a logger an interrupted create left behind is found again instead of
 * duplicated), while a replacement that changes one of those fields gets a new name and can be created
 * before the old logger is deleted. Unknown while any of those values is unknown (preview).
 */
function autoNameV1(inputs: Props): string {
  const parts = [inputs.pulumiStack, inputs.pulumiName, inputs.region, ...V1_FIELDS.map((f) => inputs[f])];
  if (parts.some(isUnknown)) return UNKNOWN;
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest();
  const suffix = [...digest.subarray(0, 7)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  const base = typeof inputs.pulumiName === "string" ? inputs.pulumiName : "flowlog-logger";
  return `${base.slice(0, 247)}-${suffix}`;
}

/** Every auto-name derivation ever released, by the name state records (`autoName`). Frozen once released. */
export const AUTO_NAMES: Readonly<Record<string, (inputs: Props) => string>> = { v1: autoNameV1 };
/** The derivation new loggers get. */
export const CURRENT_AUTO_NAME = "v1";

/**
 * The derivation for a logger the program does not name: the one its state records; v1 for state that has
 * a name but no record (0.1.0 used v1); the current one for a new logger (or a replacement: no olds).
 */
export function autoNameDerivation(olds: Props): string {
  if (typeof olds.autoName === "string" && Object.hasOwn(AUTO_NAMES, olds.autoName)) return olds.autoName;
  return typeof olds.name === "string" ? "v1" : CURRENT_AUTO_NAME;
}
