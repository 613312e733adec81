import { z } from "zod";
import type { Failure } from "../common/check";
import { isFlowLogError, messageOf, registerSecret } from "../common/errors";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../common/http";
import { type ConfigLookup, describeSetting, secondsSetting } from "../common/settings";
import { endpointUrl } from "../common/urls";
import {
  identityEndpoint,
  networkUrls,
  resolveCreateTimeoutMs,
  resolveTakeBackWindowMs,
} from "../nhncloud/config";
import { reveal } from "./secrets";
import { PLUGIN_SETTINGS, SETTINGS_OBJECTS, type SettingsObject } from "./settings";
import { pluginWording } from "./wording";

/** The provider configuration: each object's keys as strings, as stack config would hold them. */
export type PluginConfig = Record<SettingsObject, Record<string, string>>;

/** Keys the engine adds to a provider's inputs beside the schema's. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

const settingsSchema = (object: SettingsObject) =>
  z.strictObject(
    Object.fromEntries(
      Object.entries(PLUGIN_SETTINGS[object]).map(([key, setting]) => [
        key,
        (setting.type === "number"
          ? z.union([z.number(), z.string()], { error: "must be a number of seconds" })
          : key === "networkUrl"
            ? // One URL, or a map of region to URL (an object in YAML or from `--path …networkUrl.KR1`).
              z.union(
                [z.string(), z.record(z.string(), z.string()).transform((map) => JSON.stringify(map))],
                {
                  error: 'must be a URL, or a map of region to URL such as {"KR1": "https://…"}',
                },
              )
            : z.string({ error: "must be a string" })
        )
          .nullish()
          .transform((value) => (value === null || value === undefined ? undefined : String(value))),
      ]),
    ),
  );

/**
 * The engine hands object-typed config over as JSON text (stack config set with `--path`, and the generated
 * SDKs' provider arguments) or as an object (YAML programs): both are read.
 */
function objectOf(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Reads the provider's inputs (CheckConfig news, Configure args); secrets are unwrapped and registered. */
export function parseConfig(raw: Record<string, unknown>): { config: PluginConfig; failures: Failure[] } {
  const config: PluginConfig = { nhncloud: {}, ncloud: {} };
  const failures: Failure[] = [];
  const plain = reveal(raw) as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (!ENGINE_KEYS.has(key) && !SETTINGS_OBJECTS.includes(key as SettingsObject))
      failures.push({
        property: key,
        reason: `${key} is not a setting of the flowlog provider; settings are ${SETTINGS_OBJECTS.join(", ")}`,
      });
  }
  for (const object of SETTINGS_OBJECTS) {
    const value = objectOf(plain[object]);
    if (value === undefined || value === null) continue;
    const parsed = settingsSchema(object).safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const names = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
        const settings = Object.keys(PLUGIN_SETTINGS[object]).join(", ");
        for (const name of names.slice(0, 10))
          failures.push({
            property: object,
            reason:
              issue.code === "unrecognized_keys"
                ? `${object}.${name.slice(0, 32)} is not a setting of ${object}; settings are ${settings}`
                : name === ""
                  ? `${object} must be an object with the keys ${settings}`
                  : `${object}.${name} ${issue.message}`,
          });
      }
      continue;
    }
    for (const [key, setting] of Object.entries(parsed.data)) {
      if (setting === undefined) continue;
      config[object][key] = setting;
      if ((PLUGIN_SETTINGS[object] as Record<string, { secret?: boolean }>)[key]?.secret)
        registerSecret(setting);
    }
  }
  const invalid = new Set(failures.map((failure) => failure.property));
  return { config, failures: [...failures, ...validate(config).filter((f) => !invalid.has(f.property))] };
}

/** The configuration as the core reads stack config: `nhncloud:tenantId` is `nhncloud.tenantId`. */
export function configLookup(config: PluginConfig): ConfigLookup {
  return (key) => {
    const [object, name] = key.split(":");
    return (config as Record<string, Record<string, string> | undefined>)[object]?.[name];
  };
}

/** The core's own rules for the values that are set (presence is checked when a resource needs them). */
function validate(config: PluginConfig): Failure[] {
  const lookup = configLookup(config);
  const { nhncloud, ncloud } = config;
  const region = nhncloud.region?.toUpperCase();
  const checks: [SettingsObject, () => unknown][] = [
    ["nhncloud", () => nhncloud.authUrl && identityEndpoint(nhncloud.authUrl)],
    ["nhncloud", () => nhncloud.networkUrl && networkUrls(nhncloud.networkUrl, region)],
    [
      "nhncloud",
      () =>
        secondsSetting(
          nhncloud.requestTimeout,
          PLUGIN_SETTINGS.nhncloud.requestTimeout,
          DEFAULT_REQUEST_TIMEOUT_MS / 1000,
        ),
    ],
    ["nhncloud", () => nhncloud.createTimeout && resolveCreateTimeoutMs(lookup, {})],
    ["nhncloud", () => nhncloud.takeBackWindow && resolveTakeBackWindowMs(lookup, {})],
    [
      "ncloud",
      () => ncloud.apiUrl && endpointUrl(ncloud.apiUrl, describeSetting(PLUGIN_SETTINGS.ncloud.apiUrl)),
    ],
    [
      "ncloud",
      () =>
        secondsSetting(
          ncloud.requestTimeout,
          PLUGIN_SETTINGS.ncloud.requestTimeout,
          DEFAULT_REQUEST_TIMEOUT_MS / 1000,
        ),
    ],
  ];
  const failures: Failure[] = [];
  for (const [property, check] of checks) {
    try {
      check();
    } catch (error) {
      if (!isFlowLogError(error)) throw error;
      failures.push({ property, reason: pluginWording(messageOf(error)) });
    }
  }
  return failures;
}
