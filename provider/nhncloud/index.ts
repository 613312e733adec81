export { getFlowLogLoggers, getFlowLogLoggersOutput } from "./data/flowlog-loggers";
export {
  getLoggingPort,
  getLoggingPortOutput,
  getLoggingPorts,
  getLoggingPortsOutput,
} from "./data/logging-ports";
export type {
  GetLoggingPortArgs,
  GetLoggingPortOutputArgs,
  GetLoggingPortResult,
  GetLoggingPortsArgs,
  GetLoggingPortsOutputArgs,
  GetLoggingPortsResult,
  LoggingPort,
  LookupOptions,
  LookupOutputOptions,
} from "./data/types";
export { FlowLogLogger } from "./flowlog-logger/resource";
export type {
  CompressionType,
  CustomizedField,
  FlowLogLoggerArgs,
  FlowLogLoggerInfo,
  FlowLogLoggerOutputs,
  FlowLogLoggerState,
  GetFlowLogLoggersArgs,
  GetFlowLogLoggersOutputArgs,
  GetFlowLogLoggersResult,
  LogFormat,
  LoggerFilter,
  LoggerStatus,
  ResourceType,
  StorageType,
} from "./flowlog-logger/types";
