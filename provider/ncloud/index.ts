export { FlowLog, type FlowLogArgs } from "./flow-log/resource";
