import { ErrorCodes, FlowLogError, quoted } from "./errors";

const LOOPBACK = [/^127(\.\d{1,3}){3}$/, /^\[::1\]$/, /^localhost$/i];

/** True for hosts that never leave the machine: the only ones allowed over plain http (the emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.some((pattern) => pattern.test(hostname));
}

const configError = (message: string) =>
  new FlowLogError(ErrorCodes.config, message, { operation: "read configuration" });

/** Parses an endpoint URL and insists on https unless the host is loopback. */
export function safeUrl(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(`${setting} is not a valid URL: ${quoted(value)}`);
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!allowed) {
    throw configError(
      `${setting} must use https (plain http is accepted only for loopback hosts such as the emulator): ${quoted(url.origin, 64)}`,
    );
  }
  return url;
}

/**
 * An endpoint a setting names: https (or loopback http), and nothing that would change what a request means
 * or where its token goes: no user name or password, no query, no fragment. Only the origin is ever quoted.
 */
export function endpointUrl(value: string, setting: string): URL {
  const url = safeUrl(value, setting);
  const refused = [
    url.username !== "" || url.password !== "" ? "a user name or password" : undefined,
    url.search !== "" || value.includes("?") ? "a query (?…)" : undefined,
    url.hash !== "" || value.includes("#") ? "a fragment (#…)" : undefined,
  ].filter((part) => part !== undefined);
  if (refused.length > 0) {
    throw configError(
      `${setting} must not carry ${refused.join(", ")}: give the endpoint alone, such as ${quoted(url.origin, 64)}`,
    );
  }
  return url;
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
