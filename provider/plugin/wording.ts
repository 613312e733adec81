/**
 * The core's messages name the dynamic path's stack config (`nhncloud:tenantId`); under the plugin the same
 * setting is `flowlog:nhncloud.tenantId` (or the provider argument `nhncloud.tenantId`). Only that naming
 * changes: codes and the rest of every message stay the core's.
 */
const CONFIG_KEY = /(?<![\w:/-])(`?)(nhncloud|ncloud):([a-z]\w*)\1/g;

export function pluginWording(message: string): string {
  return message
    .replace(/stack config (`?)(nhncloud|ncloud):/g, "provider config $1$2:")
    .replace(
      CONFIG_KEY,
      (_all, tick: string, object: string, key: string) => `${tick}flowlog:${object}.${key}${tick}`,
    );
}
