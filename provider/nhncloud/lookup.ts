import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ErrorCodes, FlowLogError } from "../common/errors";
import { programConfigLookup } from "../common/settings";
import { type NhnClient, nhnClientFor } from "./client";
import { resolveNhnSettings } from "./config";

/** The optional last argument of every data function. */
export interface LookupOptions {
  /** Region to query (`KR1`, `KR2`, `KR3` …). Default: stack config `nhncloud:region` or `OS_REGION_NAME`. */
  region?: string;
}

/** The same, for the `…Output` forms: the region may come from another resource. */
export interface LookupOutputOptions {
  region?: pulumi.Input<string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuidArg = z.string({ error: "must be a UUID" }).regex(UUID, { error: "must be a UUID" });

/** Validates a data function's arguments before any API call; a bad one fails naming the field. */
export function parseArgs<S extends z.ZodType>(fn: string, schema: S, args: unknown): z.output<S> {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") return `${issue.keys.join(", ")}: not an argument of ${fn}`;
    const field = issue.path.map(String).join(".") || "(args)";
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)?.[key], args);
    return `${field} ${issue.message}${value === undefined ? "" : ` (got ${JSON.stringify(value)})`}`;
  });
  throw new FlowLogError(ErrorCodes.input, `${fn}: ${problems.join("; ")}`, { operation: fn });
}

/**
 * Data functions run in the user's program, not in the provider host: settings come from the program's
 * own stack config (`nhncloud:*`) and environment, and the client (tokens, connections) is shared.
 */
export function lookupClient(opts?: LookupOptions): NhnClient {
  const lookup = programConfigLookup((namespace) => new pulumi.Config(namespace));
  return nhnClientFor(resolveNhnSettings(lookup, process.env, opts?.region));
}

/** Arguments of an `…Output` form: each may be an Output of another resource. */
export type InputsOf<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/** The `…Output` form of a data function: unknown arguments (preview) leave the result unknown, no call made. */
export function outputOf<A extends object, R>(
  fn: (args: A, opts?: LookupOptions) => Promise<R>,
  args: InputsOf<A> | undefined,
  opts?: LookupOutputOptions,
): pulumi.Output<R> {
  return pulumi
    .all([pulumi.output(args ?? {}), pulumi.output(opts?.region)])
    .apply(([known, region]) => fn(known as A, region === undefined ? {} : { region }));
}
