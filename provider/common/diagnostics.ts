import { AsyncLocalStorage } from "node:async_hooks";
import { redact } from "./redact";
import { duration } from "./time";

/**
 * What the core reports while it works: each HTTP attempt and each poll of a wait. Hosts choose where the
 * lines go: the provider plugin sends them to the engine's log (`pulumi up -v=9 --logtostderr`, `--debug`),
 * the dynamic providers write them to stderr when PULUMI_FLOWLOG_DEBUG=1. Nothing is reported otherwise.
 */
export type DiagnosticEvent =
  | {
      kind: "http";
      method: string;
      url: string;
      attempt: number;
      durationMs: number;
      /** The HTTP status, or the error code when no answer came. */
      outcome: number | string;
      /** Set when another attempt follows, after this many ms. */
      retryInMs?: number;
    }
  | {
      kind: "wait";
      /** What is waited for, e.g. "flow log logger 3e84…". */
      subject: string;
      /** What the last poll saw, e.g. "BUILD". */
      status: string;
      waitedMs: number;
      /** When the next poll is due, in ms from now. */
      nextPollMs: number;
    };

/** Which resource a line belongs to, where the host knows it. */
export interface DiagnosticScope {
  urn?: string;
}

/** Receives each event with its one-line, redacted rendering. */
export type DiagnosticSink = (
  line: string,
  event: DiagnosticEvent,
  scope: DiagnosticScope | undefined,
) => void;

const scopes = new AsyncLocalStorage<DiagnosticScope>();
let installed: DiagnosticSink | undefined;

/** Sends every event to `sink` from now on (`undefined`: back to the default, stderr under PULUMI_FLOWLOG_DEBUG=1). */
export function setDiagnosticSink(sink: DiagnosticSink | undefined): void {
  installed = sink;
}

/** Runs `work` with `scope` attached to every event it causes (through awaits and timers it starts). */
export function withDiagnosticScope<T>(scope: DiagnosticScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The scope of the current call, for work that reports later from a shared timer (the logger watch). */
export function currentDiagnosticScope(): DiagnosticScope | undefined {
  return scopes.getStore();
}

/** A URL as a log shows it: origin and path, and of the query only the parameter names (values may be names). */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const keys = [...new Set(parsed.searchParams.keys())].map((key) => `${key}=…`);
    return `${parsed.origin}${parsed.pathname}${keys.length > 0 ? `?${keys.join("&")}` : ""}`;
  } catch {
    return "(unparsable URL)";
  }
}

/** The line for an event, redacted (a registered credential never reaches a log). */
export function describeDiagnostic(event: DiagnosticEvent): string {
  if (event.kind === "http") {
    const outcome = typeof event.outcome === "number" ? `HTTP ${event.outcome}` : event.outcome;
    const retry = event.retryInMs === undefined ? "" : `; retrying in ${duration(event.retryInMs)}`;
    return redact(
      `${event.method} ${shownUrl(event.url)}: ${outcome} in ${duration(event.durationMs)} (attempt ${event.attempt})${retry}`,
    );
  }
  return redact(
    `waiting for ${event.subject}: ${JSON.stringify(event.status.slice(0, 32))} after ${duration(event.waitedMs)}; next poll in ${duration(Math.max(0, event.nextPollMs))}`,
  );
}

const stderrSink: DiagnosticSink = (line) => {
  process.stderr.write(`[pulumi-flowlog] ${line}\n`);
};

/** Reports an event to the installed sink; `scope` defaults to the current call's. Never throws. */
export function emitDiagnostic(event: DiagnosticEvent, scope = scopes.getStore()): void {
  const sink = installed ?? (process.env.PULUMI_FLOWLOG_DEBUG === "1" ? stderrSink : undefined);
  if (!sink) return;
  try {
    sink(describeDiagnostic(event), event, scope);
  } catch {
    // A log that cannot be written must not fail the operation it describes.
  }
}
