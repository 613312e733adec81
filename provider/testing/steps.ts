import type { CheckResult } from "./host";
import { typeOfUrn } from "./program";
import type { Json } from "./sdk";
import type { Op, Step } from "./types";

export type { Op, Step } from "./types";

export interface StateEntry {
  urn: string;
  id: string;
  inputs: Json;
  outputs: Json;
  /** Set when create/update failed after the resource existed (the engine's "init errors"). */
  initErrors?: string[];
  /** Read with `Resource.get`: not managed, never deleted. */
  external?: boolean;
  /** Not a dynamic resource: kept as the SDK's mocks do (id = name, outputs = inputs); no provider runs. */
  simulated?: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
}

export interface Failure {
  urn: string;
  error: Error;
  /** The step that failed, once known (a refresh's reads have none). */
  op?: Op;
}
export interface RunResult {
  steps: Step[];
  failures: Failure[];
  notes: string[];
}

export class CheckFailedError extends Error {
  constructor(readonly failures: CheckResult["failures"]) {
    super(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}

export const isDynamic = (type: string): boolean => type.startsWith("pulumi-nodejs:dynamic/");

/** Keys whose values differ, as the engine displays a diff when the provider names none. */
export function changedKeys(olds: Json, news: Json): string[] {
  return [...new Set([...Object.keys(olds), ...Object.keys(news)])]
    .filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]))
    .sort();
}

/** Runs at most `limit` of the calls at once, in the order they came: the engine's --parallel. */
export function limiter(limit: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((go) => queue.push(go));
    running++;
    try {
      return await work();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

/** Runs `work` over `items`, at most `limit` at a time; all settle before a failure is raised. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const run = limiter(limit);
  const errors: unknown[] = [];
  await Promise.all(items.map((item) => run(() => work(item)).catch((error: unknown) => errors.push(error))));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} operations failed`);
}

export const protectedError = (urn: string, what: string) =>
  new Error(
    `unable to ${what} resource "${urn}" as it is currently marked for protection: remove \`protect\` from the resource in the program and run up first`,
  );

export const stepOf = (op: Op, urn: string, diffs: string[] = []): Step => ({
  op,
  urn,
  type: typeOfUrn(urn),
  diffs,
});
