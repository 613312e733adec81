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

export {
  type EmulatorControl,
  type EmulatorOptions,
  type Seed,
  startEmulator,
  type TestEmulator,
} from "./emulator";
export { ProjectError } from "./project";
export {
  type OpenStackOptions,
  openStack,
  type StackResource,
  type StackResult,
  StackRunError,
  type TestStack,
  type UpResult,
} from "./stack";
export type { Op, Step } from "./steps";
