import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import * as readline from "node:readline";
import type { Client, Metadata, ServiceError } from "@grpc/grpc-js";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { type PulumiSdk, pulumiSdk } from "../plugin/sdk";
import { startEngine } from "./engine";
import type {
  CheckResult,
  DiffResult,
  InitFailure,
  PropertyDiffKind,
  PropertyMap,
  StartPluginOptions,
  TestPlugin,
} from "./plugin-types";
import { stop, track } from "./processes";

/** What a call to the plugin failed with: the gRPC status and the plugin's message. */
export class PluginCallError extends Error {
  /** The gRPC status code. */
  declare readonly code: number;
  /** Set when the resource was made but did not initialize (the engine keeps it). */
  declare readonly initFailed?: InitFailure;

  /**
   * @param code The gRPC status code (2 UNKNOWN for a provider error, 3 INVALID_ARGUMENT for a bad configuration).
   * @param message The plugin's message, as the engine prints it.
   * @param initFailed Set when the resource was made but did not initialize: the engine keeps it with this id and state.
   */
  constructor(code: number, message: string, initFailed?: InitFailure) {
    super(message);
    this.name = "PluginCallError";
    Object.assign(this, { code, ...(initFailed ? { initFailed } : {}) });
  }
}

/** A URN as the engine makes it: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function resourceUrn(type: string, name: string, project = "test", stack = "dev"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** The variables the providers read: a plugin under test is aimed by `configure` alone. */
const PROVIDER_VARIABLES = /^(OS_|NHN_|NCLOUD_|PULUMI_FLOWLOG_DEBUG$)/;

/** This package's built plugin: beside the kit in dist/, or dist/ of the checkout when run from sources. */
function pluginEntry(): string {
  const here = join(__dirname, "..", "plugin", "main.js");
  if (existsSync(here)) return here;
  return resolve(__dirname, "..", "..", "dist", "provider", "plugin", "main.js");
}

const DIFF_KINDS: PropertyDiffKind[] = [
  "add",
  "add-replace",
  "delete",
  "delete-replace",
  "update",
  "update-replace",
];
const CHANGES = { 0: "unknown", 1: "none", 2: "some" } as const;

type Message = { serializeBinary(): Uint8Array };
type Rpc = (request: Message, callback: (error: ServiceError | null, response: never) => void) => void;

/**
 * Starts `pulumi-resource-flowlog` as the engine does: with the engine's address as its first argument,
 * reading the gRPC port it prints on stdout; then drives it with the SDK's own `ResourceProvider` client.
 */
export async function startPlugin(options: StartPluginOptions = {}): Promise<TestPlugin> {
  const sdk = pulumiSdk();
  const ownEngine = options.engine === undefined;
  const engine = options.engine ?? (await startEngine());
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !PROVIDER_VARIABLES.test(key)) env[key] = value;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const [file, args] = options.command
    ? [options.command, [...(options.args ?? []), engine.address]]
    : [process.execPath, [pluginEntry(), engine.address]];
  const child = track(spawn(file, args, { env, stdio: ["ignore", "pipe", "pipe"] }));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let port: number;
  try {
    port = await new Promise<number>((resolvePort, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolvePort(Number(line.trim())));
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`pulumi-resource-flowlog exited (${code}): ${stderr}`)));
    });
  } catch (error) {
    await stop(child);
    if (ownEngine) await engine.close();
    throw error;
  }
  const client = new sdk.providerGrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    sdk.grpc.credentials.createInsecure(),
  );
  return pluginClient(sdk, client, child, port, engine, ownEngine, () => stderr);
}

