import type { Failure } from "../../common/check";

type Props = Record<string, unknown>;

/** How a property differs, as the engine's detailed diff says it. */
export interface PropertyChange {
  kind: "add" | "delete" | "update";
  /** The change forces a replacement. */
  replace: boolean;
  /** The program's inputs differ (false: only what the provider reports, e.g. a logger in ERROR). */
  input: boolean;
}

export interface KindDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Only the properties the user changed. */
  detailed: Record<string, PropertyChange>;
}

/** Bounds the engine passes with a request (`customTimeouts`), in ms; undefined when none was given. */
export interface Bounds {
  timeoutMs?: number;
}

/** One resource type of the plugin, over the core's provider for it. */
export interface ResourceKind {
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diff(id: string, olds: Props, news: Props): Promise<KindDiff>;
  create(inputs: Props, bounds: Bounds): Promise<{ id: string; outs: Props }>;
  /** `props` empty: an import (`pulumi import` sends the id alone); the inputs then are the program's. */
  read(id: string, props: Props): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props, bounds: Bounds): Promise<Props>;
  delete(id: string, props: Props, bounds: Bounds): Promise<void>;
}

/** `change` for one property, from its old output and new input. */
export function changeOf(old: unknown, next: unknown, replace: boolean, input = true): PropertyChange {
  const kind = old === undefined ? "add" : next === undefined ? "delete" : "update";
  return { kind, replace, input };
}
