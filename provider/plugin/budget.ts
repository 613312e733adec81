import { AsyncLocalStorage } from "node:async_hooks";
import type { ConfigLookup } from "../common/settings";
import { CREATE_TIMEOUT } from "../nhncloud/config";

/**
 * A create's `customTimeouts.create` (CreateRequest.timeout). The core bounds a create by the setting
 * `createTimeout`; within a create that has its own bound, the lookup answers that bound instead, so the core
 * runs unchanged under the engine's timeout.
 */
const budgets = new AsyncLocalStorage<number>();

/** Runs `work` with the create budget `timeoutMs` (at least 1 s, the setting's own floor), if given. */
export function withCreateBudget<T>(timeoutMs: number | undefined, work: () => Promise<T>): Promise<T> {
  return timeoutMs === undefined ? work() : budgets.run(Math.max(1000, Math.round(timeoutMs)), work);
}

/** `lookup`, with `createTimeout` taken from the request's budget where one is in force. */
export function budgetedLookup(lookup: ConfigLookup): ConfigLookup {
  return (key) => {
    const budget = budgets.getStore();
    return key === CREATE_TIMEOUT.config && budget !== undefined ? `${budget}ms` : lookup(key);
  };
}
