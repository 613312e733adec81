import { currentDiagnosticScope, type DiagnosticScope, emitDiagnostic } from "../../common/diagnostics";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf, partialFailure } from "../../common/errors";
import { isTransient } from "../../common/http";
import { pollUntil } from "../../common/poll";
import { backoffDelay, DEFAULT_RETRY } from "../../common/retry";
import { duration } from "../../common/time";
import { TIMING } from "../../common/timing";
import { type NhnClient, perClient } from "../api/client";
import type { ApiLogger } from "../api/model";
import { fetchLoggers, type Outcome } from "../batch/ids";
import { ActivationModel } from "./activation";
import { type EngineInputs, keptState, type LoggerOutputs, type LoggerState, toOutputs } from "./state";

/**
 * Waiting for a logger: until it settles (ACTIVE, INACTIVE when disabled, or ERROR) with polls shared by
 * every logger waiting in the region (LoggerWatch), and until a deleted one is gone.
 */

/** The status a logger settles in: ACTIVE when enabled, INACTIVE when not. */
export const settledStatus = (adminStateUp: boolean): string => (adminStateUp ? "ACTIVE" : "INACTIVE");

/** What waiting makes of a status: done, failed (ERROR, the caller keeps the logger), or keep waiting. */
export function classify(status: string, adminStateUp: boolean): "settled" | "error" | "waiting" {
  if (status === settledStatus(adminStateUp)) return "settled";
  // BUILD, PENDING_*, the other of ACTIVE/INACTIVE for a moment, or a status the document does not list:
  // none of them is success.
  return status === "ERROR" ? "error" : "waiting";
}

const KNOWN = new Set(["BUILD", "ACTIVE", "INACTIVE", "ERROR"]);

export function stillWaiting(logger: ApiLogger, adminStateUp: boolean, waitedMs: number): FlowLogError {
  const status = JSON.stringify(logger.status.slice(0, 32));
  const what = KNOWN.has(logger.status)
    ? `is still ${status}, not ${settledStatus(adminStateUp)},`
    : `reports status ${status}, which the API document does not list (BUILD, ACTIVE, INACTIVE, ERROR), and not ${settledStatus(adminStateUp)}`;
  return new FlowLogError(
    ErrorCodes.timeout,
    `flow log logger ${logger.id} ${what} after ${duration(waitedMs < 1000 ? waitedMs : Math.round(waitedMs / 1000) * 1000)}; check it in the NHN Cloud console, then run \`pulumi up\` again`,
    { operation: `wait for flow log logger ${logger.id}` },
  );
}

/** Plain words for the API's error types (Flow Log API v2, "Error type"). */
export const ERROR_TYPE_HELP: Readonly<Record<string, string>> = {
  OBSConfigurationError:
    "Object Storage refused the flow log's test write (HTTP 403). Check that the container in storageUrl exists " +
    "and that its access policy grants Write to the flow log system account.",
  OBSServiceNotAvailableError:
    "Object Storage answered the flow log's test write with an error: the service is not working. " +
    "Retry later or contact the NHN Cloud Customer Center.",
  AuthenticationSystemError:
    "the flow log system account could not get a token from NHN Cloud's identity service. This is on NHN " +
    "Cloud's side: contact the Customer Center.",
};

export function explainError(logger: ApiLogger): string {
  const type = logger.error_type || "unknown error";
  const help = Object.hasOwn(ERROR_TYPE_HELP, type)
    ? ERROR_TYPE_HELP[type]
    : "The API gave no further detail; see the logger in the NHN Cloud console.";
  return `flow log logger "${logger.name}" (${logger.id}) is in ERROR (${type.slice(0, 64)}): ${help}`;
}

interface Watched {
  logger: ApiLogger;
  adminStateUp: boolean;
  /** When the answer that left it waiting arrived (epoch ms). */
  start: number;
  deadline: number;
  /** Ms after `start` of the last poll that still saw it waiting. */
  waitingMs: number;
  /** Polls made at its own due time so far. */
  duePolls: number;
  dueAt: number;
  resolve(logger: ApiLogger): void;
  reject(error: unknown): void;
  /** Whose wait it is, for diagnostics: polls run from a shared timer, outside the caller's scope. */
  scope?: DiagnosticScope;
}

