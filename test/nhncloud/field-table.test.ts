import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ApiLogger, ApiLoggerCreate, ApiLoggerUpdate } from "../../provider/nhncloud/api/model";
import {
  APPLIED_FIELDS,
  ARGUMENT_FIELDS,
  ARGUMENTS,
  type ArgumentName,
  COMPUTED_FIELDS,
  LoggerArgs,
  OUTPUT_FIELDS,
  REPLACE_FIELDS,
  UPDATE_FIELDS,
} from "../../provider/nhncloud/flowlog-logger/fields";
import {
  type LoggerInputs,
  toApiCreate,
  toApiUpdate,
  toOutputs,
} from "../../provider/nhncloud/flowlog-logger/state";
import type { FlowLogLoggerArgs } from "../../provider/nhncloud/flowlog-logger/types";
import { renderAll } from "../../scripts/generate/outputs";

const ROOT = join(__dirname, "..", "..");

// Compile-time: the public argument type and the API bodies have exactly the table's fields.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type ApiOf<F> = F extends { api: infer A } ? A : never;
type TableApiName = ApiOf<(typeof ARGUMENT_FIELDS)[ArgumentName]>;
const publicArgs: Equal<keyof FlowLogLoggerArgs, ArgumentName> = true;
const createBody: Equal<keyof ApiLoggerCreate, TableApiName> = true;
const schemaArgs: Equal<
  Required<pulumi.Unwrap<FlowLogLoggerArgs>>,
  Required<Omit<z.input<typeof LoggerArgs>, "pulumiName" | "pulumiStack">>
> = true;
void [publicArgs, createBody, schemaArgs];

/** A value of every argument, as check leaves them. */
const EVERY: LoggerInputs = {
  name: "web",
  description: "d",
  adminStateUp: false,
  resourceType: "SUBNET",
  resourceId: "bbbbbbbb-0001-4000-8000-000000000011",
  filter: "DROP",
  aggregationInterval: 5,
  connectionSetupOnly: true,
  storageType: "OBS",
  storageUrl:
    "https://kr1-api-object-storage.nhncloudservice.com/v1/AUTH_0123456789abcdef0123456789abcdef/flowlog/a",
  logFormat: "PARQUET",
  compressionType: "GZIP",
  customizedFields: ["timestamp_start", "src_addr"],
  customizedFileName: "#{logger_id}-#{year}#{month}#{day}#{hour}#{minute}#{second}",
  partitionPeriod: "HOUR",
  region: "KR2",
  adoptId: "3e84619a-1e49-4b19-b353-a15f7d278f94",
};

describe("the logger field table", () => {
  it.each(Object.entries(renderAll((path) => readFileSync(join(ROOT, path), "utf8"))))(
    "%s is what `npm run generate` makes of it",
    (path, expected) => {
      expect(readFileSync(join(ROOT, path), "utf8")).toBe(expected);
    },
  );

  it("gives every field a place in the schema, the outputs, and exactly one of the replace and update lists", () => {
    expect(Object.keys(LoggerArgs.shape)).toEqual([...ARGUMENTS, "pulumiName", "pulumiStack"]);
    expect(OUTPUT_FIELDS).toEqual([...ARGUMENTS, ...Object.keys(COMPUTED_FIELDS)]);
    expect([...REPLACE_FIELDS, ...UPDATE_FIELDS].sort()).toEqual([...ARGUMENTS].sort());
    expect(REPLACE_FIELDS.filter((field) => UPDATE_FIELDS.includes(field))).toEqual([]);
  });

  it("keeps what create applied for exactly the create-only fields whose echo the API does not promise", () => {
    expect(APPLIED_FIELDS).toEqual(["customizedFields", "customizedFileName"]);
  });

  it("puts every API field into the create body, and only the updatable ones into the PUT body", () => {
    const apiNames = ARGUMENTS.map((name) => ARGUMENT_FIELDS[name]).flatMap((f) =>
      "api" in f ? [f.api] : [],
    );
    expect(Object.keys(toApiCreate(EVERY)).sort()).toEqual([...apiNames].sort());
    expect(toApiCreate(EVERY)).toMatchObject({
      customized_field: "timestamp_start,src_addr",
      aggregation_interval: 5,
    });
    const update: ApiLoggerUpdate = toApiUpdate(EVERY);
    expect(update).toEqual({ name: "web", description: "d", admin_state_up: false });
  });

  it("maps an API logger back to every output, carrying what the API does not show", () => {
    const api = {
      id: "3e84619a-1e49-4b19-b353-a15f7d278f94",
      ...toApiCreate(EVERY),
      status: "INACTIVE",
      error_type: "",
      tenant_id: "t",
      created_at: "2024-08-04 05:22:57",
      updated_at: "2024-08-04 05:27:35.226363",
    } as unknown as ApiLogger;
    delete (api as { customized_file_name?: string }).customized_file_name;
    const outputs = toOutputs(api, EVERY);
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_FIELDS].sort());
    expect(outputs).toMatchObject({
      ...EVERY,
      projectId: "t",
      createdAt: "2024-08-04T05:22:57.000Z",
      updatedAt: "2024-08-04T05:27:35.226Z",
    });
  });
});
