import { DEFAULT_REQUEST_TIMEOUT_MS } from "../common/http";
import {
  type ConfigLookup,
  describeSetting,
  type Environment,
  resolveSettings,
  SettingsCheck,
  secondsSetting,
} from "../common/settings";
import { endpointUrl } from "../common/urls";

export const NCLOUD_SETTINGS = {
  accessKey: { config: "ncloud:accessKey", env: ["NCLOUD_ACCESS_KEY"] },
  secretKey: { config: "ncloud:secretKey", env: ["NCLOUD_SECRET_KEY"], secret: true },
  region: { config: "ncloud:region", env: ["NCLOUD_REGION"], default: "KR" },
  apiUrl: { config: "ncloud:apiUrl", env: ["NCLOUD_API_GW"], default: "https://ncloud.apigw.ntruss.com" },
  requestTimeout: { config: "ncloud:requestTimeout", env: ["NCLOUD_REQUEST_TIMEOUT"] },
} as const;

/** Every environment variable the NCloud provider reads, beside its stack config. */
export const NCLOUD_VARIABLES: readonly string[] = Object.values(NCLOUD_SETTINGS).flatMap(
  (setting) => setting.env,
);

/** Where the deadline of NCloud requests is set, for timeout messages. */
export const NCLOUD_TIMEOUT_SETTING = `${NCLOUD_SETTINGS.requestTimeout.config} / ${NCLOUD_SETTINGS.requestTimeout.env[0]}`;

export interface NcloudSettings {
  accessKey: string;
  secretKey: string;
  /** Default region code for resources that do not set `regionCode`. */
  region: string;
  /** API gateway origin (and optional path prefix), without a trailing slash. */
  apiUrl: string;
  /** Deadline of one request, headers and body together (default 30 s). */
  requestTimeoutMs?: number;
}

/** The region code used when a resource does not set one: needs no credentials, so `check` can fill it in. */
export function resolveNcloudRegion(lookup: ConfigLookup, env: Environment): string {
  return resolveSettings({ region: NCLOUD_SETTINGS.region }, lookup, env).region ?? "KR";
}

/**
 * Resolves NCloud settings: stack config, then the environment the official NCloud CLI and Terraform
 * provider read, then defaults. Fails naming both the config key and the environment variable.
 */
export function resolveNcloudSettings(lookup: ConfigLookup, env: Environment): NcloudSettings {
  const raw = resolveSettings(NCLOUD_SETTINGS, lookup, env);
  const check = new SettingsCheck("NCloud configuration");
  check.require(raw.accessKey, "The NCloud access key", NCLOUD_SETTINGS.accessKey);
  check.require(raw.secretKey, "The NCloud secret key", NCLOUD_SETTINGS.secretKey);
  const apiUrl = check.value(() =>
    endpointUrl(raw.apiUrl ?? NCLOUD_SETTINGS.apiUrl.default, describeSetting(NCLOUD_SETTINGS.apiUrl)),
  );
  const requestTimeoutMs = check.value(() =>
    secondsSetting(raw.requestTimeout, NCLOUD_SETTINGS.requestTimeout, DEFAULT_REQUEST_TIMEOUT_MS / 1000),
  );
  check.done();
  return {
    accessKey: raw.accessKey as string,
    secretKey: raw.secretKey as string,
    region: raw.region ?? NCLOUD_SETTINGS.region.default,
    apiUrl: (apiUrl as URL).href.replace(/\/+$/, ""),
    requestTimeoutMs: requestTimeoutMs as number,
  };
}
