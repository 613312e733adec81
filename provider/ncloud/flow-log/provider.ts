import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { ErrorCodes, FlowLogError, isFlowLogError, messageOf } from "../../common/errors";
import type { ConfigLookup } from "../../common/settings";
import { isUnknown } from "../../common/unknown";
import type { ApiFlowLogConfiguration } from "../api";
import { ncloudClientFor } from "../client";
import { resolveNcloudRegion, resolveNcloudSettings } from "../config";
import {
  FLOW_LOG_FIELDS,
  FlowLogArgs,
  type FlowLogState,
  fromApi,
  REPLACE_FIELDS,
  toApiEnable,
} from "./schema";

type Props = Record<string, unknown>;
const PROVIDER_KEY = "__provider";

/** The stack config the host passed to `configure`; credentials are resolved from it (or the environment) per call. */
let stackConfig: ConfigLookup = () => undefined;

const client = () => ncloudClientFor(resolveNcloudSettings(stackConfig, process.env));
const defaultRegion = () => resolveNcloudRegion(stackConfig, process.env);

const withoutProvider = ({ [PROVIDER_KEY]: _, ...rest }: Props): Props => rest;

function toFailures(issues: z.core.$ZodIssue[]): pulumi.dynamic.CheckFailure[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        property: key,
        reason: `"${key}" is not an argument of ncloud.FlowLog; the arguments are ${FLOW_LOG_FIELDS.join(", ")}`,
      }));
    }
    const property = issue.path.join(".");
    const got = issue.input === undefined ? "" : ` (got ${JSON.stringify(issue.input)})`;
    return [{ property, reason: `${property} ${issue.message}${got}` }];
  });
}

/** Validates and fills defaults; fields not known yet (preview) are kept as they are and never fail. */
function checkArgs(news: Props): { state?: Props; failures: pulumi.dynamic.CheckFailure[] } {
  const given = withoutProvider(news);
  const unknown = Object.keys(given).filter((key) => isUnknown(given[key]));
  const mask: { [K in keyof FlowLogState]?: true } = Object.fromEntries(
    unknown.filter((key) => key in FlowLogArgs.shape).map((key) => [key, true]),
  );
  const known = Object.fromEntries(Object.entries(given).filter(([key]) => !unknown.includes(key)));
  const parsed = FlowLogArgs.omit(mask).safeParse(known, { reportInput: true });
  if (!parsed.success) return { failures: toFailures(parsed.error.issues) };
  const state: Props = { ...parsed.data, ...Object.fromEntries(unknown.map((key) => [key, given[key]])) };
  if (state.regionCode === undefined) state.regionCode = defaultRegion();
  return { state, failures: [] };
}

/** Checked inputs as the resource's state; they were checked already, so a failure here is a bug or a hand-edited state. */
function stateOf(inputs: Props, operation: string): FlowLogState {
  const { state, failures } = checkArgs(inputs);
  if (!state || Object.values(state).some(isUnknown)) {
    const reasons = failures.map((failure) => failure.reason).join("; ") || "some values are not known";
    throw new FlowLogError(ErrorCodes.input, `ncloud.FlowLog: invalid arguments: ${reasons}`, { operation });
  }
  return state as FlowLogState;
}

const regionOf = (props: Props | undefined): string =>
  typeof props?.regionCode === "string" && !isUnknown(props.regionCode) ? props.regionCode : defaultRegion();

function assertInterfaceNo(id: string, operation: string): string {
  if (!/^\d+$/.test(id)) {
    const message = `${operation}: the id must be a network interface number (digits), got "${id}"`;
    throw new FlowLogError(ErrorCodes.input, message, { operation });
  }
  return id;
}

function alreadyEnabled(existing: ApiFlowLogConfiguration, state: FlowLogState): FlowLogError {
  const nic = state.networkInterfaceNo;
  const current = fromApi(existing, state.regionCode);
  const settings = (
    [
      "collectActionTypeCode",
      "collectIntervalMinute",
      "storageTypeCode",
      "storageBucketName",
      "storageBucketDirectoryName",
    ] as const
  )
    .map((key) => `${key}=${JSON.stringify(current[key])}`)
    .join(", ");
  return new FlowLogError(
    ErrorCodes.conflict,
    `Network interface ${nic} in ${state.regionCode} already has a flow log (${settings}). NCloud keeps one flow log per ` +
      "interface and enableFlowLog would silently replace it, so it was left untouched. To manage it from this stack, " +
      `disable it first (NCloud console, or the API's disableFlowLog with networkInterfaceNo=${nic}) and run \`pulumi up\` ` +
      `again; to only read it into the stack, use ncloud.FlowLog.get("<name>", "${nic}").`,
    { operation: `create the flow log of network interface ${nic}` },
  );
}

