/**
 * pulumi-flowlog: VPC flow logs on NHN Cloud and NAVER Cloud Platform as Pulumi resources.
 *
 *     import { nhncloud, ncloud } from "pulumi-flowlog";
 */

export { ErrorCodes, FlowLogError, isFlowLogError } from "./common/errors";
export * as ncloud from "./ncloud";
export * as nhncloud from "./nhncloud";
