import { z } from "zod";
import type { ApiKind } from "./types";

export const FAULT_KINDS = [429, 500, 502, 503, 504, "drop", "trickle", "echo", "echo-json"] as const;

const KINDS_TEXT = `${FAULT_KINDS.slice(0, -1)
  .map((kind) => JSON.stringify(kind))
  .join(", ")} or ${JSON.stringify(FAULT_KINDS.at(-1))}`;
const RATE_TEXT = "must be a number from 0 to 1";
const integerFrom = (min: number) => {
  const error = `must be an integer of at least ${min}`;
  return z.number({ error }).int({ error }).min(min, { error });
};

export const FaultKind = z.literal(FAULT_KINDS, {
  error: (issue) => `must be one of ${KINDS_TEXT}, got ${JSON.stringify(issue.input)}`,
});
export type FaultKind = z.infer<typeof FaultKind>;

/**
 * Which API calls fail, and how. By default a faulted request is never processed (no side effect), as a
 * gateway refusing it would; `after: true` processes it first and then loses the answer ("drop") or
 * replaces it, as a gateway timing out on a backend that did the work. `times: n` injects n faults and
 * then the plan is spent (cleared), so a test needs no timer to turn faults off.
 */
export const FaultPlan = z
  .strictObject({
    /** Probability (0..1) that a matching request fails. */
    rate: z.number({ error: RATE_TEXT }).min(0, { error: RATE_TEXT }).max(1, { error: RATE_TEXT }),
    /**
     * A status refuses the call; "drop" closes the connection; "trickle" processes the call and sends its
     * body one byte per trickleIntervalMs; "echo" (an HTML page) and "echo-json" (a JSON error in the
     * errorBody reading's shape) answer 500 repeating the request body and X-Auth-Token, as a broken server.
     */
    kinds: z.array(FaultKind, { error: `must be a list of ${KINDS_TEXT}` }).min(1, {
      error: `must list at least one of ${KINDS_TEXT}`,
    }),
    /** Sent as Retry-After on 429 and 503; default 1. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    match: z.strictObject({ method: z.string().optional(), pathPrefix: z.string().optional() }).optional(),
    /** Makes the sequence of faults reproducible. */
    seed: z.number().int().optional(),
    /** Process the request (side effects happen), then drop or replace its answer; logged as e.g. "502-after". */
    after: z.boolean({ error: "must be true or false" }).optional(),
    /** Inject this many faults, then the plan is spent; default: until cleared. */
    times: integerFrom(1).optional(),
    /**
     * With `after`: a slow backend. The injected answer goes out at once and the request is processed this
     * much later; logged as e.g. "502-after-late", the entry gaining lateStatus and lateAt once processed.
     */
    delayMs: integerFrom(0).optional(),
    /** The pace of "trickle": one body byte per this many ms; default 1000. */
    trickleIntervalMs: integerFrom(1).optional(),
  })
  .superRefine((plan, ctx) => {
    if (plan.delayMs !== undefined && plan.after !== true) {
      const message = 'needs "after": true (the answer goes out at once, the processing delayMs later)';
      ctx.addIssue({ code: "custom", path: ["delayMs"], message });
    }
    if (plan.trickleIntervalMs !== undefined && !plan.kinds.includes("trickle")) {
      const message = 'paces the "trickle" kind only; add "trickle" to kinds';
      ctx.addIssue({ code: "custom", path: ["trickleIntervalMs"], message });
    }
  });
export type FaultPlan = z.infer<typeof FaultPlan>;

export const FAULT_PLAN_EXAMPLE = '{"rate":1,"kinds":[503],"retryAfterSeconds":1}';
/** The kinds and options beyond the example, for the CLI's banner. */
export const FAULT_PLAN_OPTIONS =
  'kinds 429 500 502 503 504 "drop" "trickle" "echo" "echo-json"; "after":true processes the call, then drops or replaces its answer, "delayMs":n n ms after answering; "times":n stops after n faults; "trickleIntervalMs":n paces "trickle"';

