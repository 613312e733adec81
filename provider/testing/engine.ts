import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { pulumiSdk } from "../plugin/sdk";
import type { EngineLogEntry, TestEngine } from "./plugin-types";

const SEVERITIES: Record<number, EngineLogEntry["severity"]> = {
  0: "debug",
  1: "info",
  2: "warning",
  3: "error",
};

/**
 * A stand-in for the engine's own gRPC server (the `Engine` service a plugin logs to): it records each `Log`
 * call and answers the rest with empty replies.
 */
export async function startEngine(): Promise<TestEngine> {
  const sdk = pulumiSdk();
  const { grpc, engine: pb, empty } = sdk;
  const logs: EngineLogEntry[] = [];
  const server = new grpc.Server();
  const reply =
    <T>(make: () => T) =>
    (_call: unknown, callback: sendUnaryData<T>) =>
      callback(null, make());
  server.addService(sdk.engineGrpc.EngineService, {
    log(call: ServerUnaryCall<LogRequest, unknown>, callback: sendUnaryData<unknown>) {
      const request = call.request;
      logs.push({
        severity: SEVERITIES[request.getSeverity()] ?? "info",
        message: request.getMessage(),
        urn: request.getUrn(),
        ephemeral: request.getEphemeral(),
      });
      callback(null, new empty.Empty());
    },
    getRootResource: reply(() => new pb.GetRootResourceResponse()),
    setRootResource: reply(() => new pb.SetRootResourceResponse()),
    startDebugging: reply(() => new empty.Empty()),
    requirePulumiVersion: reply(() => new pb.RequirePulumiVersionResponse()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  let closing: Promise<void> | undefined;
  return {
    address: `127.0.0.1:${port}`,
    logs,
    close: () => {
      closing ??= new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      return closing;
    },
  };
}
