import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, describeFailure, failuresOf } from "../../common/check";
import { ErrorCodes, FlowLogError, isFlowLogError, partialFailure, quoted } from "../../common/errors";
import { type ConfigLookup, StackConfig } from "../../common/settings";
import { isUnknown } from "../../common/unknown";
import type { ApiFlowLogConfiguration } from "../api";
import { type NcloudClient, ncloudClientFor } from "../client";
import { resolveNcloudRegion, resolveNcloudSettings } from "../config";
import { enable, waitUntilDisabled } from "./apply";
import { FLOW_LOG_FIELDS, FlowLogArgs, type FlowLogState, fromApi, REPLACE_FIELDS, SETTINGS } from "./schema";

type Props = Record<string, unknown>;
const SUBJECT = "ncloud.FlowLog";

/** Stack config handed over by `configure`; credentials are read from it (or the environment) at run time. */
const stack = new StackConfig();
const stackConfig = (): ConfigLookup => stack.get();

const client = (): NcloudClient => ncloudClientFor(resolveNcloudSettings(stackConfig(), process.env));
const defaultRegion = (): string => resolveNcloudRegion(stackConfig(), process.env);

/** Validates and fills defaults without calling the API; values not known yet (preview) are kept as they are. */
function check(news: Props): pulumi.dynamic.CheckResult<Props> {
  const { inputs, failures } = checkInputs(FlowLogArgs, news, SUBJECT, FLOW_LOG_FIELDS);
  if (failures.length > 0) return { inputs: news, failures };
  // The settings too, at preview and before any call: every missing or invalid one in one message.
  resolveNcloudSettings(stackConfig(), process.env);
  if (inputs.regionCode === undefined) inputs.regionCode = defaultRegion();
  return { inputs, failures: [] };
}

/** Checked inputs as the resource's state, parsed again: a failure here is a bug or a hand-edited state. */
function stateOf(props: Props, operation: string): FlowLogState {
  const { __provider, ...args } = props;
  const parsed = FlowLogArgs.safeParse(args);
  const unknown = Object.keys(args).filter((key) => isUnknown(args[key]));
  if (!parsed.success || unknown.length > 0) {
    const reasons = parsed.success
      ? [`${unknown.join(", ")} not known yet`]
      : failuresOf(parsed.error.issues, args, SUBJECT, FLOW_LOG_FIELDS).map(describeFailure);
    throw new FlowLogError(ErrorCodes.input, `${SUBJECT}: invalid arguments: ${reasons.join("; ")}`, {
      operation,
    });
  }
  return { ...parsed.data, regionCode: parsed.data.regionCode ?? defaultRegion() };
}

const regionOf = (props: Props | undefined): string =>
  typeof props?.regionCode === "string" && !isUnknown(props.regionCode) ? props.regionCode : defaultRegion();

/** Ids come from the engine (state, `get`): 1 to 20 digits, length checked first, quoted only in part. */
function assertInterfaceNo(id: string, operation: string): string {
  if (typeof id !== "string" || id.length < 1 || id.length > 20 || !/^\d+$/.test(id)) {
    const message = `${operation}: the id must be a network interface number (1 to 20 digits), got ${quoted(id)}`;
    throw new FlowLogError(ErrorCodes.input, message, { operation });
  }
  return id;
}

/** The settings of `current` that differ from the program's, each with both values. */
const differing = (current: FlowLogState, state: FlowLogState): string[] =>
  SETTINGS.filter((key) => current[key] !== state[key]).map(
    (key) =>
      `${key}: the program says ${JSON.stringify(state[key])}, the interface has ${JSON.stringify(current[key])}`,
  );

/**
 * The interface has a flow log already. NCloud keeps no creation time and no owner, so nothing proves it
 * this stack's, even with every setting equal (an interrupted `up` of this stack, or someone else's): it
 * is taken over only when the program says so with `adoptExisting`, and only when identical.
 */
function alreadyEnabled(existing: ApiFlowLogConfiguration, state: FlowLogState): FlowLogError {
  const { networkInterfaceNo: nic, regionCode } = state;
  const current = fromApi(existing, regionCode);
  const differ = differing(current, state);
  const settings = SETTINGS.map((key) => `${key}=${JSON.stringify(current[key])}`).join(", ");
  const region = regionCode === defaultRegion() ? "" : `, { regionCode: "${regionCode}" }`;
  const operation = `create the flow log of network interface ${nic}`;
  if (differ.length === 0 && !state.adoptExisting) {
    return new FlowLogError(
      ErrorCodes.conflict,
      `Network interface ${nic} in ${regionCode} already has a flow log with exactly these settings (${settings}): ` +
        "left by an interrupted `pulumi up` of this stack, or made by someone else. NCloud records no creation time " +
        "or owner, so it cannot be proven this stack's, and it was left untouched. To manage it from this stack, set " +
        "adoptExisting: true and run `pulumi up` again.",
      { operation },
    );
  }
  return new FlowLogError(
    ErrorCodes.conflict,
    `Network interface ${nic} in ${regionCode} already has a flow log (${settings})` +
      (state.adoptExisting
        ? `, which adoptExisting cannot take over because it differs (${differ.join("; ")})`
        : "") +
      ". NCloud keeps one flow log per interface and enableFlowLog would silently replace it, so it was left untouched. " +
      "To manage it from this stack, change the program to match and set adoptExisting: true, or disable it first " +
      `(NCloud console, or the API's disableFlowLog with networkInterfaceNo=${nic}) and run \`pulumi up\` again; to ` +
      `only read it into the stack, use ncloud.FlowLog.get("<name>", "${nic}"${region}).`,
    { operation },
  );
}