/** The fault plan's part of --help. */
export const FAULT_PLAN_HELP = [
  `Fault plans (POST /_emulator/faults, e.g. ${FAULT_PLAN_EXAMPLE}; {} clears):`,
  `  kinds                  429 500 502 503 504 refuse the call with that status; "drop" closes the connection;`,
  `                         "trickle" answers normally, the body one byte every trickleIntervalMs (default 1000);`,
  `                         "echo" answers 500 with an HTML page repeating the request body and X-Auth-Token;`,
  `                         "echo-json" answers 500 with a JSON error (errorBody's shape) doing the same`,
  `  "after":true           process the call, then drop or replace its answer`,
  `  "delayMs":n            with "after": answer at once, process the call n ms later (a slow backend)`,
  `  "times":n              inject n faults, then the plan clears itself`,
  `  "match":{…}            "method" and "pathPrefix"; identity is faulted only with a pathPrefix of /identity`,
  `  "rate":0..1, "seed":n  how often, reproducibly; "retryAfterSeconds":n on 429 and 503 (default 1)`,
];

/** A refused plan for a curl user: each field with what is wrong, then a plan that works. */
export function describeFaultPlanError(error: z.ZodError): string {
  const problems = error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const allowed = Object.keys(FaultPlan.shape).join(", ");
      return `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(", ")} (fields: ${allowed})`;
    }
    const field = issue.path
      .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
      .join("");
    return `${field.replace(/^\./, "") || "the plan"}: ${issue.message}`;
  });
  return `invalid fault plan: ${problems.join("; ")}. Example: ${FAULT_PLAN_EXAMPLE}; {} clears the plan`;
}

// mulberry32: tiny, deterministic, good enough to pick faults.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PickedFault {
  kind: FaultKind;
  /** As logged: "503", "drop", "502-after", "drop-after-late", "trickle", "echo", … */
  fault: string;
  /** Process the request first (after `delayMs`, when above 0), then answer the fault instead. */
  after: boolean;
  delayMs: number;
  retryAfterSeconds: number;
  trickleIntervalMs: number;
}

/** Decides, per request, whether the current plan injects a fault. */
export class FaultInjector {
  private plan: FaultPlan | undefined;
  private random: () => number = Math.random;
  private left = Number.POSITIVE_INFINITY;

  set(plan: FaultPlan | undefined): void {
    this.plan = plan === undefined ? undefined : FaultPlan.parse(plan);
    this.random = plan?.seed === undefined ? Math.random : prng(plan.seed);
    this.left = plan?.times ?? Number.POSITIVE_INFINITY;
  }

  /** The fault to inject for this request, or undefined to process it normally. */
  pick(api: ApiKind, method: string, path: string): PickedFault | undefined {
    const plan = this.plan;
    if (!plan || api === "control" || !this.matches(plan, api, method, path)) return undefined;
    if (this.random() >= plan.rate) return undefined;
    const kind = plan.kinds[Math.floor(this.random() * plan.kinds.length)];
    this.left -= 1;
    if (this.left <= 0) this.plan = undefined;
    // A trickle is the processed answer sent slowly: there is nothing to do after, nor late.
    const after = plan.after === true && kind !== "trickle";
    const delayMs = after ? (plan.delayMs ?? 0) : 0;
    return {
      kind,
      fault: `${kind}${after ? "-after" : ""}${delayMs > 0 ? "-late" : ""}`,
      after,
      delayMs,
      retryAfterSeconds: plan.retryAfterSeconds ?? 1,
      trickleIntervalMs: plan.trickleIntervalMs ?? 1000,
    };
  }

  private matches(plan: FaultPlan, api: ApiKind, method: string, path: string): boolean {
    const prefix = plan.match?.pathPrefix;
    // Identity is only faulted on request, so a plan aimed at the flow log API does not also block login.
    if (api === "identity" && !prefix?.startsWith("/identity")) return false;
    if (plan.match?.method && plan.match.method.toUpperCase() !== method) return false;
    return prefix === undefined || path.startsWith(prefix);
  }
}