/**
 * Waits for loggers to settle, sharing polls: every tick answers every logger waiting in this region with
 * one list call (per-id GETs only where the API's reading of repeated filters leaves no cheaper way; see
 * LoggerLister), at the times the activation model expects them to settle.
 */
export class LoggerWatch {
  private readonly watched = new Map<string, Watched>();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  /** Ticks in a row that failed. */
  private failures = 0;

  constructor(
    private readonly client: NhnClient,
    private readonly model = new ActivationModel(),
  ) {}

  /**
   * Resolves with the logger once it is ACTIVE (INACTIVE when disabled) or ERROR; rejects at the deadline.
   * `fresh`: read it at least once even if `logger` is settled already (a create's answer may not show every
   * field a read shows, and state must be what refresh will see).
   */
  until(logger: ApiLogger, adminStateUp: boolean, deadline: number, fresh = false): Promise<ApiLogger> {
    const settled = classify(logger.status, adminStateUp) !== "waiting";
    if (settled && !fresh) return Promise.resolve(logger);
    return new Promise((resolve, reject) => {
      const start = Date.now();
      const entry: Watched = {
        logger,
        adminStateUp,
        start,
        deadline,
        waitingMs: 0,
        duePolls: 0,
        dueAt: start,
        resolve,
        reject,
        scope: currentDiagnosticScope(),
      };
      if (!settled) entry.dueAt = this.nextDue(entry, start);
      this.watched.set(logger.id, entry);
      this.schedule();
    });
  }

  private nextDue(entry: Watched, now: number): number {
    const approach = this.model.approach();
    if (entry.duePolls < approach.length) return Math.max(now, entry.start + approach[entry.duePolls]);
    return now + this.model.backoff(entry.duePolls - approach.length);
  }

  private schedule(): void {
    if (this.ticking || this.watched.size === 0) return;
    clearTimeout(this.timer);
    const at = Math.min(...[...this.watched.values()].map((entry) => Math.min(entry.dueAt, entry.deadline)));
    this.timer = setTimeout(() => this.tick(), Math.max(0, at - Date.now()));
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    this.timer = undefined;
    const now = Date.now();
    // Loggers due within a few percent of now count as due: their polls coalesce into this one.
    const window = Math.max(25, 0.03 * this.model.expectedMs);
    const due = new Set([...this.watched].filter(([, e]) => e.dueAt <= now + window).map(([id]) => id));
    const ids = [...this.watched.keys()];
    try {
      await fetchLoggers(
        this.client,
        ids,
        "poll",
        (id, outcome) => this.answer(id, outcome, due.has(id)),
        (id) => due.has(id),
      );
      this.failures = 0;
    } catch (error) {
      // A poll that found the API unreachable or busy is tried again, within each logger's deadline.
      this.failures++;
      const retryAt = Date.now() + backoffDelay(DEFAULT_RETRY, this.failures);
      for (const id of ids) {
        const entry = this.watched.get(id);
        if (!entry) continue;
        if (!isTransient(error) || retryAt >= entry.deadline) this.finish(id, { error });
        else entry.dueAt = Math.max(entry.dueAt, retryAt);
      }
    }
    this.ticking = false;
    this.schedule();
  }

  private answer(id: string, outcome: Outcome, wasDue: boolean): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    const at = Date.now();
    const logger = outcome.logger;
    if (
      outcome.error !== undefined &&
      isTransient(outcome.error) &&
      at + 2 * DEFAULT_RETRY.baseDelayMs < entry.deadline
    ) {
      // This logger's own read failed for now: it is read again once the backoff's base has passed.
      entry.dueAt = Math.max(entry.dueAt, at + DEFAULT_RETRY.baseDelayMs);
    } else if (outcome.error !== undefined || !logger) {
      this.finish(id, { error: outcome.error ?? disappeared(entry) });
    } else if (classify(logger.status, entry.adminStateUp) !== "waiting") {
      if (classify(entry.logger.status, entry.adminStateUp) === "waiting")
        this.model.observe(entry.waitingMs, at - entry.start);
      this.finish(id, { logger });
    } else if (at >= entry.deadline) {
      this.finish(id, { error: stillWaiting(logger, entry.adminStateUp, at - entry.start) });
    } else {
      entry.logger = logger;
      entry.waitingMs = at - entry.start;
      if (wasDue) {
        entry.duePolls++;
        entry.dueAt = this.nextDue(entry, at);
      }
      const wait = { subject: `flow log logger ${id}`, status: logger.status, waitedMs: entry.waitingMs };
      emitDiagnostic({ kind: "wait", ...wait, nextPollMs: entry.dueAt - at }, entry.scope);
    }
  }

  private finish(id: string, outcome: Outcome): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    this.watched.delete(id);
    if (outcome.error !== undefined) entry.reject(outcome.error);
    else entry.resolve(outcome.logger as ApiLogger);
  }
}

