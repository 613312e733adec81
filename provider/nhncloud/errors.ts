/** The API's own message from a Neutron (`{"NeutronError":{message}}`), Keystone (`{"error":{message}}`) or plain body. */
export function apiErrorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, { message?: unknown; type?: unknown } | undefined>;
    const inner = body.NeutronError ?? body.error ?? body.badRequest ?? body.itemNotFound;
    if (inner && typeof inner.message === "string") return inner.message;
    if (typeof (body as { message?: unknown }).message === "string")
      return (body as { message: string }).message;
  } catch {
    // not JSON: fall through to the raw text
  }
  // A load balancer's 502/503 page is HTML: keep its words, not its markup.
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain || "(empty body)";
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
