import { getFlowLogLoggers } from "../nhncloud/data/flowlog-loggers";
import { getLoggingPort, getLoggingPorts } from "../nhncloud/data/logging-ports";

type Props = Record<string, unknown>;

/** The data functions' invoke options carry the region; over Invoke it is an argument like the others. */
function split(args: Props): [Props, { region?: string }] {
  const { region, ...rest } = args;
  return [rest, typeof region === "string" ? { region } : {}];
}

/** Every function of the schema, by token: the dynamic path's data functions, as they are. */
export const FUNCTIONS: Readonly<Record<string, (args: Props) => Promise<unknown>>> = {
  "flowlog:nhncloud:getLoggingPorts": (args) => getLoggingPorts(...split(args)),
  "flowlog:nhncloud:getLoggingPort": (args) => {
    const [rest, opts] = split(args);
    return getLoggingPort(rest as { id: string }, opts);
  },
  "flowlog:nhncloud:getFlowLogLoggers": (args) => getFlowLogLoggers(...split(args)),
};