/** The outputs: NCloud's configuration, and the program's `adoptExisting` when it set one. */
const outputsOf = (
  cfg: ApiFlowLogConfiguration,
  state: Pick<FlowLogState, "regionCode" | "adoptExisting">,
) => ({
  ...fromApi(cfg, state.regionCode),
  ...(state.adoptExisting === undefined ? {} : { adoptExisting: state.adoptExisting }),
});

async function create(inputs: Props): Promise<pulumi.dynamic.CreateResult<Props>> {
  const state = stateOf(inputs, "create flow log");
  const { networkInterfaceNo: nic, regionCode } = state;
  const api = client();
  const existing = await api.getFlowLog(nic, regionCode);
  if (existing && state.adoptExisting && differing(fromApi(existing, regionCode), state).length === 0)
    return { id: nic, outs: outputsOf(existing, state) };
  if (existing) throw alreadyEnabled(existing, state);
  let created: ApiFlowLogConfiguration | undefined;
  try {
    created = await enable(api, state);
  } catch (error) {
    if (!isFlowLogError(error, ErrorCodes.state)) throw error;
    // The flow log may exist: the engine records it (id and properties) as created but not initialized.
    throw partialFailure(error, nic, { ...state, __provider: inputs.__provider });
  }
  return { id: nic, outs: created ? outputsOf(created, state) : state };
}

async function read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult<Props>> {
  const regionCode = regionOf(props);
  const cfg = await client().getFlowLog(assertInterfaceNo(id, "read flow log"), regionCode);
  if (!cfg) return { id: "" };
  const adoptExisting = typeof props.adoptExisting === "boolean" ? props.adoptExisting : undefined;
  const state = outputsOf(cfg, { regionCode, adoptExisting });
  return { id, props: state, inputs: state };
}

async function update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult<Props>> {
  assertInterfaceNo(id, "update flow log");
  const state = stateOf(news, "update flow log");
  const changed = REPLACE_FIELDS.filter((field) => olds[field] !== state[field]);
  if (changed.length > 0) {
    throw new FlowLogError(
      ErrorCodes.state,
      `${SUBJECT} ${id}: NCloud flow logs cannot be changed in place (${changed.join(", ")}); every field forces a replacement, so this update is a provider bug`,
      { operation: "update flow log" },
    );
  }
  // The engine sends an unchanged update to a resource whose create failed to initialize: confirm it now.
  const cfg = await client().getFlowLog(id, state.regionCode);
  if (!cfg) {
    const message = `Network interface ${id} in ${state.regionCode} has no flow log; run \`pulumi refresh\``;
    throw new FlowLogError(ErrorCodes.notFound, message, { operation: "update flow log" });
  }
  return { outs: outputsOf(cfg, state) };
}

async function remove(id: string, props: Props): Promise<void> {
  const nic = assertInterfaceNo(id, "delete flow log");
  const regionCode = regionOf(props);
  const api = client();
  for (let attempt = 1; ; attempt++) {
    try {
      // false: the interface had no flow log, so there is nothing to wait for.
      if (!(await api.disableFlowLog(nic, regionCode))) return;
      break;
    } catch (error) {
      if (!isFlowLogError(error, ErrorCodes.outcomeUnknown) || attempt > 1) throw error;
      // Gone already means the ambiguous disable worked; still there means it did not, and trying again is safe.
      if (!(await api.getFlowLog(nic, regionCode))) return;
    }
  }
  await waitUntilDisabled(api, nic, regionCode);
}

/** The real provider behind `providerShim`: loaded from the installed package by the dynamic-provider host. */
export const provider: pulumi.dynamic.ResourceProvider<Props, Props> = {
  async configure(req) {
    stack.configure(req);
  },
  check: async (_olds, news) => check(news),
  async diff(_id, olds, news) {
    const replaces = REPLACE_FIELDS.filter((field) => isUnknown(news[field]) || olds[field] !== news[field]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },
  create,
  read,
  update,
  delete: remove,
};
