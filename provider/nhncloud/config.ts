import { ErrorCodes, FlowLogError, quoted } from "../common/errors";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../common/http";
import {
  type ConfigLookup,
  describeSetting,
  type Environment,
  resolveSettings,
  type SettingSpec,
  SettingsCheck,
  secondsSetting,
} from "../common/settings";
import { endpointUrl } from "../common/urls";

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
  createTimeout: { config: "nhncloud:createTimeout", env: ["NHN_CREATE_TIMEOUT"], default: "3m" },
  // Off by default: twin stacks (same project, stack and resource names) make the same auto-name, and nothing
  // the API shows tells whose a logger is. Set it to take back what an interrupted `up` left, within the window.
  takeBackWindow: { config: "nhncloud:takeBackWindow", env: ["NHN_TAKE_BACK_WINDOW"], default: "0" },
} as const;

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
  /** This region's endpoint from `nhncloud:networkUrl`, when the setting names one for it. */
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
 * The network endpoint a setting or the catalog names: a URL (endpointUrl's rules) whose path is a prefix
 * under which the provider adds `/v2.0/flowlog-loggers`, so it must not end with `/v2.0` itself.
 */
export function networkEndpoint(value: string, setting: string): string {
  const url = endpointUrl(value, setting);
  const path = url.pathname.replace(/\/+$/, "");
  if (/\/v2\.0$/i.test(path) || /\/flowlog-/i.test(path)) {
    throw new FlowLogError(
      ErrorCodes.config,
      `${setting} must be the network endpoint itself, without /v2.0 (the provider adds /v2.0/flowlog-loggers), ` +
        `such as https://kr1-api-network-infrastructure.nhncloudservice.com; got a path ending in ${quoted(path.slice(-24))}`,
      { operation: "read configuration" },
    );
  }
  return `${url.origin}${path}`;
}

const REGION_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/**
 * `nhncloud:networkUrl` per region: one URL, which serves the configured region (`nhncloud:region`) and no
 * other, or a map of region to URL, as JSON (`pulumi config set --path nhncloud:networkUrl.KR1 …` stores
 * that) or `KR1=https://…,KR2=https://…`. A resource in a region the setting does not name uses the catalog.
 */
export function networkUrls(text: string, configuredRegion: string | undefined): Record<string, string> {
  const setting = describeSetting(NHN_SETTINGS.networkUrl);
  const trimmed = text.trim();
  let pairs: [string, unknown][];
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new FlowLogError(ErrorCodes.config, `${setting} is not a valid map of region to URL`, {
        operation: "read configuration",
      });
    }
    pairs = Object.entries(parsed);
  } else if (/^[A-Za-z][A-Za-z0-9-]*=/.test(trimmed)) {
    pairs = trimmed.split(",").map((pair) => {
      const at = pair.indexOf("=");
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
  } else {
    if (configuredRegion === undefined) {
      throw new FlowLogError(
        ErrorCodes.config,
        `${setting} names one endpoint, which serves the configured region, but no region is configured: set ` +
          `${describeSetting(NHN_SETTINGS.region)}, or give the endpoint per region, e.g. {"KR1": "https://…"}`,
        { operation: "read configuration" },
      );
    }
    pairs = [[configuredRegion, trimmed]];
  }
  const urls: Record<string, string> = {};
  for (const [region, url] of pairs) {
    if (!REGION_NAME.test(region) || typeof url !== "string") {
      throw new FlowLogError(
        ErrorCodes.config,
        `${setting}: each entry is a region (such as KR1) and a URL; got the region ${quoted(region)}`,
        { operation: "read configuration" },
      );
    }
    urls[region.toUpperCase()] = networkEndpoint(url, `${setting} for ${region.toUpperCase()}`);
  }
  return urls;
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A duration setting in ms: seconds (`180`) or a duration (`90s`, `3m`, `1h`), within [minMs, 24 h]. */
function durationSetting(
  spec: SettingSpec & { default: string },
  value: string | undefined,
  minMs: number,
): number {
  const text = value ?? spec.default;
  const match = DURATION.exec(text.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? "s"] : Number.NaN;
  if (!(ms >= minMs && ms <= 24 * 3_600_000)) {
    const least = minMs === 0 ? "0" : "1s";
    throw new FlowLogError(
      ErrorCodes.config,
      `${describeSetting(spec)} must be a duration from ${least} to 24h, such as 180 (seconds), 90s, 3m or 1h; got ${JSON.stringify(text.slice(0, 32))}`,
      { operation: "read configuration" },
    );
  }
  return ms;
}

/** Everything the NHN Cloud provider is configured with, for one region. */
export interface NhnConfig {
  settings: NhnSettings;
  /** The whole of one logger's create (POSTs, looking for their effect, waiting for it to settle). */
  createTimeoutMs: number;
  /** How recent an auto-named logger found before a create must be to be taken back (0: never). */
  takeBackWindowMs: number;
}

/**
 * Resolves the NHN Cloud configuration: resource `region` override, then stack config, then the `OS_*`
 * environment that NHN Cloud's own Terraform provider reads, then defaults. Fails once, listing every
 * missing or invalid setting with its config key and environment variable.
 */
export function resolveNhnConfig(lookup: ConfigLookup, env: Environment, regionOverride?: string): NhnConfig {
  const raw = resolveSettings(NHN_SETTINGS, lookup, env);
  const configured = configuredRegionWithSource(lookup, env);
  const region = (regionOverride ?? raw.region)?.toUpperCase();
  const check = new SettingsCheck("NHN Cloud configuration");
  check.require(raw.tenantId, "The NHN Cloud tenant (project) id", NHN_SETTINGS.tenantId);
  check.require(region, "The NHN Cloud region", NHN_SETTINGS.region);
  if (!raw.token) {
    check.require(raw.username, "The NHN Cloud user (or a token)", NHN_SETTINGS.username);
    check.require(raw.password, "The NHN Cloud API password (or a token)", NHN_SETTINGS.password);
  }
  const authUrl = check.value(() => identityEndpoint(raw.authUrl ?? NHN_SETTINGS.authUrl.default));
  const networkUrl = check.value(() =>
    raw.networkUrl === undefined ? undefined : networkUrls(raw.networkUrl, configured.region),
  );
  const requestTimeoutMs = check.value(() =>
    secondsSetting(raw.requestTimeout, NHN_SETTINGS.requestTimeout, DEFAULT_REQUEST_TIMEOUT_MS / 1000),
  );
  const createTimeoutMs = check.value(() =>
    durationSetting(NHN_SETTINGS.createTimeout, raw.createTimeout, 1000),
  );
  const takeBackWindowMs = check.value(() =>
    durationSetting(NHN_SETTINGS.takeBackWindow, raw.takeBackWindow, 0),
  );
  check.done();
  // The provider's check fills a missing region argument from stack config: an override equal to the
  // configured region is taken to come from there (if both were set, both must change anyway).
  const regionSource: RegionSource =
    configured.source !== undefined && region === configured.region ? configured.source : "argument";
  const settings: NhnSettings = {
    authUrl: authUrl as string,
    tenantId: raw.tenantId as string,
    region: region as string,
    regionSource,
    requestTimeoutMs: requestTimeoutMs as number,
  };
  if (raw.username) settings.username = raw.username;
  if (raw.password) settings.password = raw.password;
  if (raw.token) settings.token = raw.token;
  const endpoint = networkUrl?.[settings.region];
  if (endpoint) settings.networkUrl = endpoint;
  return {
    settings,
    createTimeoutMs: createTimeoutMs as number,
    takeBackWindowMs: takeBackWindowMs as number,
  };
}

/** The identity endpoint: an endpoint URL (see endpointUrl) ending in `/v2.0`, to which `/tokens` is added. */
export function identityEndpoint(value: string): string {
  const url = endpointUrl(value, describeSetting(NHN_SETTINGS.authUrl));
  const path = url.pathname.replace(/\/+$/, "");
  if (!/\/v2\.0$/.test(path)) {
    throw new FlowLogError(
      ErrorCodes.config,
      `${describeSetting(NHN_SETTINGS.authUrl)} must be the identity v2.0 URL, ending in /v2.0 (the provider adds ` +
        `/tokens), such as ${NHN_SETTINGS.authUrl.default}`,
      { operation: "read configuration" },
    );
  }
  return `${url.origin}${path}`;
}

/** The settings of the NHN Cloud client for one region (resolveNhnConfig's rules and errors). */
export function resolveNhnSettings(
  lookup: ConfigLookup,
  env: Environment,
  regionOverride?: string,
): NhnSettings {
  return resolveNhnConfig(lookup, env, regionOverride).settings;
}

/** The create budget in ms (resolveNhnConfig's `createTimeoutMs`). */
export function resolveCreateTimeoutMs(lookup: ConfigLookup, env: Environment): number {
  const raw = resolveSettings({ createTimeout: NHN_SETTINGS.createTimeout }, lookup, env);
  return durationSetting(NHN_SETTINGS.createTimeout, raw.createTimeout, 1000);
}

/** The take-back window in ms (resolveNhnConfig's `takeBackWindowMs`). */
export function resolveTakeBackWindowMs(lookup: ConfigLookup, env: Environment): number {
  const raw = resolveSettings({ takeBackWindow: NHN_SETTINGS.takeBackWindow }, lookup, env);
  return durationSetting(NHN_SETTINGS.takeBackWindow, raw.takeBackWindow, 0);
}

/** How long a create may take in all (stack config `nhncloud:createTimeout`). */
export const CREATE_TIMEOUT = NHN_SETTINGS.createTimeout;

/** Every environment variable the NHN Cloud provider reads, beside its stack config. */
export const NHN_VARIABLES: readonly string[] = Object.values(NHN_SETTINGS).flatMap((setting) => setting.env);

/** Where the deadline of NHN Cloud requests is set, for timeout messages. */
export const NHN_TIMEOUT_SETTING = `${NHN_SETTINGS.requestTimeout.config} / ${NHN_SETTINGS.requestTimeout.env[0]}`;
