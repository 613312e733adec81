import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { setDiagnosticSink, withDiagnosticScope } from "../common/diagnostics";
import { ErrorCodes, FlowLogError, isFlowLogError } from "../common/errors";
import { provider as flowLogProvider } from "../ncloud/flow-log/provider";
import { useSettingsLookup } from "../nhncloud/data/invoke";
import { provider as loggerProvider } from "../nhncloud/flowlog-logger/provider";
import { budgetedLookup, withCreateBudget } from "./budget";
import { configLookup, type PluginConfig, parseConfig } from "./config";
import { engineLog } from "./engine-log";
import { plain, serviceError } from "./errors";
import { FUNCTIONS } from "./functions";
import { flowLog } from "./resources/flow-log";
import { flowLogLogger } from "./resources/flowlog-logger";
import type { Bounds, KindDiff, ResourceKind } from "./resources/kind";
import { PLUGIN_SCHEMA } from "./schema";
import { type PulumiSdk, pulumiSdk } from "./sdk";
import { conceal, reveal, secretKeys } from "./secrets";
import { PLUGIN_SETTINGS, SETTINGS_OBJECTS } from "./settings";
import { pluginWording } from "./wording";

/*
 * The ResourceProvider service, served by hand: `@pulumi/pulumi/provider`'s `main` answers CheckConfig and
 * DiffConfig with UNIMPLEMENTED, drops the configuration Configure receives and does not pass
 * CreateRequest.timeout on, and this plugin needs all three (credentials per provider, customTimeouts).
 * Everything else is the core's: the dynamic resources' providers and data functions, unchanged.
 */

type Props = Record<string, unknown>;
type ConfigureRequest = Parameters<NonNullable<typeof loggerProvider.configure>>[0];
type Server = Pick<
  IResourceProviderServer,
  | "handshake"
  | "getPluginInfo"
  | "getSchema"
  | "checkConfig"
  | "diffConfig"
  | "configure"
  | "invoke"
  | "check"
  | "diff"
  | "create"
  | "read"
  | "update"
  | "delete"
  | "cancel"
  | "attach"
  | "getMapping"
  | "getMappings"
>;

const KINDS: Readonly<Record<string, ResourceKind>> = {
  "flowlog:nhncloud:FlowLogLogger": flowLogLogger,
  "flowlog:ncloud:FlowLog": flowLog,
};

/** The type token of a URN: `urn:pulumi:stack::project::[parent$]type::name`. */
const typeOfUrn = (urn: string): string => (urn.split("::")[2] ?? "").split("$").pop() ?? "";

function kindOf(type: string, urn: string): ResourceKind {
  const token = type || typeOfUrn(urn);
  const kind = KINDS[token];
  if (!kind) {
    throw new FlowLogError(
      ErrorCodes.input,
      `unknown resource type ${JSON.stringify(token.slice(0, 80))}; this provider has ${Object.keys(KINDS).join(", ")}`,
      { operation: "find the resource type" },
    );
  }
  return kind;
}

/** The engine's timeout in seconds (0: none given) as a bound. */
const boundsOf = (seconds: number): Bounds => (seconds > 0 ? { timeoutMs: seconds * 1000 } : {});

const DIFF_KIND = { add: 0, delete: 2, update: 4 } as const;

export interface PluginServer {
  /** The port the gRPC server listens on, on 127.0.0.1. */
  port: number;
  close(): Promise<void>;
}

