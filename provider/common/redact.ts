/**
 * Credentials must never reach a message, a stack or a log, whatever a server does with them: echo them
 * JSON-escaped, URL-encoded, HTML-escaped, with whitespace collapsed, or cut. Each registered secret is
 * kept in all those forms, and any run of text sharing WINDOW consecutive characters with one of them is
 * replaced, so even a cut inside a secret leaves at most WINDOW - 1 of its characters.
 */
const WINDOW = 8;
/** Shorter values are not registered: redacting every "abc" would destroy messages and protect nothing. */
const MIN_SECRET = 4;
const MASK = "[REDACTED]";

/** Every WINDOW-character slice of every form of every secret, ASCII lower-cased (hex escapes vary in case). */
const windows = new Set<string>();
/** Forms shorter than WINDOW, matched whole. */
const shortForms = new Set<string>();
const registered = new Set<string>();
let longestForm = 0;

/** Lower-cases A-Z only, so that indices in the result are indices in `text`. */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const htmlEscape = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML[c]);
const jsonEscape = (text: string): string => JSON.stringify(text).slice(1, -1);
/** Python's json.dumps (Neutron, Keystone) escapes non-ASCII as \uXXXX by default. */
const jsonAsciiEscape = (text: string): string =>
  jsonEscape(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
const formEncode = (text: string): string => new URLSearchParams({ s: text }).toString().slice(2);
function uriEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return formEncode(text); // a lone surrogate: encodeURIComponent throws, URLSearchParams does not
  }
}

/** The ways a server, a proxy or our own tidying may render `secret`. */
function formsOf(secret: string): string[] {
  const json = jsonEscape(secret);
  const forms = [
    secret,
    json,
    jsonAsciiEscape(secret),
    jsonEscape(json),
    uriEncode(secret),
    formEncode(secret),
    htmlEscape(secret),
    htmlEscape(json),
  ];
  return [...new Set(forms.flatMap((form) => [form, form.replace(/\s+/g, " "), form.trim()]))];
}

/** Registers a credential so that no FlowLogError message, stack or cause can ever contain it. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET || registered.has(value)) return;
  registered.add(value);
  for (const form of formsOf(value).map(asciiLower)) {
    longestForm = Math.max(longestForm, form.length);
    if (form.length < WINDOW) {
      if (form.trim().length >= MIN_SECRET) shortForms.add(form);
      continue;
    }
    for (let at = 0; at + WINDOW <= form.length; at++) windows.add(form.slice(at, at + WINDOW));
  }
}

/**
 * `text` with every registered credential, in any of its forms and even in part, replaced by
 * `[REDACTED]`; then cut to `maxLength` characters (of the original) without ever cutting inside a secret.
 * Linear in the length scanned.
 */
export function redact(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const scanned = text.length > maxLength ? text.slice(0, maxLength + longestForm) : text;
  if (registered.size === 0) return scanned.slice(0, maxLength);
  const lower = asciiLower(scanned);
  const hits: [number, number][] = [];
  for (let at = 0; at + WINDOW <= lower.length; at++) {
    if (windows.has(lower.slice(at, at + WINDOW))) hits.push([at, at + WINDOW]);
  }
  for (const form of shortForms) {
    for (let at = lower.indexOf(form); at !== -1; at = lower.indexOf(form, at + 1))
      hits.push([at, at + form.length]);
  }
  if (hits.length === 0) return scanned.slice(0, maxLength);
  hits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let kept = 0;
  for (let i = 0; i < hits.length && hits[i][0] < maxLength; ) {
    const start = hits[i][0];
    let end = hits[i][1];
    for (i++; i < hits.length && hits[i][0] <= end; i++) end = Math.max(end, hits[i][1]);
    parts.push(scanned.slice(kept, start), MASK);
    kept = end;
  }
  if (kept < maxLength) parts.push(scanned.slice(kept, maxLength));
  return parts.join("");
}