/** The flow log exists but we could not confirm its settings: the engine records it (id and properties) as created but not initialized. */
function initFailed(state: FlowLogState, inputs: Props, error: unknown): Error {
  const message = `the flow log of network interface ${state.networkInterfaceNo} may have been enabled, but reading it back failed: ${messageOf(error)}; run \`pulumi refresh\``;
  return Object.assign(new FlowLogError(ErrorCodes.state, message, { operation: "create flow log" }), {
    id: state.networkInterfaceNo,
    properties: { ...state, [PROVIDER_KEY]: inputs[PROVIDER_KEY] },
    reasons: [message],
  });
}

/** The real provider behind `providerShim`: loaded from the installed package by the dynamic-provider host. */
export const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async configure(req) {
    stackConfig = (key) => {
      const value: unknown = req.config.get(key);
      return value === undefined || value === null ? undefined : String(value);
    };
  },

  async check(_olds, news) {
    const { state, failures } = checkArgs(news);
    return state ? { inputs: state } : { inputs: news, failures };
  },

  async diff(_id, olds, news) {
    const replaces = REPLACE_FIELDS.filter((field) => isUnknown(news[field]) || olds[field] !== news[field]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const state = stateOf(inputs, "create flow log");
    const { networkInterfaceNo: nic, regionCode } = state;
    const api = client();
    const existing = await api.getFlowLog(nic, regionCode);
    if (existing) throw alreadyEnabled(existing, state);
    let outcomeUnknown: FlowLogError | undefined;
    try {
      await api.enableFlowLog(toApiEnable(state));
    } catch (error) {
      // The read-back below tells whether an ambiguous enable took effect.
      if (!isFlowLogError(error, ErrorCodes.outcomeUnknown)) throw error;
      outcomeUnknown = error;
    }
    let created: ApiFlowLogConfiguration | undefined;
    try {
      created = await api.getFlowLog(nic, regionCode);
    } catch (error) {
      throw initFailed(state, inputs, error);
    }
    if (!created && outcomeUnknown) {
      const message = `${outcomeUnknown.message}. It did not: the interface has no flow log; run \`pulumi up\` again`;
      throw new FlowLogError(ErrorCodes.network, message, { operation: outcomeUnknown.operation });
    }
    const outs = created ? fromApi(created, regionCode) : state;
    return { id: nic, outs };
  },

  async read(id, props) {
    const regionCode = regionOf(props);
    const cfg = await client().getFlowLog(assertInterfaceNo(id, "read flow log"), regionCode);
    if (!cfg) return { id: "" };
    const state = fromApi(cfg, regionCode);
    return { id, props: state, inputs: state };
  },

  async update(id, olds, news) {
    const state = stateOf(news, "update flow log");
    const changed = REPLACE_FIELDS.filter((field) => olds[field] !== state[field]);
    if (changed.length > 0) {
      throw new FlowLogError(
        ErrorCodes.state,
        `ncloud.FlowLog ${id}: NCloud flow logs cannot be changed in place (${changed.join(", ")}); every field forces a replacement, so this update is a provider bug`,
        { operation: "update flow log" },
      );
    }
    // The engine sends an unchanged update to a resource whose create failed to initialize: confirm it now.
    const cfg = await client().getFlowLog(id, state.regionCode);
    if (!cfg) {
      const message = `Network interface ${id} in ${state.regionCode} has no flow log; run \`pulumi refresh\``;
      throw new FlowLogError(ErrorCodes.notFound, message, { operation: "update flow log" });
    }
    return { outs: fromApi(cfg, state.regionCode) };
  },

  async delete(id, props) {
    const regionCode = regionOf(props);
    const api = client();
    for (let attempt = 1; ; attempt++) {
      try {
        await api.disableFlowLog(assertInterfaceNo(id, "delete flow log"), regionCode);
        return;
      } catch (error) {
        if (!isFlowLogError(error, ErrorCodes.outcomeUnknown) || attempt > 1) throw error;
        // Gone already means the ambiguous disable worked; still there means it did not, and trying again is safe.
        if (!(await api.getFlowLog(id, regionCode))) return;
      }
    }
  },
};