/** Starts the provider on 127.0.0.1; `engineAddress` is where the engine's Log service listens. */
export async function serve(engineAddress?: string, sdk: PulumiSdk = pulumiSdk()): Promise<PluginServer> {
  const { grpc, provider: pb, struct, empty } = sdk;
  const log = engineAddress ? engineLog(sdk, engineAddress) : undefined;
  if (log) setDiagnosticSink(log.sink);
  const toStruct = (value: Props): Struct => struct.Struct.fromJavaScript(plain(value) as never);
  const fromStruct = (value: Struct | undefined): Props => (value?.toJavaScript() ?? {}) as Props;

  /** Installs a configuration; every provider of the core, and the data functions, read it from now on. */
  const install = (config: PluginConfig) => {
    const lookup = budgetedLookup(configLookup(config));
    // The core reads only `config.get(key)` (common/settings.ts, configLookupFrom), as from the dynamic host.
    const request = { config: { get: lookup } } as unknown as ConfigureRequest;
    loggerProvider.configure?.(request);
    flowLogProvider.configure?.(request);
    useSettingsLookup(lookup);
  };
  // Until the engine configures it, settings come from the environment alone (as for an empty stack config).
  install({ nhncloud: {}, ncloud: {} });

  /** An RPC's work, its failure mapped to the engine's error shape. */
  const unary =
    <Req, Res>(work: (request: Req) => Promise<Res>, onError?: (error: unknown, request: Req) => Error) =>
    (call: { request: Req }, callback: (error: Error | null, response?: Res) => void) => {
      work(call.request).then(
        (response) => callback(null, response),
        (error: unknown) => callback(onError ? onError(error, call.request) : serviceError(sdk, error)),
      );
    };
  const scoped = <T>(urn: string, work: () => Promise<T>) => withDiagnosticScope({ urn }, work);

  const failuresOf = (failures: { property: string; reason: string }[]) =>
    failures.map((failure) => {
      const message = new pb.CheckFailure();
      message.setProperty(failure.property);
      message.setReason(pluginWording(failure.reason));
      return message;
    });

  const diffResponse = (diff: KindDiff) => {
    const response = new pb.DiffResponse();
    response.setChanges(
      diff.changes ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE,
    );
    response.setReplacesList(diff.replaces);
    response.setDeletebeforereplace(diff.deleteBeforeReplace);
    response.setDiffsList(Object.keys(diff.detailed));
    response.setHasdetaileddiff(true);
    const detailed = response.getDetaileddiffMap();
    for (const [name, change] of Object.entries(diff.detailed)) {
      const property = new pb.PropertyDiff();
      property.setKind((DIFF_KIND[change.kind] + (change.replace ? 1 : 0)) as never);
      property.setInputdiff(change.input);
      detailed.set(name, property);
    }
    return response;
  };

  const server: Server = {
    handshake: unary(async () => {
      const response = new pb.ProviderHandshakeResponse();
      response.setAcceptSecrets(true);
      return response;
    }),

    getPluginInfo: unary(async () => {
      const info = new sdk.plugin.PluginInfo();
      info.setVersion(String(PLUGIN_SCHEMA.version));
      return info;
    }),

    getSchema: unary(async (request) => {
      if (request.getVersion() !== 0)
        throw new FlowLogError(ErrorCodes.input, `unsupported schema version ${request.getVersion()}`, {
          operation: "get the schema",
        });
      const response = new pb.GetSchemaResponse();
      response.setSchema(JSON.stringify(PLUGIN_SCHEMA));
      return response;
    }),

    checkConfig: unary(async (request) => {
      const news = fromStruct(request.getNews());
      const { failures } = parseConfig(news);
      // The engine keeps what is returned as the provider's inputs: a settings object holding a secret is
      // returned as a secret, whether or not it arrived as one.
      const holding = SETTINGS_OBJECTS.filter((object) => holdsSecret(object, news[object]));
      const response = new pb.CheckResponse();
      response.setInputs(toStruct(conceal(news, [...holding, ...secretKeys(news)])));
      response.setFailuresList(failuresOf(failures));
      return response;
    }),

    diffConfig: unary(async (request) => {
      const olds = parseConfig(fromStruct(request.getOlds())).config;
      const news = parseConfig(fromStruct(request.getNews())).config;
      const changed = SETTINGS_OBJECTS.filter(
        (object) => JSON.stringify(olds[object]) !== JSON.stringify(news[object]),
      );
      // New credentials or endpoints change how the provider reaches the API, never the resources: no replace.
      return diffResponse({
        changes: changed.length > 0,
        replaces: [],
        deleteBeforeReplace: false,
        detailed: Object.fromEntries(
          changed.map((object) => [object, { kind: "update", replace: false, input: true }]),
        ),
      });
    }),

    configure: unary(
      async (request) => {
        const args = request.hasArgs()
          ? fromStruct(request.getArgs())
          : fromVariables(request.getVariablesMap());
        const { config, failures } = parseConfig(args);
        if (failures.length > 0) {
          const reasons = failures.map((failure) => failure.reason).join("; ");
          throw new FlowLogError(ErrorCodes.config, `invalid flowlog provider configuration: ${reasons}`, {
            operation: "configure the provider",
          });
        }
        install(config);
        const response = new pb.ConfigureResponse();
        response.setAcceptsecrets(true);
        response.setSupportspreview(false);
        return response;
      },
      (error) => serviceError(sdk, error, { code: grpc.status.INVALID_ARGUMENT }),
    ),

    invoke: unary(async (request) => {
      const fn = FUNCTIONS[request.getTok()];
      if (!fn)
        throw new FlowLogError(
          ErrorCodes.input,
          `unknown function ${JSON.stringify(request.getTok().slice(0, 80))}; this provider has ${Object.keys(FUNCTIONS).join(", ")}`,
          { operation: "invoke" },
        );
      const result = (await fn(reveal(fromStruct(request.getArgs())) as Props)) as Props;
      const response = new pb.InvokeResponse();
      response.setReturn(toStruct(result));
      return response;
    }),

    check: unary(async (request) => {
      const news = fromStruct(request.getNews());
      const olds = fromStruct(request.getOlds());
      const urn = request.getUrn();
      const result = await scoped(urn, () =>
        kindOf(request.getType(), urn).check(urn, reveal(olds) as Props, reveal(news) as Props),
      );
      const response = new pb.CheckResponse();
      response.setInputs(toStruct(conceal(result.inputs, secretKeys(news))));
      response.setFailuresList(failuresOf(result.failures));
      return response;
    }),

    diff: unary(async (request) => {
      const urn = request.getUrn();
      const olds = reveal(fromStruct(request.getOlds())) as Props;
      const news = reveal(fromStruct(request.getNews())) as Props;
      const diff = await scoped(urn, () => kindOf(request.getType(), urn).diff(request.getId(), olds, news));
      return diffResponse(diff);
    }),

    create: unary(
      async (request) => {
        const urn = request.getUrn();
        const properties = fromStruct(request.getProperties());
        const bounds = boundsOf(request.getTimeout());
        const created = await scoped(urn, () =>
          withCreateBudget(bounds.timeoutMs, () =>
            kindOf(request.getType(), urn).create(reveal(properties) as Props, bounds),
          ),
        );
        const response = new pb.CreateResponse();
        response.setId(created.id);
        response.setProperties(toStruct(conceal(created.outs, secretKeys(properties))));
        return response;
      },
      (error, request) => {
        const keys = secretKeys(fromStruct(request.getProperties()));
        const seconds = request.getTimeout();
        // The core names the setting that bounds a create; here the resource's own timeout did.
        const bounded = seconds > 0 && isFlowLogError(error);
        return serviceError(sdk, error, {
          stateOf: (props) => conceal(props, keys),
          ...(bounded
            ? {
                suffix: boundNote("create", seconds),
                rewrite: (text: string) =>
                  text.replace("flowlog:nhncloud.createTimeout", "customTimeouts.create"),
              }
            : {}),
        });
      },
    ),

    read: unary(async (request) => {
      const urn = request.getUrn();
      const properties = fromStruct(request.getProperties());
      const inputs = fromStruct(request.getInputs());
      const result = await scoped(urn, () =>
        kindOf(request.getType(), urn).read(request.getId(), reveal(properties) as Props),
      );
      const response = new pb.ReadResponse();
      response.setId(result.id);
      response.setProperties(toStruct(conceal(result.props, secretKeys(properties))));
      if (result.inputs) response.setInputs(toStruct(conceal(result.inputs, secretKeys(inputs))));
      return response;
    }),

    update: unary(
      async (request) => {
        const urn = request.getUrn();
        const news = fromStruct(request.getNews());
        const olds = reveal(fromStruct(request.getOlds())) as Props;
        const bounds = boundsOf(request.getTimeout());
        const outs = await scoped(urn, () =>
          kindOf(request.getType(), urn).update(request.getId(), olds, reveal(news) as Props, bounds),
        );
        const response = new pb.UpdateResponse();
        response.setProperties(toStruct(conceal(outs, secretKeys(news))));
        return response;
      },
      (error, request) => {
        const keys = secretKeys(fromStruct(request.getNews()));
        const seconds = request.getTimeout();
        return serviceError(sdk, error, {
          stateOf: (props) => conceal(props, keys),
          ...(seconds > 0 && isFlowLogError(error, ErrorCodes.timeout)
            ? { suffix: boundNote("update", seconds) }
            : {}),
        });
      },
    ),

    delete: unary(
      async (request) => {
        const urn = request.getUrn();
        const properties = reveal(fromStruct(request.getProperties())) as Props;
        await scoped(urn, () =>
          kindOf(request.getType(), urn).delete(request.getId(), properties, boundsOf(request.getTimeout())),
        );
        return new empty.Empty();
      },
      (error, request) => {
        const seconds = request.getTimeout();
        const bounded = seconds > 0 && isFlowLogError(error, ErrorCodes.timeout);
        return serviceError(sdk, error, bounded ? { suffix: boundNote("delete", seconds) } : {});
      },
    ),

    cancel: unary(async () => new empty.Empty()),
    attach: unary(async () => new empty.Empty()),
    getMapping: unary(async () => new pb.GetMappingResponse()),
    getMappings: unary(async () => new pb.GetMappingsResponse()),
  };

  const grpcServer = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  grpcServer.addService(sdk.providerGrpc.ResourceProviderService, server as never);
  const port = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        setDiagnosticSink(undefined);
        log?.close();
        grpcServer.tryShutdown(() => resolve());
      }),
  };
}

/** Whether a settings object (an object, or JSON text of one) sets a secret key. */
function holdsSecret(object: keyof typeof PLUGIN_SETTINGS, value: unknown): boolean {
  const settings = PLUGIN_SETTINGS[object] as Record<string, { secret?: boolean }>;
  const plainValue = reveal(value);
  let parsed: unknown = plainValue;
  if (typeof plainValue === "string") {
    try {
      parsed = JSON.parse(plainValue);
    } catch {
      return false;
    }
  }
  if (typeof parsed !== "object" || parsed === null) return false;
  return Object.keys(parsed).some((key) => settings[key]?.secret && (parsed as Props)[key] !== undefined);
}

/** Older engines send the configuration only as `variables`: `flowlog:config:nhncloud` → JSON text. */
function fromVariables(variables: { forEach(fn: (value: string, key: string) => void): void }): Props {
  const args: Props = {};
  variables.forEach((value, key) => {
    const name = key.split(":").pop() ?? key;
    args[name] = value;
  });
  return args;
}

/** What an error says beside the core's message when the engine's `customTimeouts` bounded the operation. */
const boundNote = (operation: "create" | "update" | "delete", seconds: number): string =>
  ` (bounded by the resource's customTimeouts.${operation}: ${seconds} s)`;
