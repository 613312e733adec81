import { dirname } from "node:path";

/**
 * The gRPC runtime and the generated stubs, taken from the copy of `@pulumi/pulumi` (a peer dependency) this
 * package resolves, so that the plugin speaks exactly the protocol of the SDK installed beside it and adds no
 * gRPC dependency of its own. `@grpc/grpc-js` and `google-protobuf` are resolved from the SDK's folder: the
 * stubs must share their classes. Only the types are imported statically.
 */
type Grpc = typeof import("@grpc/grpc-js");
type ProviderPb = typeof import("@pulumi/pulumi/proto/provider_pb");
type ProviderGrpc = typeof import("@pulumi/pulumi/proto/provider_grpc_pb");
type EnginePb = typeof import("@pulumi/pulumi/proto/engine_pb");
type EngineGrpc = typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
type PluginPb = typeof import("@pulumi/pulumi/proto/plugin_pb");
type StatusPb = typeof import("@pulumi/pulumi/proto/status_pb");
type StructPb = typeof import("google-protobuf/google/protobuf/struct_pb");
type EmptyPb = typeof import("google-protobuf/google/protobuf/empty_pb");
type AnyPb = typeof import("google-protobuf/google/protobuf/any_pb");

export interface PulumiSdk {
  /** The folder of `@pulumi/pulumi`. */
  dir: string;
  grpc: Grpc;
  provider: ProviderPb;
  providerGrpc: ProviderGrpc;
  engine: EnginePb;
  engineGrpc: EngineGrpc;
  plugin: PluginPb;
  status: StatusPb;
  struct: StructPb;
  empty: EmptyPb;
  any: AnyPb;
}

let loaded: PulumiSdk | undefined;

/** The SDK `from` resolves (default: the one beside this package). */
export function pulumiSdk(from?: string): PulumiSdk {
  if (loaded && from === undefined) return loaded;
  const dir = dirname(require.resolve("@pulumi/pulumi/package.json", from ? { paths: [from] } : undefined));
  const load = <T>(id: string): T => require(require.resolve(id, { paths: [dir] })) as T;
  const sdk: PulumiSdk = {
    dir,
    grpc: load<Grpc>("@grpc/grpc-js"),
    provider: load<ProviderPb>("@pulumi/pulumi/proto/provider_pb"),
    providerGrpc: load<ProviderGrpc>("@pulumi/pulumi/proto/provider_grpc_pb"),
    engine: load<EnginePb>("@pulumi/pulumi/proto/engine_pb"),
    engineGrpc: load<EngineGrpc>("@pulumi/pulumi/proto/engine_grpc_pb"),
    plugin: load<PluginPb>("@pulumi/pulumi/proto/plugin_pb"),
    status: load<StatusPb>("@pulumi/pulumi/proto/status_pb"),
    struct: load<StructPb>("google-protobuf/google/protobuf/struct_pb"),
    empty: load<EmptyPb>("google-protobuf/google/protobuf/empty_pb"),
    any: load<AnyPb>("google-protobuf/google/protobuf/any_pb"),
  };
  if (from === undefined) loaded = sdk;
  return sdk;
}
