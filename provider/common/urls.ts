import { ErrorCodes, FlowLogError, quoted } from "./errors";

const LOOPBACK = [/^127(\.\d{1,3}){3}$/, /^\[::1\]$/, /^localhost$/i];

/** True for hosts that never leave the machine: the only ones allowed over plain http (the emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.some((pattern) => pattern.test(hostname));
}

/** Parses an endpoint URL and insists on https unless the host is loopback. */
export function safeUrl(value: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FlowLogError(ErrorCodes.config, `${setting} is not a valid URL: ${quoted(value)}`, {
      operation: "read configuration",
    });
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!allowed) {
    throw new FlowLogError(
      ErrorCodes.config,
      `${setting} must use https (plain http is accepted only for loopback hosts such as the emulator): ${quoted(url.origin, 64)}`,
      { operation: "read configuration" },
    );
  }
  return url;
}

/** Joins a base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}
