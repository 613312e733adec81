import { randomBytes } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { ErrorCodes, FlowLogError, isFlowLogError } from "../../common/errors";
import type { ConfigLookup } from "../../common/settings";
import { isUnknown, UNKNOWN } from "../../common/unknown";
import type { ApiLogger } from "../api";
import { type NhnClient, nhnClientFor } from "../client";
import { configuredRegion as configuredRegionOf, resolveNhnSettings } from "../config";
import { readerFor } from "../read-batcher";
import { adopt } from "./adopt";
import {
  ARGUMENTS,
  inputsOf,
  LoggerArgs,
  type LoggerInputs,
  type LoggerOutputs,
  REPLACE_FIELDS,
  same,
  toApiCreate,
  toApiUpdate,
  toOutputs,
  UPDATE_FIELDS,
} from "./schema";
import { explainError, waitUntilGone, waitUntilSettled } from "./wait";

type Props = Record<string, unknown>;
type Inputs = LoggerInputs & { __provider?: string };

/** Stack config handed over by `configure`; credentials are read from it (or the environment) at run time. */
let config: ConfigLookup = () => undefined;

function client(region: string | undefined): NhnClient {
  return nhnClientFor(resolveNhnSettings(config, process.env, region));
}

const configuredRegion = (): string | undefined => configuredRegionOf(config, process.env);

const AUTO_NAME_SUFFIX = /^[a-z0-9]{7}$/;
const autoNameBase = (pulumiName: unknown): string =>
  (typeof pulumiName === "string" ? pulumiName : "flowlog-logger").slice(0, 247);

/** Whether `name` is an auto-name for this Pulumi name (the base, a dash, 7 random characters). */
function isAutoName(name: unknown, pulumiName: unknown): boolean {
  const base = autoNameBase(pulumiName);
  return (
    typeof name === "string" &&
    name.startsWith(`${base}-`) &&
    AUTO_NAME_SUFFIX.test(name.slice(base.length + 1))
  );
}

/** Pulumi-style auto-name: the Pulumi name, a dash and 7 random characters, kept across updates. */
function autoName(olds: Props, pulumiName: string | undefined): string {
  if (olds.pulumiName === pulumiName && isAutoName(olds.name, pulumiName)) return olds.name as string;
  const suffix = [...randomBytes(7)]
    .map((byte) => "abcdefghijklmnopqrstuvwxyz0123456789"[byte % 36])
    .join("");
  return `${autoNameBase(pulumiName)}-${suffix}`;
}

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
};

/** Validates user input without calling the API; unknown values (preview) are passed through untouched. */
function check(olds: Props, news: Props): pulumi.dynamic.CheckResult {
  const { __provider, ...args } = news;
  const unknownKeys = Object.keys(args).filter((key) => key in LoggerArgs.shape && isUnknown(args[key]));
  const known = Object.fromEntries(Object.entries(args).filter(([key]) => !unknownKeys.includes(key)));
  const mask = Object.fromEntries(unknownKeys.map((key) => [key, true])) as {
    [K in keyof typeof LoggerArgs.shape]?: true;
  };
  const parsed = LoggerArgs.partial(mask).safeParse(known);
  if (!parsed.success) {
    const failures = parsed.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          property: key,
          reason: `${key} is not an argument of FlowLogLogger; arguments are ${ARGUMENTS.join(", ")}`,
        }));
      }
      const [property = "(args)", ...rest] = issue.path.map(String);
      const label = rest.length > 0 ? `${property}[${rest.join("][")}]` : property;
      const value = issue.path.reduce<unknown>(
        (at, key) => (at as Record<PropertyKey, unknown>)?.[key],
        known,
      );
      const got = value === undefined ? "" : ` (got ${shown(value)})`;
      return [{ property, reason: `${label} ${issue.message}${got}` }];
    });
    return { inputs: news, failures };
  }
  const inputs: Props = { ...parsed.data };
  for (const key of unknownKeys) inputs[key] = UNKNOWN;
  if (inputs.name === undefined) inputs.name = autoName(olds, parsed.data.pulumiName);
  if (inputs.region === undefined) {
    const region = configuredRegion();
    if (!region) {
      const reason =
        "region is not set: pass the region argument, or set stack config nhncloud:region (or OS_REGION_NAME)";
      return { inputs: news, failures: [{ property: "region", reason }] };
    }
    inputs.region = region;
  }
  return { inputs, failures: [] };
}

