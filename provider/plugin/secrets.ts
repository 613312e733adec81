/**
 * The engine's secret values: an object carrying a signature key (pulumi/pulumi sdk/go/common/resource/sig).
 * The plugin declares `acceptSecrets`, so secrets arrive wrapped; it works on the plain values and wraps the
 * same top-level keys of what it returns, as the engine itself does for providers that do not accept them.
 */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

type Props = Record<string, unknown>;

const isObject = (value: unknown): value is Props =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const isSecret = (value: unknown): value is { value?: unknown } =>
  isObject(value) && value[SIGNATURE_KEY] === SECRET_SIGNATURE;

/** `value` marked secret, as the engine marks one. */
export const secret = (value: unknown): Props => ({ [SIGNATURE_KEY]: SECRET_SIGNATURE, value });

/** `value` with every secret unwrapped, at any depth. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reveal(item)]));
  return value;
}

const containsSecret = (value: unknown): boolean =>
  isSecret(value) ||
  (Array.isArray(value) && value.some(containsSecret)) ||
  (isObject(value) && Object.values(value).some(containsSecret));

/** The top-level keys of `props` that are, or hold, a secret. */
export function secretKeys(props: Props): string[] {
  return Object.keys(props).filter((key) => containsSecret(props[key]));
}

/** `props` with the values of `keys` marked secret (once). */
export function conceal(props: Props, keys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const key of keys) if (key in out && !isSecret(out[key])) out[key] = secret(out[key]);
  return out;
}
