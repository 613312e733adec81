import { z } from "zod";
import { json, type Reply } from "./http";
import type { ApiKind } from "./types";

const KINDS_TEXT = '429, 500, 502, 503, 504 or "drop"';
const RATE_TEXT = "must be a number from 0 to 1";

export const FaultKind = z.union(
  [z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal("drop")],
  { error: (issue) => `must be one of ${KINDS_TEXT}, got ${JSON.stringify(issue.input)}` },
);
export type FaultKind = z.infer<typeof FaultKind>;

/**
 * Which API calls fail, and how. By default a faulted request is never processed (no side effect), as a
 * gateway refusing it would; `after: true` processes it first and then loses the answer ("drop") or
 * replaces it with the status, as a gateway timing out on a backend that did the work. `times: n` injects
 * n faults and then the plan is spent (cleared), so a test needs no timer to turn faults off.
 */
export const FaultPlan = z.strictObject({
  /** Probability (0..1) that a matching request fails. */
  rate: z.number({ error: RATE_TEXT }).min(0, { error: RATE_TEXT }).max(1, { error: RATE_TEXT }),
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
  times: z
    .number({ error: "must be an integer of at least 1" })
    .int({ error: "must be an integer of at least 1" })
    .min(1, { error: "must be an integer of at least 1" })
    .optional(),
});
export type FaultPlan = z.infer<typeof FaultPlan>;

export const FAULT_PLAN_EXAMPLE = '{"rate":1,"kinds":[503],"retryAfterSeconds":1}';
/** The options beyond the example, for the CLI's banner. */
export const FAULT_PLAN_OPTIONS =
  '"after":true processes the call, then drops or replaces its answer; "times":n stops after n faults';

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

const TITLES: Record<number, string> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

// NCloud's API gateway error codes for the same statuses.
const NCLOUD_GATEWAY_CODES: Record<number, [string, string]> = {
  429: ["420", "Rate Limited"],
  500: ["900", "Unexpected Error"],
  502: ["500", "Endpoint Error"],
  503: ["500", "Endpoint Error"],
  504: ["510", "Endpoint Timeout"],
};

// A load balancer in front of the network API answers 502/503/504 with HTML, not JSON.
const nhnBody = (status: number): Reply =>
  status === 500
    ? json(status, {
        NeutronError: {
          type: "HTTPInternalServerError",
          message: "Request Failed: internal server error while processing your request.",
          detail: "",
        },
      })
    : status === 429
      ? json(status, { error: { code: 429, title: TITLES[429], message: "Rate limit exceeded." } })
      : {
          kind: "text",
          status,
          contentType: "text/html",
          body: `<html><body><h1>${status} ${TITLES[status]}</h1></body></html>`,
        };

const FAULT_BODIES: Record<Exclude<ApiKind, "control">, (status: number) => Reply> = {
  nhn: nhnBody,
  identity: (status) =>
    json(status, { error: { message: TITLES[status], code: status, title: TITLES[status] } }),
  ncloud: (status) => {
    const [errorCode, message] = NCLOUD_GATEWAY_CODES[status];
    return json(status, { error: { errorCode, message, details: "Injected by the emulator." } });
  },
};

/** The answer an API gives when it refuses a call with `status`; 429 and 503 carry Retry-After. */
export function faultReply(api: Exclude<ApiKind, "control">, status: number, retryAfterSeconds = 1): Reply {
  const reply = FAULT_BODIES[api](status);
  if ((status === 429 || status === 503) && (reply.kind === "json" || reply.kind === "text")) {
    reply.headers = { ...reply.headers, "retry-after": String(retryAfterSeconds) };
  }
  return reply;
}

export interface PickedFault {
  /** As logged: "503", "drop", "502-after", "drop-after". */
  fault: string;
  reply: Reply;
  /** Process the request first, then answer `reply` instead. */
  after: boolean;
}

/** Decides, per request, whether the current plan injects a fault, and renders it. */
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
    const after = plan.after === true;
    const fault = `${kind}${after ? "-after" : ""}`;
    if (kind === "drop") return { fault, reply: { kind: "drop" }, after };
    return { fault, reply: faultReply(api, kind, plan.retryAfterSeconds), after };
  }

  private matches(plan: FaultPlan, api: ApiKind, method: string, path: string): boolean {
    const prefix = plan.match?.pathPrefix;
    // Identity is only faulted on request, so a plan aimed at the flow log API does not also block login.
    if (api === "identity" && !prefix?.startsWith("/identity")) return false;
    if (plan.match?.method && plan.match.method.toUpperCase() !== method) return false;
    return prefix === undefined || path.startsWith(prefix);
  }
}
