import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/* The SDK's generated gRPC code is plain JS; these are the few shapes the kit touches. */
export type Json = Record<string, unknown>;
export interface Struct {
  toJavaScript(): Json;
}
export type Message = Record<string, (...args: unknown[]) => unknown>;
export type Callback = (error: GrpcError | null, response: Message) => void;
export type GrpcClient = Record<string, (request: unknown, callback: Callback) => void> & { close(): void };
export interface GrpcError extends Error {
  code: number;
  details: string;
  metadata?: { get(key: string): Buffer[] };
}

/** One copy of `@pulumi/pulumi` and the gRPC/protobuf modules it uses: the user's, so the program and the kit agree. */
export interface Sdk {
  /** The folder of `@pulumi/pulumi`. */
  dir: string;
  /** `@pulumi/pulumi/cmd/dynamic-provider`: the host the Pulumi CLI starts for dynamic resources. */
  hostMain: string;
  grpc: { credentials: { createInsecure(): unknown } };
  Struct: { fromJavaScript(value: Json): Struct };
  provider: Record<string, new () => Message> & {
    ErrorResourceInitFailed: { deserializeBinary(bytes: Uint8Array): Message };
  };
  ResourceProviderClient: new (address: string, credentials: unknown) => GrpcClient;
  Status: { deserializeBinary(bytes: Uint8Array): Message };
  /** Modules the SDK depends on (js-yaml, ...), resolved from its folder. */
  dependency(id: string): unknown;
}

const loaded = new Map<string, Sdk>();

/** Where `@pulumi/pulumi` resolves from `projectDir`; else this package's own peer (a folder that only links us). */
export function sdkDir(projectDir?: string): string {
  const paths = projectDir ? [projectDir] : undefined;
  try {
    return dirname(require.resolve("@pulumi/pulumi/package.json", { paths }));
  } catch (error) {
    if (!projectDir) throw error;
    return sdkDir();
  }
}

/** Loads the SDK the project in `projectDir` uses (cached per copy). */
export function loadSdk(projectDir?: string): Sdk {
  const dir = sdkDir(projectDir);
  const cached = loaded.get(dir);
  if (cached) return cached;
  const dependency = (id: string): unknown => require(require.resolve(id, { paths: [dir] }));
  const fromSdk = (file: string): unknown => require(join(dir, file));
  const hostMain = join(dir, "cmd", "dynamic-provider", "index.js");
  if (!existsSync(hostMain))
    throw new Error(`${dir} has no cmd/dynamic-provider: @pulumi/pulumi 3.x is needed`);
  const sdk: Sdk = {
    dir,
    hostMain,
    grpc: dependency("@grpc/grpc-js") as Sdk["grpc"],
    Struct: (dependency("google-protobuf/google/protobuf/struct_pb") as { Struct: Sdk["Struct"] }).Struct,
    provider: fromSdk("proto/provider_pb") as Sdk["provider"],
    ResourceProviderClient: (fromSdk("proto/provider_grpc_pb") as Pick<Sdk, "ResourceProviderClient">)
      .ResourceProviderClient,
    Status: (fromSdk("proto/status_pb") as Pick<Sdk, "Status">).Status,
    dependency,
  };
  loaded.set(dir, sdk);
  return sdk;
}
