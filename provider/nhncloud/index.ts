export { FlowLogLogger, type FlowLogLoggerArgs } from "./flowlog-logger/resource";