function disappeared(entry: Watched): FlowLogError {
  const { id, status } = entry.logger;
  return new FlowLogError(
    ErrorCodes.notFound,
    `flow log logger ${id} disappeared while it was ${JSON.stringify(status.slice(0, 32))}`,
    { operation: `wait for flow log logger ${id}` },
  );
}

export const watchFor: (client: NhnClient) => LoggerWatch = perClient((client) => new LoggerWatch(client));

/** How long an update or delete waits for the API to apply it. */
export const WAIT_TIMEOUT_MS = 10 * 60_000;

/**
 * Waits until the logger is ACTIVE (INACTIVE when disabled) or ERROR, which is returned, not thrown, so the
 * caller can keep it. Polls are shared with every other logger waiting in the region (see LoggerWatch).
 */
export function waitUntilSettled(
  client: NhnClient,
  logger: ApiLogger,
  adminStateUp: boolean,
  deadline = Date.now() + WAIT_TIMEOUT_MS,
  fresh = false,
): Promise<ApiLogger> {
  return watchFor(client).until(logger, adminStateUp, deadline, fresh);
}

/**
 * Waits for a logger this operation made, took over or changed to settle, and returns its outputs. A
 * failure now is partial: the logger exists, and the engine records it with the state it has (keptState);
 * the error keeps its own code, with the original as its cause. `bound` names what bounds the wait, for a
 * timeout's message.
 */
export async function settle(
  nhn: NhnClient,
  logger: ApiLogger,
  state: LoggerState,
  inputs: EngineInputs,
  deadline: number,
  fresh = false,
  bound = "the create budget, nhncloud:createTimeout",
): Promise<LoggerOutputs> {
  let settled: ApiLogger;
  try {
    settled = await waitUntilSettled(nhn, logger, inputs.adminStateUp, deadline, fresh);
  } catch (error) {
    const code = isFlowLogError(error) ? error.code : ErrorCodes.network;
    const within = code === ErrorCodes.timeout ? ` (the wait is bounded by ${bound})` : "";
    const message = `${messageOf(error)}${within}. The logger exists and is kept in the stack: run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
    const operation = `wait for flow log logger ${logger.id}`;
    const failure = new FlowLogError(code, message, { operation, cause: error });
    throw partialFailure(failure, logger.id, keptState(state, logger, inputs));
  }
  if (settled.status === "ERROR") {
    const message = `${explainError(settled)} The logger is kept in the stack: fix the cause and run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
    const operation = `create flow log logger "${settled.name}"`;
    const failure = new FlowLogError(ErrorCodes.state, message, { operation });
    throw partialFailure(failure, settled.id, keptState(state, settled, inputs));
  }
  return toOutputs(settled, state.outputs);
}

/** Polls until the API says the logger is gone (a DELETE may be applied after it is answered). */
export async function waitUntilGone(
  client: NhnClient,
  id: string,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<void> {
  const started = Date.now();
  const gone = await pollUntil(
    async () => ((await client.findLogger(id, `delete flow log logger ${id}`)) ? undefined : true),
    { delaysMs: TIMING.gonePollsMs },
    started + timeoutMs,
    (nextPollMs) =>
      emitDiagnostic({
        kind: "wait",
        subject: `deletion of flow log logger ${id}`,
        status: "still listed",
        waitedMs: Date.now() - started,
        nextPollMs,
      }),
  );
  if (!gone) {
    throw new FlowLogError(
      ErrorCodes.timeout,
      `flow log logger ${id} is still listed ${duration(timeoutMs)} after its DELETE (the wait of a delete); check it in the NHN Cloud console, then run \`pulumi destroy\` again`,
      { operation: `delete flow log logger ${id}` },
    );
  }
}
