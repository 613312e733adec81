/** How the engine sends a value that is not known yet (preview), whatever the field's type. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN || (Array.isArray(value) && value.some(isUnknown));
}
