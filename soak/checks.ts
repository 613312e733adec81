import type { ApiLogger, RequestLogEntry } from "../emulator";
import { DEFAULT_RETRY } from "../provider/common/retry";
import type { SoakOptions, SoakReport } from "./scenario";

/** Faults the emulator injected, by kind ("429", "502", "503", "drop", "lost-create"). */
export function faultsByKind(log: RequestLogEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log) if (entry.fault) counts[entry.fault] = (counts[entry.fault] ?? 0) + 1;
  return counts;
}

const requestKey = (entry: RequestLogEntry): string => `${entry.method} ${entry.path}?${entry.query}`;

function byKey(log: RequestLogEntry[]): Map<string, RequestLogEntry[]> {
  const groups = new Map<string, RequestLogEntry[]>();
  for (const entry of [...log].sort((a, b) => a.seq - b.seq)) {
    const key = requestKey(entry);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return groups;
}

/**
 * Requests that re-sent a token the API had just refused: two requests in a row for the same method, path
 * and query (one client's attempts at one operation), the first answered 401, the second carrying the
 * same token. A request faulted (429/5xx/drop) before its token was judged told the client nothing about
 * the token, so its retry is no repeat; nor are concurrent requests for different resources that each
 * meet a revoked token once.
 */
export function staleTokenRepeats(log: RequestLogEntry[]): RequestLogEntry[] {
  const repeats: RequestLogEntry[] = [];
  for (const entries of byKey(log.filter((entry) => entry.api === "nhn" && entry.tokenId)).values()) {
    for (let i = 1; i < entries.length; i++) {
      const [before, after] = [entries[i - 1], entries[i]];
      if (before.status === 401 && before.tokenId === after.tokenId) {
        repeats.push(after);
      }
    }
  }
  return repeats;
}

/**
 * The longest run of transient faults answered to one idempotent operation (same method, path and query)
 * before it got a real answer: bounded by the retry policy's attempts. `boundaries` are the last seqs of
 * each `pulumi up` round: a new round is a new operation. POSTs share one path, so are left out.
 */
export function longestFaultStreak(log: RequestLogEntry[], boundaries: number[] = []): number {
  const round = (seq: number) => boundaries.filter((boundary) => boundary < seq).length;
  const transient = (entry: RequestLogEntry) => entry.fault !== undefined && entry.fault !== "lost-create";
  let longest = 0;
  const idempotent = log.filter((entry) => entry.api === "nhn" && entry.method !== "POST");
  for (const entries of byKey(idempotent).values()) {
    let streak = 0;
    for (const [i, entry] of entries.entries()) {
      if (i > 0 && round(entries[i - 1].seq) !== round(entry.seq)) streak = 0;
      streak = transient(entry) ? streak + 1 : 0;
      longest = Math.max(longest, streak);
    }
  }
  return longest;
}

/** Names held by more than one live logger (in one region): a create that was sent twice. */
export function duplicateNames(loggers: ApiLogger[]): string[] {
  const seen = new Map<string, number>();
  for (const logger of loggers) seen.set(logger.name, (seen.get(logger.name) ?? 0) + 1);
  return [...seen].filter(([, count]) => count > 1).map(([name]) => name);
}

/** Which credentials appear in `text`, by label (never the value itself). */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length > 0 && text.includes(value))
    .map(([label]) => label);
}

const CRASH = /\b(TypeError|ReferenceError|SyntaxError|RangeError)\b|Cannot read propert|is not a function/;
const NAMED = /flow log|NHN Cloud|HTTP \d{3}|could not reach|ERR_FLOWLOG_/i;

/** A clear error names what failed (the operation, the service or the status) and is not a bare JS crash. */
export function isClearError(message: string): boolean {
  return NAMED.test(message) && !CRASH.test(message);
}

/** Everything the issue forbids, in words; empty when the run was clean. */
export function violationsOf(report: SoakReport, options: SoakOptions, lostInjected: number): string[] {
  const violations = report.phases
    .filter((phase) => !phase.converged)
    .map((phase) => `${phase.name} did not converge in ${phase.rounds} rounds`);
  const add = (bad: boolean, text: string) => bad && violations.push(text);
  add(report.unclearErrors.length > 0, `unclear errors: ${report.unclearErrors.join(" | ")}`);
  add(report.duplicates.length > 0, `duplicates: ${report.duplicates.join(", ")}`);
  add(report.orphans.length > 0, `orphans: ${report.orphans.join(", ")}`);
  add(
    report.foreignTouched.length > 0,
    `someone else's loggers touched: ${report.foreignTouched.join(", ")}`,
  );
  add(report.mismatches.length > 0, `stack and emulator disagree: ${report.mismatches.join(", ")}`);
  add(report.staleTokenRepeats > 0, `${report.staleTokenRepeats} request(s) re-sent a refused token`);
  add(
    report.longestFaultStreak > DEFAULT_RETRY.maxAttempts,
    `an operation was retried ${report.longestFaultStreak} times in a row`,
  );
  add(report.leakedSecrets.length > 0, `credentials leaked: ${report.leakedSecrets.join(", ")}`);
  add(!report.hostAlive, "the provider host died");
  add(report.lostCreatesRecovered < lostInjected, "a create with a lost response was not recovered");
  add(
    report.wallMs > options.timeBoundMs,
    `took ${report.wallMs} ms, over the ${options.timeBoundMs} ms bound`,
  );
  return violations;
}

/** A credential as itself and as each encoding a server may echo it in. */
export const secretForms = (secret: string): string[] => [
  secret,
  JSON.stringify(secret).slice(1, -1),
  encodeURIComponent(secret),
  new URLSearchParams({ s: secret }).toString().slice(2),
  secret.replace(/\s+/g, " "),
];

/** The longest piece of any form of `secret` found in `text`: 8 characters or more is a leak. */
export function longestSecretPiece(text: string, secret: string): number {
  let longest = 0;
  for (const form of secretForms(secret)) {
    for (let length = form.length; length > longest; length--) {
      let found = false;
      for (let at = 0; at + length <= form.length && !found; at++)
        found = text.includes(form.slice(at, at + length));
      if (found) longest = length;
    }
  }
  return longest;
}
