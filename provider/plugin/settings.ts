import type { SettingSpec } from "../common/settings";
import { NCLOUD_SETTINGS } from "../ncloud/config";
import { CREATE_TIMEOUT, NHN_SETTINGS } from "../nhncloud/config";

/** One key of the plugin's `nhncloud` or `ncloud` object: the dynamic path's setting, its schema type and doc. */
export interface PluginSetting extends SettingSpec {
  type: "string" | "number";
  doc: string;
}

const setting = (spec: SettingSpec, type: PluginSetting["type"], doc: string): PluginSetting => ({
  ...spec,
  type,
  doc,
});

/**
 * The provider configuration: two objects whose keys are the dynamic path's stack config keys
 * (`nhncloud:tenantId` is `nhncloud.tenantId` here), with the same environment fallbacks, rules and defaults.
 */
export const PLUGIN_SETTINGS = {
  nhncloud: {
    authUrl: setting(
      NHN_SETTINGS.authUrl,
      "string",
      `Identity v2.0 URL; default \`${NHN_SETTINGS.authUrl.default}\`.`,
    ),
    tenantId: setting(NHN_SETTINGS.tenantId, "string", "Tenant (project) id."),
    username: setting(NHN_SETTINGS.username, "string", "NHN Cloud ID or IAM member ID."),
    password: setting(
      NHN_SETTINGS.password,
      "string",
      "API password (Compute > Instance > Set API Endpoint).",
    ),
    token: setting(NHN_SETTINGS.token, "string", "A pre-issued token instead of a password."),
    region: setting(NHN_SETTINGS.region, "string", "`KR1`, `KR2`, `KR3` …: the default region of loggers."),
    networkUrl: setting(
      NHN_SETTINGS.networkUrl,
      "string",
      'Overrides the catalog\'s network endpoint: one URL for `region` only, or one per region (`{"KR1": "https://…"}`); without /v2.0, a query or a fragment.',
    ),
    requestTimeout: setting(
      NHN_SETTINGS.requestTimeout,
      "number",
      "Seconds per request, headers and body together; default 30.",
    ),
    createTimeout: setting(
      CREATE_TIMEOUT,
      "string",
      "The whole of one logger's create: `180`, `90s`, `3m`, `1h` (1 s to 24 h); default `3m`. A resource's `customTimeouts.create` takes precedence.",
    ),
    takeBackWindow: setting(
      NHN_SETTINGS.takeBackWindow,
      "string",
      "How recent an auto-named logger found before its create must be to be taken back as what an interrupted create left (e.g. `15m`, up to 24 h); default `0`, never: a twin stack's logger looks the same.",
    ),
  },
  ncloud: {
    accessKey: setting(NCLOUD_SETTINGS.accessKey, "string", "API access key."),
    secretKey: setting(NCLOUD_SETTINGS.secretKey, "string", "API secret key."),
    region: setting(NCLOUD_SETTINGS.region, "string", "Region code; default `KR`."),
    apiUrl: setting(
      NCLOUD_SETTINGS.apiUrl,
      "string",
      `API gateway; default \`${NCLOUD_SETTINGS.apiUrl.default}\`.`,
    ),
    requestTimeout: setting(
      NCLOUD_SETTINGS.requestTimeout,
      "number",
      "Seconds per request, headers and body together; default 30.",
    ),
  },
} as const satisfies Record<string, Record<string, PluginSetting>>;

export type SettingsObject = keyof typeof PLUGIN_SETTINGS;
export const SETTINGS_OBJECTS = Object.keys(PLUGIN_SETTINGS) as SettingsObject[];

/** The plugin's name for a dynamic-path config key: `nhncloud:tenantId` is `flowlog:nhncloud.tenantId`. */
export const pluginKey = (configKey: string): string => `flowlog:${configKey.replace(":", ".")}`;
