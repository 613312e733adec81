import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { describeFailure, failuresOf } from "../../common/check";
import { ErrorCodes, FlowLogError } from "../../common/errors";
import { type ConfigLookup, programConfigLookup } from "../../common/settings";
import { type NhnClient, nhnClientFor } from "../api/client";
import { resolveNhnSettings } from "../config";
import type { LookupOptions, LookupOutputOptions } from "./types";

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

let hostLookup: ConfigLookup | undefined;

/** Settings for the data functions from a host's own configuration (the provider plugin's), not the program's. */
export function useSettingsLookup(lookup: ConfigLookup | undefined): void {
  hostLookup = lookup;
}

/**
 * Data functions run in the user's program, not in the provider host: settings come from the program's
 * own stack config (`nhncloud:*`) and environment, and the client (tokens, connections) is shared. Of
 * Pulumi's invoke options only `region` applies: the functions call the API themselves, not a provider.
 */
export function lookupClient(opts?: LookupOptions): NhnClient {
  const lookup = hostLookup ?? programConfigLookup((namespace) => new pulumi.Config(namespace));
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

/**
 * A list that could not be proven whole (cut short with no next-page link, and no page after its end to
 * ask for): returning it would pass a partial answer off as the whole.
 */
export function partialList(fn: string, region: string, shown: number): FlowLogError {
  return new FlowLogError(
    ErrorCodes.state,
    `${fn}: the API's answer in ${region} may be partial: it showed ${shown} and gave no link to a next page, ` +
      "and a page after its end could not be asked for, so it cannot be proven whole. Narrow the filters so " +
      "that fewer match.",
    { operation: fn },
  );
}
