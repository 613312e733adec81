/**
 * pulumi-flowlog/testing: try or test your own Pulumi program against the emulator, with no cloud account
 * and with or without the Pulumi CLI.
 *
 *     import { openStack, startEmulator } from "pulumi-flowlog/testing";
 *
 * A test and try-out tool that follows the engine's protocol for these resources (check, diff, create,
 * read, update, delete through the SDK's own dynamic-provider host), not a replacement for the Pulumi
 * engine: it has no dependency graph, no plugins for other providers, and no secrets encryption.
 */

import type { EmulatorOptions } from "../../emulator/types";
import { startEmulator as start } from "./emulator";
import { startEngine as engine } from "./engine";
import { startPlugin as plugin } from "./plugin";
import type { StartPluginOptions, TestEngine, TestPlugin } from "./plugin-types";
import { openStack as open } from "./stack";
import type { OpenStackOptions, TestEmulator, TestStack } from "./types";

export type { LockHolder } from "./errors";
export { ProjectError, StackRunError, StateFileError, StateLockedError } from "./errors";
export { PluginCallError, resourceUrn } from "./plugin";
export type {
  CheckResult,
  ConfigureResult,
  DiffResult,
  EngineLogEntry,
  InitFailure,
  PropertyDiffKind,
  PropertyMap,
  ReadResult,
  StartPluginOptions,
  TestEngine,
  TestPlugin,
  TimeoutOptions,
} from "./plugin-types";
export type {
  EmulatorControl,
  EmulatorOptions,
  Op,
  OpenStackOptions,
  Seed,
  StackResource,
  StackResult,
  Step,
  TestEmulator,
  TestStack,
  UpResult,
} from "./types";

/**
 * Starts the emulator of both APIs on 127.0.0.1 (a free port unless `port` is given). New loggers leave
 * BUILD at once (`activationMs` 0, where the emulator's CLI defaults to 1500 ms) so that tests do not wait.
 */
export function startEmulator(options?: EmulatorOptions): Promise<TestEmulator> {
  return start(options);
}

/**
 * Opens the Pulumi project in `dir` (a `Pulumi.yaml` with runtime nodejs, TypeScript or JavaScript) as a
 * stack with its state in memory (or `stateFile`). Its program runs in a child process under the SDK's
 * mocks; each resource it registers goes through the engine's steps with the SDK's own dynamic-provider
 * host. A test and try-out tool that follows the engine's protocol for these resources, not a replacement
 * for the Pulumi engine.
 */
export function openStack(dir: string, options?: OpenStackOptions): Promise<TestStack> {
  return open(dir, options);
}

/**
 * Starts the package's provider plugin (`pulumi-resource-flowlog`, or `options.command`) as the Pulumi engine
 * does: the engine's address as its first argument, the gRPC port read from its stdout. The client speaks the
 * `ResourceProvider` protocol with the SDK's own stubs: `configure`, `check`, `diff`, `create`, `read`,
 * `update`, `delete`, `invoke` …; `logs()` are the lines the plugin sent to the engine.
 */
export function startPlugin(options?: StartPluginOptions): Promise<TestPlugin> {
  return plugin(options);
}

/** A stand-in for the engine's `Engine` service that records every `Log` call; share one among plugins. */
export function startEngine(): Promise<TestEngine> {
  return engine();
}

/** A value marked secret, as the engine marks config and inputs set with `--secret`. */
export function secret(value: unknown): Record<string, unknown> {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}
