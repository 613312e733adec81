export { FlowLogLogger, type FlowLogLoggerArgs } from "./flowlog-logger/resource";
export type {
  CompressionType,
  CustomizedField,
  LogFormat,
  LoggerFilter,
  LoggerStatus,
  ResourceType,
  StorageType,
} from "./flowlog-logger/types";
export {
  type FlowLogLoggerInfo,
  type GetFlowLogLoggersArgs,
  type GetFlowLogLoggersResult,
  getFlowLogLoggers,
  getFlowLogLoggersOutput,
} from "./loggers";
export {
  type GetLoggingPortArgs,
  type GetLoggingPortResult,
  type GetLoggingPortsArgs,
  type GetLoggingPortsResult,
  getLoggingPort,
  getLoggingPortOutput,
  getLoggingPorts,
  getLoggingPortsOutput,
  type LoggingPort,
} from "./logging-ports";
export type { LookupOptions, LookupOutputOptions } from "./lookup";
