import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import * as readline from "node:readline";
import { childEntry, holdOpen, stop, track } from "./processes";
import {
  type GrpcClient,
  type GrpcError,
  type Json,
  loadSdk,
  type Message,
  type Sdk,
  type Struct,
} from "./sdk";

export interface CheckResult {
  inputs: Json;
  failures: { property: string; reason: string }[];
}
export interface DiffResult {
  changes: "none" | "some" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface ReadResult {
  id: string;
  props: Json;
  inputs?: Json;
}

/** A create/update that failed after the resource existed: the engine records `id` and `properties`. */
export class InitFailedError extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Json,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

export interface HostOptions {
  /** The program's folder: the serialized provider's `require`s resolve from here, as under the Pulumi CLI. */
  cwd: string;
  /** The host's environment; default this process's. */
  env?: Record<string, string | undefined>;
  /** The SDK to run; default the one `cwd` resolves. */
  sdk?: Sdk;
  /** A folder to remove when the host is closed. */
  removeOnClose?: string;
}

/**
 * The SDK's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) in a child process, driven
 * over gRPC exactly as the engine drives it.
 */
export class ProviderHost {
  stderr = "";
  stdout = "";
  private closing?: Promise<void>;
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: GrpcClient,
    private readonly sdk: Sdk,
    private readonly removeOnClose?: string,
  ) {}

  static async start(options: HostOptions): Promise<ProviderHost> {
    const sdk = options.sdk ?? loadSdk(options.cwd);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.env ?? process.env)) {
      if (value !== undefined) env[key] = value;
    }
    const child = track(
      spawn(process.execPath, [childEntry("host-child"), sdk.hostMain, "127.0.0.1:1"], {
        cwd: options.cwd,
        env,
        stdio: ["pipe", "pipe", "pipe"],
      }),
    );
    let stderr = "";
    const collect = (chunk: Buffer) => {
      stderr += chunk.toString();
    };
    child.stderr?.on("data", collect);
    try {
      const port = await new Promise<string>((resolvePort, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        lines.once("line", (line) => resolvePort(line.trim()));
        child.once("error", reject);
        child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${stderr}`)));
      });
      const client = new sdk.ResourceProviderClient(
        `127.0.0.1:${port}`,
        sdk.grpc.credentials.createInsecure(),
      );
      const host = new ProviderHost(child, client, sdk, options.removeOnClose);
      child.stderr?.off("data", collect);
      host.stderr = stderr;
      child.stderr?.on("data", (chunk: Buffer) => {
        host.stderr += chunk.toString();
      });
      child.stdout?.on("data", (chunk: Buffer) => {
        host.stdout += chunk.toString();
      });
      return host;
    } catch (error) {
      await stop(child);
      if (options.removeOnClose) rmSync(options.removeOnClose, { recursive: true, force: true });
      throw error;
    }
  }

  /** Peak resident memory is not visible from outside; the pid is, for benchmarks. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the host process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Whether the idle host keeps this process alive (it does by default). */
  holdOpen(hold: boolean): void {
    holdOpen(this.child, hold);
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new this.sdk.provider.ConfigureRequest();
    req.setArgs(this.struct(config));
    await this.rpc("configure", req);
  }

  async check(urn: string, olds: Json, news: Json): Promise<CheckResult> {
    const req = new this.sdk.provider.CheckRequest();
    req.setUrn(urn);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    const res = await this.rpc("check", req);
    const failures = (res.getFailuresList() as Message[]).map((f) => ({
      property: f.getProperty() as string,
      reason: f.getReason() as string,
    }));
    return { inputs: (res.getInputs() as Struct).toJavaScript(), failures };
  }

  async diff(urn: string, id: string, olds: Json, news: Json): Promise<DiffResult> {
    const req = new this.sdk.provider.DiffRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    const res = await this.rpc("diff", req);
    const changes = ({ 0: "unknown", 1: "none", 2: "some" } as const)[res.getChanges() as 0 | 1 | 2];
    return {
      changes,
      replaces: res.getReplacesList() as string[],
      deleteBeforeReplace: res.getDeletebeforereplace() as boolean,
    };
  }

  async create(urn: string, properties: Json): Promise<{ id: string; properties: Json }> {
    const req = new this.sdk.provider.CreateRequest();
    req.setUrn(urn);
    req.setProperties(this.struct(properties));
    const res = await this.rpc("create", req);
    return { id: res.getId() as string, properties: (res.getProperties() as Struct).toJavaScript() };
  }

  async read(urn: string, id: string, properties: Json, inputs: Json = {}): Promise<ReadResult> {
    const req = new this.sdk.provider.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(this.struct(properties));
    req.setInputs(this.struct(inputs));
    const res = await this.rpc("read", req);
    const result: ReadResult = {
      id: res.getId() as string,
      props: (res.getProperties() as Struct).toJavaScript(),
    };
    const newInputs = res.getInputs() as Struct | undefined;
    if (newInputs) result.inputs = newInputs.toJavaScript();
    return result;
  }

  async update(urn: string, id: string, olds: Json, news: Json): Promise<Json> {
    const req = new this.sdk.provider.UpdateRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(this.struct(olds));
    req.setNews(this.struct(news));
    const res = await this.rpc("update", req);
    return (res.getProperties() as Struct).toJavaScript();
  }

  async delete(urn: string, id: string, properties: Json): Promise<void> {
    const req = new this.sdk.provider.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(this.struct(properties));
    await this.rpc("delete", req);
  }

  /** Ends the host process (SIGTERM, then SIGKILL); safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.client.close();
      await stop(this.child);
      if (this.removeOnClose) rmSync(this.removeOnClose, { recursive: true, force: true });
    })();
    return this.closing;
  }

  /** As the engine sends them: absent keys, never `undefined`. */
  private struct(value: Json): Struct {
    return this.sdk.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Json);
  }

  private rpc(method: string, request: Message): Promise<Message> {
    return new Promise((resolveRpc, reject) => {
      this.client[method](request, (error, response) => {
        if (error) reject(this.decodeError(error));
        else resolveRpc(response);
      });
    });
  }

  /** Unpacks the host's ErrorResourceInitFailed detail, as the engine does for a partial failure. */
  private decodeError(error: GrpcError): Error {
    const details = error.metadata?.get("grpc-status-details-bin")?.[0];
    if (details) {
      const status = this.sdk.Status.deserializeBinary(details);
      for (const any of status.getDetailsList() as Message[]) {
        if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
          const failed = this.sdk.provider.ErrorResourceInitFailed.deserializeBinary(
            any.getValue_asU8() as Uint8Array,
          );
          return new InitFailedError(
            error.details,
            failed.getId() as string,
            (failed.getProperties() as Struct).toJavaScript(),
            failed.getReasonsList() as string[],
          );
        }
      }
    }
    return new Error(error.details || error.message);
  }
}
