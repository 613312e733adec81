import { quoted } from "../common/errors";

/** What the failing action was about, to name in the explanation. */
export interface ActionContext {
  networkInterfaceNo?: string;
  regionCode?: string;
  storageBucketName?: string;
  storageBucketDirectoryName?: string;
}

const nic = (c: ActionContext) => `network interface ${quoted(c.networkInterfaceNo ?? "?", 20)}`;
const region = (c: ActionContext) => `region ${quoted(c.regionCode ?? "?", 16)}`;
const bucket = (c: ActionContext) => `the bucket ${quoted(c.storageBucketName ?? "?", 63)}`;

/**
 * Plain words for the return codes enableFlowLog's reference lists (plus 14016, disableFlowLog's answer
 * for an interface without a flow log). The reference gives each code's message, not its cause: where the
 * cause is our inference, the text says "usually".
 */
const EXPLANATIONS: Record<string, (c: ActionContext) => string> = {
  "1000100": (c) =>
    `NCloud could not apply the flow log; usually ${bucket(c)} does not exist in ${region(c)}, or NCloud's flow ` +
    "log service may not write to it. Check the bucket in Object Storage for that region",
  "1000101": () =>
    "NCloud says the required parameter networkInterfaceNo is missing; this provider always sends it, so " +
    "usually a proxy between here and the API gateway dropped the request's parameters",
  "1000102": () =>
    "NCloud says the required parameter storageBucketName is missing; this provider always sends it, so " +
    "usually a proxy between here and the API gateway dropped the request's parameters",
  "1099000": (c) =>
    `NCloud refused a parameter value; usually ${nic(c)} does not exist in ${region(c)} (or is not a VPC ` +
    `interface), or NCloud does not accept ${bucket(c)} or the directory ${quoted(c.storageBucketDirectoryName ?? "?")}`,
  "14016": (c) => `NCloud says ${nic(c)} in ${region(c)} has no flow log; usually it was disabled already`,
};

/** The explanation of an NCloud return code, or undefined when there is none to give. */
export function explainReturnCode(code: string | undefined, context: ActionContext): string | undefined {
  return code !== undefined && Object.hasOwn(EXPLANATIONS, code) ? EXPLANATIONS[code](context) : undefined;
}
