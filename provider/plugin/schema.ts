import schema from "./schema.json";

/**
 * The Pulumi package schema `GetSchema` answers: generated from the field table by `npm run generate`
 * (scripts/generate/plugin-schema.ts); test/plugin/schema.test.ts fails when it is stale.
 */
export const PLUGIN_SCHEMA: Readonly<Record<string, unknown> & { version: string }> = schema;
