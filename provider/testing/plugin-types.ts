/** The public types of the kit's provider-plugin half (`startEngine`, `startPlugin`): plain interfaces. */

/** A property bag as the engine sends and receives it (a protobuf Struct, as plain JSON). */
export type PropertyMap = Record<string, unknown>;

/** One `Log` call the plugin made to the engine. */
export interface EngineLogEntry {
  /** The engine's severity. `debug` lines show with `pulumi up -v=9 --logtostderr` or `--debug`. */
  severity: "debug" | "info" | "warning" | "error";
  /** The line, e.g. `flowlog: POST https://…/v2.0/flowlog-loggers: HTTP 201 in 85 ms (attempt 1)`. */
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
  /** Stops the server. */
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
   * Arguments before the engine's address, e.g. `[".../@pulumi/pulumi/cmd/run-plugin", pluginDir]` with
   * `command: process.execPath` to run a source plugin as the Node.js language host does.
   */
  args?: string[];
  /**
   * The plugin's environment: default this process's without the variables the providers read (`OS_*`,
   * `NHN_*`, `NCLOUD_*`, `PULUMI_FLOWLOG_DEBUG`), so that only `configure` aims it. Entries here are added on top
   * (`undefined` removes one).
   */
  env?: Record<string, string | undefined>;
}

/** A resource made but not initialized (a partial failure): the engine keeps it with this id and state. */
export interface InitFailure {
  /** The resource's id. */
  id: string;
  /** Its state as the engine records it. */
  properties: PropertyMap;
  /** Why it failed. */
  reasons: string[];
}

/** What `check` and `checkConfig` answer. */
export interface CheckResult {
  /** The checked inputs: defaults filled, secrets still marked (see `secret`). */
  inputs: PropertyMap;
  /** Each invalid property with the reason, as `pulumi preview` prints them. */
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
  /** Whether anything changes. */
  changes: "none" | "some" | "unknown";
  /** The properties whose change forces a replacement. */
  replaces: string[];
  /** Whether the old resource is deleted before its replacement is created. */
  deleteBeforeReplace: boolean;
  /** The properties that change (the detailed diff's keys). */
  diffs: string[];
  /** Per property: how it changes, and whether the program's inputs changed it. */
  detailedDiff: Record<string, { kind: PropertyDiffKind; inputDiff: boolean }>;
  /** Whether the plugin gave a detailed diff (the engine then shows only those properties). */
  hasDetailedDiff: boolean;
}

/** What `configure` answers. */
export interface ConfigureResult {
  /** The plugin takes secrets marked as such (and returns them marked). */
  acceptSecrets: boolean;
  /** Whether the engine may call create and update during a preview (never, for this plugin). */
  supportsPreview: boolean;
}

/** What `read` answers; an empty `id` means the resource is gone. */
export interface ReadResult {
  /** The id; empty when the resource no longer exists. */
  id: string;
  /** The resource's state (its outputs). */
  properties: PropertyMap;
  /** The inputs a program needs for this state (what `pulumi import` writes, and refresh keeps). */
  inputs?: PropertyMap;
}

/** The engine's per-request bound (a resource's `customTimeouts`), in seconds. */
export interface TimeoutOptions {
  /** Seconds, as `customTimeouts` sends them; unset: the stack-wide bound applies. */
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
  /** The plugin's version (the package's). */
  getPluginInfo(): Promise<{ version: string }>;
  /** The package schema, parsed. */
  getSchema(): Promise<PropertyMap>;
  /** `news` as the engine sends provider inputs, e.g. `{ nhncloud: JSON.stringify({...}) }` or objects. */
  checkConfig(news: PropertyMap, olds?: PropertyMap): Promise<CheckResult>;
  /** Whether a new configuration differs from the old (never a replacement). */
  diffConfig(olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  /** Sends the configuration (secrets marked with `secret(...)`, as the engine sends them). */
  configure(args: PropertyMap): Promise<ConfigureResult>;
  /** Validates a resource's inputs and fills defaults; `olds` are its previous checked inputs. */
  check(urn: string, news: PropertyMap, olds?: PropertyMap): Promise<CheckResult>;
  /** `olds` are the resource's outputs (state), `news` its checked inputs. */
  diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<DiffResult>;
  /** Creates the resource from its checked inputs; `timeout` is its `customTimeouts.create`. */
  create(
    urn: string,
    properties: PropertyMap,
    options?: TimeoutOptions,
  ): Promise<{ id: string; properties: PropertyMap }>;
  /** With `properties` empty, an import (what `pulumi import` sends). */
  read(urn: string, id: string, properties?: PropertyMap, inputs?: PropertyMap): Promise<ReadResult>;
  /** Updates in place: `olds` are its outputs, `news` its checked inputs. */
  update(
    urn: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    options?: TimeoutOptions,
  ): Promise<PropertyMap>;
  /** Deletes the resource; `properties` are its outputs. */
  delete(urn: string, id: string, properties: PropertyMap, options?: TimeoutOptions): Promise<void>;
  /** A function (`flowlog:nhncloud:getLoggingPorts` …); the region, if any, is an argument. */
  invoke(token: string, args?: PropertyMap): Promise<PropertyMap>;
  /** Ends the plugin (and the stand-in engine it started). */
  close(): Promise<void>;
}
