export {
  type CollectActionTypeCode,
  FlowLog,
  type FlowLogArgs,
  type FlowLogOutputs,
  type FlowLogState,
  type StorageTypeCode,
} from "./flow-log/resource";
