import { ErrorCodes, FlowLogError, isFlowLogError, quoted, registerSecret } from "./errors";

/** Looks up a full stack-config key such as `nhncloud:region`. */
export type ConfigLookup = (key: string) => string | undefined;

export interface SettingSpec {
  /** Stack config key, e.g. `nhncloud:tenantId`. */
  config: string;
  /** Environment variables, in order of preference. */
  env: readonly string[];
  default?: string;
  secret?: boolean;
}

export type SettingsTable = Readonly<Record<string, SettingSpec>>;
export type Environment = Readonly<Record<string, string | undefined>>;

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/** Resolves every setting: stack config, then environment, then default. Secrets are registered for redaction. */
export function resolveSettings<T extends SettingsTable>(
  table: T,
  lookup: ConfigLookup,
  env: Environment,
): { [K in keyof T]: string | undefined } {
  const out = {} as { [K in keyof T]: string | undefined };
  for (const key of Object.keys(table) as (keyof T)[]) {
    const spec = table[key];
    const value = [lookup(spec.config), ...spec.env.map((name) => env[name]), spec.default].find(present);
    if (spec.secret) registerSecret(value?.trim());
    out[key] = value?.trim();
  }
  return out;
}

/** How to set a setting, for error messages: "`nhncloud:region` (or OS_REGION_NAME)". */
export function describeSetting(spec: SettingSpec): string {
  const env = spec.env.length > 0 ? ` (or the environment variable ${spec.env.join(" / ")})` : "";
  return `stack config \`${spec.config}\`${env}`;
}

/**
 * A duration setting in seconds as milliseconds: a positive number (`30`, `2.5`), else a config error
 * naming the key and the variable. Unset or blank means `defaultSeconds`; nothing is ever read as 0.
 */
export function secondsSetting(value: string | undefined, spec: SettingSpec, defaultSeconds: number): number {
  if (value === undefined) return defaultSeconds * 1000;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new FlowLogError(
      ErrorCodes.config,
      `${describeSetting(spec)} must be a positive number of seconds, got ${quoted(value)}`,
      { operation: "read configuration" },
    );
  }
  return Math.max(1, Math.round(seconds * 1000));
}

export function missingSetting(what: string, spec: SettingSpec): FlowLogError {
  return new FlowLogError(ErrorCodes.config, `${what} is not set: set ${describeSetting(spec)}`, {
    operation: "read configuration",
  });
}

/** The stack config the dynamic-provider host hands to `configure`, as a lookup of full keys. */
export function configLookupFrom(req: { config: { get(key: string): unknown } }): ConfigLookup {
  return (key) => {
    const value = req.config.get(key);
    return value === undefined || value === null ? undefined : String(value);
  };
}

/** The stack config a provider receives in `configure`, held for the life of the provider host. */
export class StackConfig {
  private lookup?: ConfigLookup;

  configure(req: { config: { get(key: string): unknown } }): void {
    this.lookup = configLookupFrom(req);
  }

  /** @pulumi/pulumi before 3.139 never calls `configure`: stack config would be silently ignored. */
  get(): ConfigLookup {
    if (this.lookup) return this.lookup;
    throw new FlowLogError(
      ErrorCodes.config,
      "the Pulumi SDK did not pass the stack config to the provider: @pulumi/pulumi 3.139 or later is required",
      { operation: "configure the provider" },
    );
  }
}

/** Reads a whole Pulumi config namespace in a user's program, for data functions. */
export function programConfigLookup(
  getConfig: (namespace: string) => { get(key: string): string | undefined },
): ConfigLookup {
  return (key) => {
    const [namespace, name] = key.split(":");
    return getConfig(namespace).get(name);
  };
}

/**
 * Settings read together: every missing or invalid one is noted, and `done` fails once, in one message that
 * lists them all, each with its config key and environment variable.
 */
export class SettingsCheck {
  private readonly problems: string[] = [];

  constructor(private readonly subject: string) {}

  /** Notes `what` as missing unless `value` is set. */
  require(value: string | undefined, what: string, spec: SettingSpec): void {
    if (!value) this.problems.push(missingSetting(what, spec).message);
  }

  /** The value `read` makes, or undefined with its problem noted when it refuses the setting. */
  value<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (!isFlowLogError(error)) throw error;
      this.problems.push(error.message);
      return undefined;
    }
  }

  /** Throws the one error that lists every problem noted, if any. */
  done(): void {
    if (this.problems.length === 0) return;
    const message =
      this.problems.length === 1
        ? this.problems[0]
        : `${this.subject}: ${this.problems.length} settings are missing or invalid:\n  - ${this.problems.join("\n  - ")}`;
    throw new FlowLogError(ErrorCodes.config, message, { operation: "read configuration" });
  }
}
