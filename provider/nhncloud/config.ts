import { ErrorCodes, FlowLogError } from "../common/errors";
import {
  type ConfigLookup,
  describeSetting,
  type Environment,
  missingSetting,
  resolveSettings,
  secondsSetting,
} from "../common/settings";
import { safeUrl } from "../common/urls";

export const NHN_SETTINGS = {
  authUrl: {
    config: "nhncloud:authUrl",
    env: ["OS_AUTH_URL"],
    default: "https://api-identity-infrastructure.nhncloudservice.com/v2.0",
  },
  tenantId: { config: "nhncloud:tenantId", env: ["OS_TENANT_ID", "OS_PROJECT_ID"] },
  username: { config: "nhncloud:username", env: ["OS_USERNAME"] },
  password: { config: "nhncloud:password", env: ["OS_PASSWORD"], secret: true },
  token: { config: "nhncloud:token", env: ["OS_TOKEN", "OS_AUTH_TOKEN"], secret: true },
  region: { config: "nhncloud:region", env: ["OS_REGION_NAME"] },
  networkUrl: { config: "nhncloud:networkUrl", env: ["NHN_NETWORK_URL"] },
  requestTimeout: { config: "nhncloud:requestTimeout", env: ["NHN_REQUEST_TIMEOUT"] },
} as const;

/** Seconds one request (headers and body) may take, unless `nhncloud:requestTimeout` says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

export interface NhnCredentials {
  authUrl: string;
  tenantId: string;
  username?: string;
  password?: string;
  token?: string;
}

/** Where the region came from, so that an unknown region's error says what to change. */
export type RegionSource = "argument" | "config" | "env";

export interface NhnSettings extends NhnCredentials {
  region: string;
  /** Where `region` came from; unset means it is not known (e.g. settings built by hand in a test). */
  regionSource?: RegionSource;
  networkUrl?: string;
  /** Deadline of one request, headers and body together (default 30 s). */
  requestTimeoutMs?: number;
}

/** How a region source reads in a message: "stack config `nhncloud:region`". */
export function describeRegionSource(source: RegionSource | undefined): string | undefined {
  if (source === "argument") return "the `region` argument";
  if (source === "config") return `stack config \`${NHN_SETTINGS.region.config}\``;
  if (source === "env") return `the environment variable ${NHN_SETTINGS.region.env[0]}`;
  return undefined;
}

/** The region from stack config or OS_REGION_NAME, and which of them set it. */
function configuredRegionWithSource(
  lookup: ConfigLookup,
  env: Environment,
): { region?: string; source?: RegionSource } {
  const region = resolveSettings({ region: NHN_SETTINGS.region }, lookup, env).region?.toUpperCase();
  if (region === undefined) return {};
  const fromConfig = lookup(NHN_SETTINGS.region.config);
  return { region, source: fromConfig !== undefined && fromConfig.trim() !== "" ? "config" : "env" };
}

/** The region from stack config or OS_REGION_NAME, upper-cased; undefined when neither sets one. */
export function configuredRegion(lookup: ConfigLookup, env: Environment): string | undefined {
  return configuredRegionWithSource(lookup, env).region;
}

/**
 * Resolves NHN Cloud settings: resource `region` override, then stack config, then the `OS_*` environment
 * that NHN Cloud's own Terraform provider reads, then defaults. Fails naming the config key and variable.
 */
export function resolveNhnSettings(
  lookup: ConfigLookup,
  env: Environment,
  regionOverride?: string,
): NhnSettings {
  const raw = resolveSettings(NHN_SETTINGS, lookup, env);
  const configured = configuredRegionWithSource(lookup, env);
  const region = (regionOverride ?? raw.region)?.toUpperCase();
  if (!raw.tenantId) throw missingSetting("The NHN Cloud tenant (project) id", NHN_SETTINGS.tenantId);
  if (!region) throw missingSetting("The NHN Cloud region", NHN_SETTINGS.region);
  if (!raw.token) {
    if (!raw.username) throw missingSetting("The NHN Cloud user (or a token)", NHN_SETTINGS.username);
    if (!raw.password) throw missingSetting("The NHN Cloud API password (or a token)", NHN_SETTINGS.password);
  }
  const authUrl = safeUrl(raw.authUrl ?? NHN_SETTINGS.authUrl.default, NHN_SETTINGS.authUrl.config).href;
  // The provider's check fills a missing region argument from stack config: an override equal to the
  // configured region is taken to come from there (if both were set, both must change anyway).
  const regionSource: RegionSource =
    configured.source !== undefined && region === configured.region ? configured.source : "argument";
  const requestTimeoutMs = secondsSetting(
    raw.requestTimeout,
    NHN_SETTINGS.requestTimeout,
    DEFAULT_REQUEST_TIMEOUT_SECONDS,
  );
  const settings: NhnSettings = {
    authUrl,
    tenantId: raw.tenantId,
    region,
    regionSource,
    requestTimeoutMs,
  };
  if (raw.username) settings.username = raw.username;
  if (raw.password) settings.password = raw.password;
  if (raw.token) settings.token = raw.token;
  if (raw.networkUrl) settings.networkUrl = safeUrl(raw.networkUrl, NHN_SETTINGS.networkUrl.config).href;
  return settings;
}

/** How long a create may take in all: POSTs, looking for their effect, and waiting for the logger to settle. */
export const CREATE_TIMEOUT = {
  config: "nhncloud:createTimeout",
  env: ["NHN_CREATE_TIMEOUT"],
  default: "3m",
} as const;

/** Every environment variable the NHN Cloud provider reads, beside its stack config. */
export const NHN_VARIABLES: readonly string[] = [...Object.values(NHN_SETTINGS), CREATE_TIMEOUT].flatMap(
  (setting) => setting.env,
);

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The create budget in ms: seconds (`180`) or a duration (`90s`, `3m`, `1h`), at least 1 s. */
export function resolveCreateTimeoutMs(lookup: ConfigLookup, env: Environment): number {
  const text =
    resolveSettings({ createTimeout: CREATE_TIMEOUT }, lookup, env).createTimeout ?? CREATE_TIMEOUT.default;
  const match = DURATION.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? "s"] : Number.NaN;
  if (!(ms >= 1000 && ms <= 24 * 3_600_000)) {
    throw new FlowLogError(
      ErrorCodes.config,
      `${describeSetting(CREATE_TIMEOUT)} must be a duration from 1s to 24h, such as 180 (seconds), 90s, 3m or 1h; got ${JSON.stringify(text.slice(0, 32))}`,
      { operation: "read configuration" },
    );
  }
  return ms;
}

/** Where the deadline of NHN Cloud requests is set, for timeout messages. */
export const NHN_TIMEOUT_SETTING = `${NHN_SETTINGS.requestTimeout.config} / ${NHN_SETTINGS.requestTimeout.env[0]}`;