function pluginClient(
  sdk: PulumiSdk,
  client: Client,
  child: ChildProcess,
  port: number,
  engine: TestPlugin["engine"],
  ownEngine: boolean,
  stderr: () => string,
): TestPlugin {
  const { provider: pb, struct, empty } = sdk;
  const toStruct = (value: PropertyMap): Struct =>
    struct.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as never);
  const fromStruct = (value: Struct | undefined): PropertyMap => (value?.toJavaScript() ?? {}) as PropertyMap;

  const decode = (error: ServiceError): PluginCallError => {
    const details = (error.metadata as Metadata | undefined)?.get("grpc-status-details-bin")?.[0];
    if (details instanceof Buffer) {
      const status = sdk.status.Status.deserializeBinary(details);
      for (const any of status.getDetailsList()) {
        if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
        const failed = pb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
        return new PluginCallError(error.code, error.details, {
          id: failed.getId(),
          properties: fromStruct(failed.getProperties()),
          reasons: failed.getReasonsList(),
        });
      }
    }
    return new PluginCallError(error.code, error.details || error.message);
  };

  const call = <T>(method: string, request: Message): Promise<T> =>
    new Promise<T>((resolveCall, reject) => {
      const rpc = (client as unknown as Record<string, Rpc>)[method].bind(client);
      rpc(request, (error, response) => (error ? reject(decode(error)) : resolveCall(response as T)));
    });

  type CheckResponse = InstanceType<typeof pb.CheckResponse>;
  type DiffResponse = InstanceType<typeof pb.DiffResponse>;
  const checkResult = (response: CheckResponse): CheckResult => ({
    inputs: fromStruct(response.getInputs()),
    failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
  });
  const diffResult = (response: DiffResponse): DiffResult => {
    const detailedDiff: DiffResult["detailedDiff"] = {};
    response.getDetaileddiffMap().forEach((diff, key) => {
      detailedDiff[key] = { kind: DIFF_KINDS[diff.getKind()], inputDiff: diff.getInputdiff() };
    });
    return {
      changes: CHANGES[response.getChanges()],
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
      diffs: response.getDiffsList(),
      detailedDiff,
      hasDetailedDiff: response.getHasdetaileddiff(),
    };
  };
  const checkRequest = (urn: string, olds: PropertyMap, news: PropertyMap) => {
    const request = new pb.CheckRequest();
    request.setUrn(urn);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    return request;
  };
  const diffRequest = (urn: string, id: string, olds: PropertyMap, news: PropertyMap) => {
    const request = new pb.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(toStruct(olds));
    request.setNews(toStruct(news));
    return request;
  };

  let closing: Promise<void> | undefined;
  return {
    port,
    engine,
    get stderr() {
      return stderr();
    },
    logs: () => [...engine.logs],
    async getPluginInfo() {
      const info = await call<InstanceType<typeof sdk.plugin.PluginInfo>>("getPluginInfo", new empty.Empty());
      return { version: info.getVersion() };
    },
    async getSchema() {
      const response = await call<InstanceType<typeof pb.GetSchemaResponse>>(
        "getSchema",
        new pb.GetSchemaRequest(),
      );
      return JSON.parse(response.getSchema()) as PropertyMap;
    },
    async checkConfig(news, olds = {}) {
      return checkResult(
        await call(
          "checkConfig",
          checkRequest("urn:pulumi:dev::test::pulumi:providers:flowlog::default", olds, news),
        ),
      );
    },
    async diffConfig(olds, news) {
      return diffResult(
        await call(
          "diffConfig",
          diffRequest("urn:pulumi:dev::test::pulumi:providers:flowlog::default", "", olds, news),
        ),
      );
    },
    async configure(args) {
      const request = new pb.ConfigureRequest();
      request.setArgs(toStruct(args));
      request.setAcceptsecrets(true);
      request.setAcceptresources(true);
      const response = await call<InstanceType<typeof pb.ConfigureResponse>>("configure", request);
      return { acceptSecrets: response.getAcceptsecrets(), supportsPreview: response.getSupportspreview() };
    },
    async check(urn, news, olds = {}) {
      return checkResult(await call("check", checkRequest(urn, olds, news)));
    },
    async diff(urn, id, olds, news) {
      return diffResult(await call("diff", diffRequest(urn, id, olds, news)));
    },
    async create(urn, properties, options = {}) {
      const request = new pb.CreateRequest();
      request.setUrn(urn);
      request.setProperties(toStruct(properties));
      if (options.timeout !== undefined) request.setTimeout(options.timeout);
      const response = await call<InstanceType<typeof pb.CreateResponse>>("create", request);
      return { id: response.getId(), properties: fromStruct(response.getProperties()) };
    },
    async read(urn, id, properties = {}, inputs = {}) {
      const request = new pb.ReadRequest();
      request.setUrn(urn);
      request.setId(id);
      request.setProperties(toStruct(properties));
      request.setInputs(toStruct(inputs));
      const response = await call<InstanceType<typeof pb.ReadResponse>>("read", request);
      return {
        id: response.getId(),
        properties: fromStruct(response.getProperties()),
        ...(response.hasInputs() ? { inputs: fromStruct(response.getInputs()) } : {}),
      };
    },
    async update(urn, id, olds, news, options = {}) {
      const request = new pb.UpdateRequest();
      request.setUrn(urn);
      request.setId(id);
      request.setOlds(toStruct(olds));
      request.setNews(toStruct(news));
      if (options.timeout !== undefined) request.setTimeout(options.timeout);
      const response = await call<InstanceType<typeof pb.UpdateResponse>>("update", request);
      return fromStruct(response.getProperties());
    },
    async delete(urn, id, properties, options = {}) {
      const request = new pb.DeleteRequest();
      request.setUrn(urn);
      request.setId(id);
      request.setProperties(toStruct(properties));
      if (options.timeout !== undefined) request.setTimeout(options.timeout);
      await call("delete", request);
    },
    async invoke(token, args = {}) {
      const request = new pb.InvokeRequest();
      request.setTok(token);
      request.setArgs(toStruct(args));
      const response = await call<InstanceType<typeof pb.InvokeResponse>>("invoke", request);
      const failures = response.getFailuresList();
      if (failures.length > 0)
        throw new PluginCallError(2, failures.map((f) => `${f.getProperty()}: ${f.getReason()}`).join("; "));
      return fromStruct(response.getReturn());
    },
    close() {
      closing ??= (async () => {
        client.close();
        await stop(child);
        if (ownEngine) await engine.close();
      })();
      return closing;
    },
  };
}
