import { clip } from "../common/errors";

/**
 * The API's own message from a Neutron (`{"NeutronError":{message, detail}}`), Keystone
 * (`{"error":{message}}`) or plain body; a load balancer's HTML page keeps its words, not its markup.
 */
export function apiErrorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, { message?: unknown; detail?: unknown } | undefined>;
    const inner = body.NeutronError ?? body.error ?? body.badRequest ?? body.itemNotFound;
    if (inner && typeof inner.message === "string") {
      const detail =
        typeof inner.detail === "string" && inner.detail.trim() !== "" ? ` (${clip(inner.detail)})` : "";
      return `${clip(inner.message)}${detail}`;
    }
    const message = (body as { message?: unknown }).message;
    if (typeof message === "string") return clip(message);
  } catch {
    // not JSON: fall through to the raw text
  }
  const words = text.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]*>/g, " ");
  return clip(words) || "(empty body)";
}
/** Neutron's error type (e.g. "FlowlogLoggerNotFound"), when the body has one. */
export function apiErrorType(text: string): string | undefined {
  try {
    const type = (JSON.parse(text) as { NeutronError?: { type?: unknown } }).NeutronError?.type;
    return typeof type === "string" ? type : undefined;
  } catch {
    return undefined;
  }
}
