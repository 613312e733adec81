import { isFlowLogError, messageOf } from "../common/errors";
import type { PulumiSdk } from "./sdk";
import { pluginWording } from "./wording";

type Props = Record<string, unknown>;

export interface ServiceError extends Error {
  code: number;
  details: string;
  metadata: InstanceType<PulumiSdk["grpc"]["Metadata"]>;
}

/** A value as a protobuf Struct takes it: no `undefined` ("Unexpected struct type"). */
export const plain = (value: Props): Props => JSON.parse(JSON.stringify(value)) as Props;

const isPartial = (
  error: unknown,
): error is { id: string; properties: Props; reasons?: string[]; message: string } =>
  isFlowLogError(error) &&
  typeof (error as { id?: unknown }).id === "string" &&
  typeof (error as { properties?: unknown }).properties === "object";

/**
 * An error as the engine expects it: the core's message (config keys named as the plugin's); a partial failure (the resource exists) carries an ErrorResourceInitFailed detail with its id
 * and state, exactly as the SDK's own provider server packs it (sdk/nodejs/provider/server.ts).
 */
export function serviceError(
  sdk: PulumiSdk,
  error: unknown,
  options: {
    code?: number;
    suffix?: string;
    rewrite?: (message: string) => string;
    stateOf?: (props: Props) => Props;
  } = {},
): ServiceError {
  const rewrite = options.rewrite ?? ((text: string) => text);
  const message = `${rewrite(pluginWording(messageOf(error)))}${options.suffix ?? ""}`;
  const code = options.code ?? sdk.grpc.status.UNKNOWN;
  const metadata = new sdk.grpc.Metadata();
  if (isPartial(error)) {
    const { __provider, ...properties } = error.properties;
    const detail = new sdk.provider.ErrorResourceInitFailed();
    detail.setId(error.id);
    detail.setProperties(
      sdk.struct.Struct.fromJavaScript(plain((options.stateOf ?? ((p) => p))(properties)) as never),
    );
    detail.setReasonsList([message]);
    const any = new sdk.any.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new sdk.status.Status();
    status.setCode(code);
    status.setMessage(message);
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code, details: message, metadata });
}
