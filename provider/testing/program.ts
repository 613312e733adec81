import type { Json } from "./sdk";

/** Resource options the engine honours and the kit models. */
export interface RegistrationOptions {
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
}

/** A resource as the program registered it, with the inputs the engine would receive (incl. `__provider`). */
export interface Registration {
  type: string;
  name: string;
  urn: string;
  inputs: Json;
  /** Set for `Resource.get(name, id)` reads. */
  id?: string;
  /** False for component resources and the root stack; absent means custom. */
  custom?: boolean;
  /** Set for resources registered with the `import` option. */
  importId?: string;
  options?: RegistrationOptions;
}

/** What the engine answers a registration: the id (empty = unknown) and outputs (absent: the program's own inputs). */
export interface Answer {
  id: string;
  outputs?: Json;
}

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Inputs as the engine sends them to the dynamic-provider host, not as the SDK's mocks hand them over: an
 * unknown (preview) becomes the sentinel string, and a secret is sent plain (the host refuses secrets).
 */
export function asEngineSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asEngineSends);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object.__pulumiUnknown === true) return UNKNOWN;
  if (object[SECRET_SIG_KEY] === SECRET_SIG) return asEngineSends(object.value);
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, asEngineSends(item)]));
}

export const urnOf = (stack: string, project: string, type: string, name: string): string =>
  `urn:pulumi:${stack}::${project}::${type}::${name}`;

/** The type of a resource from its URN (the last of its parents' types). */
export const typeOfUrn = (urn: string): string => urn.split("::")[2]?.split("$").pop() ?? "";

/** As the engine names a child: its parents' types (not the root stack's), `$`, its own type. */
export function qualifiedType(parentUrn: string | undefined, type: string): string {
  const parents = (parentUrn?.split("::")[2] ?? "")
    .split("$")
    .filter((t) => t !== "" && t !== ROOT_STACK_TYPE);
  return [...parents, type].join("$");
}

/* The parts of the SDK the mocks touch; they come from the caller, so they are the program's copy. */
interface MockArgs {
  type: string;
  name: string;
  inputs: Json;
  id?: string;
  custom?: boolean;
}
interface PulumiModule {
  runtime: {
    setMocks(
      mocks: {
        newResource(args: MockArgs): Promise<{ id: string; state: Json }>;
        call(args: CallArgs): Json;
      },
      project: string,
      stack: string,
      preview: boolean,
    ): Promise<void>;
  };
}
export interface CallArgs {
  token: string;
  inputs: Json;
}
type Request = Record<string, ((...args: unknown[]) => unknown) | undefined>;
type MonitorMethod = (req: Request, callback: unknown) => unknown;
interface SettingsModule {
  getMonitor(): Record<string, unknown>;
}

export interface MockOptions {
  project: string;
  stack: string;
  preview: boolean;
  /** Plays the engine's part for each registration. */
  answer(registration: Registration): Answer | Promise<Answer>;
  /** Answers invokes; by default they fail (our data functions call the API themselves, not invokes). */
  call?(args: CallArgs): Json;
}

const flag = (req: Request, getter: string): boolean => req[getter]?.call(req) === true;
const list = (req: Request, getter: string): string[] =>
  (req[getter]?.call(req) as string[] | undefined) ?? [];

function optionsOf(req: Request): RegistrationOptions | undefined {
  const options: RegistrationOptions = {};
  if (flag(req, "getProtect")) options.protect = true;
  if (flag(req, "getRetainondelete")) options.retainOnDelete = true;
  if (flag(req, "getDeletebeforereplace")) options.deleteBeforeReplace = true;
  if (list(req, "getIgnorechangesList").length > 0) options.ignoreChanges = list(req, "getIgnorechangesList");
  if (list(req, "getReplaceonchangesList").length > 0)
    options.replaceOnChanges = list(req, "getReplaceonchangesList");
  return Object.keys(options).length > 0 ? options : undefined;
}

/**
 * Points the SDK's runtime at mocks that hand each registration to `answer` as the engine would see it:
 * its URN as the engine names it, its resource options, its inputs as the engine sends them to a
 * provider. The SDK's mock monitor passes neither the parent nor the options to mocks, so the request
 * it is serving is read as it arrives.
 */
export async function installMocks(
  pulumi: PulumiModule,
  settings: SettingsModule,
  options: MockOptions,
): Promise<void> {
  const { project, stack } = options;
  let serving: { req: Request; read: boolean } | undefined;
  const registrationOf = (args: MockArgs): Registration => {
    const req = serving?.req;
    const read = serving?.read ?? (args.id !== undefined && args.id !== "");
    serving = undefined;
    const parent = req?.getParent?.call(req) as string | undefined;
    const registration: Registration = {
      type: args.type,
      name: args.name,
      urn: urnOf(stack, project, qualifiedType(parent || undefined, args.type), args.name),
      inputs: asEngineSends(args.inputs) as Json,
    };
    const custom = read || (req ? flag(req, "getCustom") : args.custom !== false);
    if (!custom) registration.custom = false;
    if (read && args.id) registration.id = args.id;
    else if (args.id) registration.importId = args.id;
    const resourceOptions = req && optionsOf(req);
    if (resourceOptions) registration.options = resourceOptions;
    return registration;
  };
  await pulumi.runtime.setMocks(
    {
      async newResource(args) {
        const registration = registrationOf(args);
        const answer = await options.answer(registration);
        return { id: answer.id, state: answer.outputs ?? args.inputs };
      },
      call(args) {
        if (options.call) return options.call(args);
        throw new Error(`invoke ${args.token}: the testing kit answers no invokes (only resources run)`);
      },
    },
    project,
    stack,
    options.preview,
  );
  const monitor = settings.getMonitor();
  for (const [method, read] of [
    ["registerResource", false],
    ["readResource", true],
  ] as const) {
    const original = monitor[method] as MonitorMethod;
    // The mock monitor calls newResource before its first await: `serving` is read synchronously.
    monitor[method] = (req: Request, callback: unknown) => {
      serving = { req, read };
      try {
        return original.call(monitor, req, callback);
      } finally {
        serving = undefined;
      }
    };
  }
  monitor.newUrn = (parent: string, type: string, name: string) =>
    urnOf(stack, project, qualifiedType(parent || undefined, type), name);
}