/** In place for name/description/adminStateUp; replacement for every field in REPLACE_FIELDS. */
function diff(id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const changed = (field: string): boolean => {
    const next = news[field];
    if (next === undefined) return false;
    if (isUnknown(next)) return true;
    if (field === "adoptId") return next !== id && next !== olds.adoptId;
    // State written by an older version may lack a field: that is no reason to touch the logger.
    return olds[field] !== undefined && !same(olds[field], next);
  };
  const replaces = REPLACE_FIELDS.filter(changed);
  const updates = UPDATE_FIELDS.filter(changed);
  // Create-before-delete would meet the old logger under the same name on the same resource, which create
  // refuses (it never duplicates a logger): such a replacement deletes first. An auto-name is regenerated
  // for the replacement (the engine re-runs check without olds), so it can be created first.
  const sameIdentity =
    !isUnknown(news.name) &&
    !isAutoName(news.name, news.pulumiName) &&
    same(olds.name, news.name) &&
    same(olds.resourceId, news.resourceId);
  return {
    changes: replaces.length + updates.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && sameIdentity,
  };
}

/** A failure after the logger exists: the engine records it with these outputs, so nothing is orphaned. */
function partialFailure(message: string, id: string, outputs: LoggerOutputs, provider: unknown): Error {
  return Object.assign(new Error(message), {
    id,
    properties: { ...outputs, __provider: provider },
    reasons: [message],
  });
}

async function settle(nhn: NhnClient, logger: ApiLogger, inputs: Inputs): Promise<LoggerOutputs> {
  let settled: ApiLogger = logger;
  try {
    settled = await waitUntilSettled(nhn, logger);
  } catch (error) {
    const outputs = toOutputs(settled, inputs);
    throw partialFailure((error as Error).message, logger.id, outputs, inputs.__provider);
  }
  const outputs = toOutputs(settled, inputs);
  if (settled.status === "ERROR") {
    const message = `${explainError(settled)} The logger is kept in the stack: fix the cause and run \`pulumi up\` again, or \`pulumi destroy\` to delete it.`;
    throw partialFailure(message, settled.id, outputs, inputs.__provider);
  }
  return outputs;
}

/** POSTs once; if the response was lost, finds the logger that this POST made instead of making another. */
async function createOnce(nhn: NhnClient, inputs: Inputs): Promise<ApiLogger> {
  const query = { name: inputs.name, resource_id: inputs.resourceId };
  for (let attempt = 1; ; attempt++) {
    try {
      return await nhn.createLogger(toApiCreate(inputs));
    } catch (error) {
      if (!isFlowLogError(error, ErrorCodes.outcomeUnknown)) throw error;
      // Look even after the last attempt: that POST may be the one that made the logger.
      const made = await nhn.listLoggers(
        query,
        `look for the logger "${inputs.name}" an interrupted create made`,
      );
      if (made.length > 0) return made[0];
      if (attempt >= 3) throw error;
    }
  }
}

async function create(props: Props): Promise<pulumi.dynamic.CreateResult> {
  const inputs = props as unknown as Inputs;
  const nhn = client(inputs.region);
  if (inputs.adoptId) return adopt(nhn, inputs, (logger) => settle(nhn, logger, inputs));
  const existing = await nhn.listLoggers(
    { name: inputs.name, resource_id: inputs.resourceId },
    `look for an existing logger "${inputs.name}" before creating it`,
  );
  if (existing.length > 0) {
    const ids = existing.map((logger) => logger.id).join(", ");
    throw new FlowLogError(
      ErrorCodes.conflict,
      `a flow log logger named "${inputs.name}" already logs ${inputs.resourceType} ${inputs.resourceId} in ${nhn.region} (id ${ids}). ` +
        `It is not managed by this stack: set adoptId: "${existing[0].id}" to take it over, or choose another name.`,
      { operation: `create flow log logger "${inputs.name}"` },
    );
  }
  const logger = await createOnce(nhn, inputs);
  return { id: logger.id, outs: await settle(nhn, logger, inputs) };
}

async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const region = typeof props.region === "string" ? props.region : configuredRegion();
  const nhn = client(region);
  const live = await readerFor(nhn).get(id);
  if (!live) return { id: "", props: {} };
  const outputs = toOutputs(live, { ...(props as Partial<Inputs>), region: nhn.region });
  return { id, props: outputs, inputs: inputsOf(outputs) };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
  const inputs = news as unknown as Inputs;
  const nhn = client(inputs.region);
  const changed = UPDATE_FIELDS.some((field) => !same(olds[field], inputs[field]));
  const logger = changed ? await nhn.updateLogger(id, toApiUpdate(inputs)) : await nhn.getLogger(id);
  if (!logger) {
    throw new FlowLogError(
      ErrorCodes.notFound,
      `flow log logger ${id} no longer exists; run \`pulumi refresh\``,
      {
        operation: `update flow log logger ${id}`,
      },
    );
  }
  return { outs: await settle(nhn, logger, inputs) };
}

async function remove(id: string, props: Props): Promise<void> {
  const nhn = client(typeof props.region === "string" ? props.region : undefined);
  if (await nhn.deleteLogger(id)) await waitUntilGone(nhn, id);
}

/** The real provider; the serialized shim in state `require`s this module of the installed package. */
export const provider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    config = (key) => req.config.get(key);
  },
  check: async (olds, news) => check(olds, news),
  diff: async (id, olds, news) => diff(id, olds, news),
  create,
  read,
  update,
  delete: remove,
};
