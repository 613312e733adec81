import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeFailure, failuresOf, UUID_PATTERN } from "../../common/check";
import { ErrorCodes, FlowLogError } from "../../common/errors";
import { programConfigLookup } from "../../common/settings";
import { type NhnClient, nhnClientFor } from "../api/client";
import { resolveNhnSettings } from "../config";
import type { LookupOptions, LookupOutputOptions } from "./types";

export const uuidArg = z.string({ error: "must be a UUID" }).regex(UUID_PATTERN, { error: "must be a UUID" });

/** Validates a data function's arguments before any API call; a bad one fails naming the field. */
export function parseArgs<S extends z.ZodObject>(fn: string, schema: S, args: unknown): z.output<S> {
  const input = args ?? {};
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = failuresOf(parsed.error.issues, input, fn, Object.keys(schema.shape));
  throw new FlowLogError(ErrorCodes.input, `${fn}: ${problems.map(describeFailure).join("; ")}`, {
    operation: fn,
  });
}

/**
 * Data functions run in the user's program, not in the provider host: settings come from the program's
 * own stack config (`nhncloud:*`) and environment, and the client (tokens, connections) is shared. Of
 * Pulumi's invoke options only `region` applies: the functions call the API themselves, not a provider.
 */
export function lookupClient(opts?: LookupOptions): NhnClient {
  const lookup = programConfigLookup((namespace) => new pulumi.Config(namespace));
  return nhnClientFor(resolveNhnSettings(lookup, process.env, opts?.region));
}

/** The `…Output` form of a data function: unknown arguments (preview) leave the result unknown, no call made. */
export function outputOf<A extends object, R>(
  fn: (args: A, opts?: LookupOptions) => Promise<R>,
  args: object | undefined,
  opts?: LookupOutputOptions,
): pulumi.Output<R> {
  return pulumi
    .all([pulumi.output(args ?? {}), pulumi.output(opts?.region)])
    .apply(([known, region]) => fn(known as A, region === undefined ? {} : { region }));
}
