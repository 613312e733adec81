/** The public types of the kit's provider-plugin half (`startEngine`, `startPlugin`): plain interfaces. */

/** A property bag as the engine sends and receives it (a protobuf Struct, as plain JSON). */
export type PropertyMap = Record<string, unknown>;

/** One `Log` call the plugin made to the engine. */
export interface EngineLogEntry {
  /** The engine's severity. `debug` lines show with `pulumi up -v=9 --logtostderr` or `--debug`. */
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  /** The resource the line is about; empty when none. */
  urn: string;
  /** A status-line message (progress), not kept in the update's log. */
  ephemeral: boolean;
}

/** A stand-in for the Pulumi engine's gRPC `Engine` service: it records every `Log` call. */
export interface TestEngine {
  /** `127.0.0.1:PORT`: what the engine passes a plugin as its first argument. */
  readonly address: string;
  /** Every `Log` call so far, in order of arrival. */
  readonly logs: EngineLogEntry[];
  close(): Promise<void>;
}

/** Options of `startPlugin`. */
export interface StartPluginOptions {
  /** The engine the plugin reports to; default a stand-in started for it (and closed with it). */
  engine?: TestEngine;
  /**
   * The executable to start with the engine's address as its only argument, e.g. a project's
   * `node_modules/.bin/pulumi-resource-flowlog`; default this package's own bin, run with this Node.js.
   */
  command?: string;
  /**
   * The plugin's environment: default this process's without the variables the providers read (`OS_*`,
   * `NHN_*`, `NCLOUD_*`, `PULUMI_FLOWLOG_DEBUG`), so that only `configure` aims it. Entries here are added on top
   * (`undefined` removes one).
   */
  env?: Record<string, string | undefined>;
}

/** What `check` and `checkConfig` answer. */
export interface CheckResult {
  /** The checked inputs: defaults filled, secrets still marked (see `secret`). */
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}

/** How a property changes, as the engine's detailed diff names it. */
export type PropertyDiffKind =
  | "add"
  | "add-replace"
  | "delete"
  | "delete-replace"
  | "update"
  | "update-replace";

/** What `diff` and `diffConfig` answer. */
export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** The properties that change (the detailed diff's keys). */
  diffs: string[];
  /** Per property: how it changes, and whether the program's inputs changed it. */
  detailedDiff: Record<string, { kind: PropertyDiffKind; inputDiff: boolean }>;
  hasDetailedDiff: boolean;
}

/** What `configure` answers. */
export interface ConfigureResult {
  acceptSecrets: boolean;
  supportsPreview: boolean;
}

/** What `read` answers; an empty `id` means the resource is gone. */
export interface ReadResult {
  id: string;
  properties: PropertyMap;
  /** The inputs a program needs for this state (what `pulumi import` writes, and refresh keeps). */
  inputs?: PropertyMap;
}

/** The engine's per-request bound (a resource's `customTimeouts`), in seconds. */
export interface TimeoutOptions {
  timeout?: number;
}

/** The built `pulumi-resource-flowlog`, started as the engine starts it, with a typed client. */
export interface TestPlugin {
  /** The gRPC port the plugin printed on stdout. */
  readonly port: number;
  /** What the plugin wrote to stderr so far. */
  readonly stderr: string;
  /** The engine it reports to. */
  readonly engine: TestEngine;
  /** The `Log` calls the plugin made so far. */
  logs(): EngineLogEntry[];
  getPluginInfo(): Promise<{ version: string }>;
  /** The package schema, parsed. */
  getSchema(): Promise<PropertyMap>;
  /** `news` as the engine sends provider inputs, e.g. `{ nhncloud: JSON.stringify({...}) }` or objects. */
  checkConfig(news: PropertyMap, olds?: PropertyMap): Promise<CheckResult>;
  diffConfig(olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  /** Sends the configuration (secrets marked with `secret(...)`, as the engine sends them). */
  configure(args: PropertyMap): Promise<ConfigureResult>;
  check(urn: string, news: PropertyMap, olds?: PropertyMap): Promise<CheckResult>;
  /** `olds` are the resource's outputs (state), `news` its checked inputs. */
  diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  create(
    urn: string,
    properties: PropertyMap,
    options?: TimeoutOptions,
  ): Promise<{ id: string; properties: PropertyMap }>;
  /** With `properties` empty, an import (what `pulumi import` sends). */
  read(urn: string, id: string, properties?: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    options?: TimeoutOptions,
  ): Promise<PropertyMap>;
  delete(urn: string, id: string, properties: PropertyMap, options?: TimeoutOptions): Promise<void>;
  /** A function (`flowlog:nhncloud:getLoggingPorts` …); the region, if any, is an argument. */
  invoke(token: string, args?: PropertyMap): Promise<PropertyMap>;
  /** Ends the plugin (and the stand-in engine it started). */
  close(): Promise<void>;
}
