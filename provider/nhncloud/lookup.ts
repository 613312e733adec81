import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { failuresOf, UUID_PATTERN } from "../common/check";
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

export const uuidArg = z.string({ error: "must be a UUID" }).regex(UUID_PATTERN, { error: "must be a UUID" });

/** Validates a data function's arguments before any API call; a bad one fails naming the field. */
export function parseArgs<S extends z.ZodObject>(fn: string, schema: S, args: unknown): z.output<S> {
  const input = args ?? {};
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = failuresOf(parsed.error.issues, input, fn, Object.keys(schema.shape));
  throw new FlowLogError(ErrorCodes.input, `${fn}: ${problems.map((p) => p.reason).join("; ")}`, {
    operation: fn,
  });
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
