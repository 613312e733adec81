import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import * as readline from "node:readline";

/* The SDK's generated gRPC code is plain JS; these are the few shapes the harness touches. */
type Json = Record<string, unknown>;
interface Struct {
  toJavaScript(): Json;
}
interface StructCtor {
  fromJavaScript(value: Json): Struct;
}
type Message = Record<string, (...args: unknown[]) => unknown>;
type Callback = (error: GrpcError | null, response: Message) => void;
type GrpcClient = Record<string, (request: unknown, callback: Callback) => void> & { close(): void };
interface GrpcError extends Error {
  code: number;
  details: string;
  metadata?: { get(key: string): Buffer[] };
}

const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string): unknown => require(require.resolve(id, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js") as {
  credentials: { createInsecure(): unknown };
  Metadata: unknown;
};
const structproto = fromPulumi("google-protobuf/google/protobuf/struct_pb") as { Struct: StructCtor };
const provproto = require("@pulumi/pulumi/proto/provider_pb") as Record<string, new () => Message> & {
  ErrorResourceInitFailed: { deserializeBinary(bytes: Uint8Array): Message };
};
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (address: string, credentials: unknown) => GrpcClient;
};
const statusproto = require("@pulumi/pulumi/proto/status_pb") as {
  Status: { deserializeBinary(bytes: Uint8Array): Message };
};

/** As the engine sends them: absent keys, never `undefined`. */
const struct = (value: Json): Struct =>
  structproto.Struct.fromJavaScript(JSON.parse(JSON.stringify(value)) as Json);

const REPO_ROOT = resolve(__dirname, "..", "..");
const HOST_MAIN = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");

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
  /** The program directory the host runs in; must resolve `pulumi-flowlog`. Default: a temp dir linked to this repo. */
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Makes a program directory whose node_modules/pulumi-flowlog is this checkout (built into dist/). */
export function linkedProgramDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "flowlog-program-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "pulumi-flowlog"), "dir");
  return dir;
}

/**
 * The SDK's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) in a child process, driven
 * over gRPC exactly as the engine drives it.
 */
export class ProviderHost {
  stderr = "";
  stdout = "";
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: GrpcClient,
    private readonly ownedDir?: string,
  ) {}

  static async start(options: HostOptions = {}): Promise<ProviderHost> {
    const ownedDir = options.cwd ? undefined : linkedProgramDir();
    const cwd = options.cwd ?? (ownedDir as string);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.env ?? { PATH: process.env.PATH })) {
      if (value !== undefined) env[key] = value;
    }
    const child = spawn(process.execPath, [HOST_MAIN, "127.0.0.1:1"], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const port = await new Promise<string>((resolvePort, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolvePort(line.trim()));
      child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${stderr}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new ProviderHost(child, client, ownedDir);
    child.stderr?.on("data", (chunk: Buffer) => {
      host.stderr += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      host.stdout += chunk.toString();
    });
    host.stderr = stderr;
    return host;
  }

  /** Peak resident memory is not visible from outside; the pid is, for benchmarks. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async configure(config: Record<string, string>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(struct(config));
    await this.rpc("configure", req);
  }

  async check(urn: string, olds: Json, news: Json): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc("check", req);
    const failures = (res.getFailuresList() as Message[]).map((f) => ({
      property: f.getProperty() as string,
      reason: f.getReason() as string,
    }));
    return { inputs: (res.getInputs() as Struct).toJavaScript(), failures };
  }

  async diff(urn: string, id: string, olds: Json, news: Json): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc("diff", req);
    const changes = ({ 0: "unknown", 1: "none", 2: "some" } as const)[res.getChanges() as 0 | 1 | 2];
    return {
      changes,
      replaces: res.getReplacesList() as string[],
      deleteBeforeReplace: res.getDeletebeforereplace() as boolean,
    };
  }

  async create(urn: string, properties: Json): Promise<{ id: string; properties: Json }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(struct(properties));
    const res = await this.rpc("create", req);
    return { id: res.getId() as string, properties: (res.getProperties() as Struct).toJavaScript() };
  }

  async read(urn: string, id: string, properties: Json, inputs: Json = {}): Promise<ReadResult> {
    const req = new provproto.ReadRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(properties));
    req.setInputs(struct(inputs));
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
    const req = new provproto.UpdateRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const res = await this.rpc("update", req);
    return (res.getProperties() as Struct).toJavaScript();
  }

  async delete(urn: string, id: string, properties: Json): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(urn);
    req.setId(id);
    req.setProperties(struct(properties));
    await this.rpc("delete", req);
  }

  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((done) => this.child.once("exit", done));
      this.child.kill("SIGTERM");
      await exited;
    }
    if (this.ownedDir) rmSync(this.ownedDir, { recursive: true, force: true });
  }

  private rpc(method: string, request: Message): Promise<Message> {
    return new Promise((resolveRpc, reject) => {
      this.client[method](request, (error, response) => {
        if (error) reject(decodeError(error));
        else resolveRpc(response);
      });
    });
  }
}

/** Unpacks the host's ErrorResourceInitFailed detail, as the engine does for a partial failure. */
function decodeError(error: GrpcError): Error {
  const details = error.metadata?.get("grpc-status-details-bin")?.[0];
  if (details) {
    const status = statusproto.Status.deserializeBinary(details);
    for (const any of status.getDetailsList() as Message[]) {
      if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
        const failed = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8() as Uint8Array);
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
