import type { DiagnosticSink } from "../common/diagnostics";
import type { PulumiSdk } from "./sdk";

/**
 * The engine's `Log` RPC as the core's diagnostics sink: every line at debug level (`pulumi up -v=9
 * --logtostderr`, or `--debug`), and each wait's progress on the resource's status line (ephemeral).
 * Lines are fire-and-forget: a log the engine does not take never fails an operation.
 */
export function engineLog(sdk: PulumiSdk, address: string): { sink: DiagnosticSink; close(): void } {
  const client = new sdk.engineGrpc.EngineClient(address, sdk.grpc.credentials.createInsecure());
  const send = (severity: number, message: string, urn: string | undefined, ephemeral: boolean) => {
    const request = new sdk.engine.LogRequest();
    request.setSeverity(severity as never);
    request.setMessage(message);
    if (urn) request.setUrn(urn);
    request.setEphemeral(ephemeral);
    client.log(request, () => undefined);
  };
  const { DEBUG, INFO } = sdk.engine.LogSeverity;
  return {
    sink(line, event, scope) {
      send(DEBUG, `flowlog: ${line}`, scope?.urn, false);
      if (event.kind === "wait" && scope?.urn) send(INFO, line, scope.urn, true);
    },
    close: () => client.close(),
  };
}
