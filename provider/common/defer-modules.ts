import Module = require("node:module");

/**
 * The SDK loads large modules when @pulumi/pulumi is first required that a provider host, the provider
 * plugin or a program never uses, or uses only to serialize closures:
 * - TypeScript (`typescript-shim.js`, to parse a function's text), and npm's Arborist and
 *   normalize-package-data (`codePaths.js`, to find the packages a closure needs). A provider host never
 *   serializes (it deserializes a provider and calls it), nor does the plugin, and a program serializes with
 *   TypeScript alone; yet TypeScript and Arborist made up two thirds of a host's start (0.4 s of CPU of its
 *   0.65 s).
 * - The Automation API (`automation/`, with its YAML parser and process runner): a tenth of what is left.
 * And zod, which the provider loads, loads its 47 locales (`z.locales`, 40 ms of CPU, more than a third of
 * zod's load) for the English one, which it loads from its own file and which is all the provider uses.
 *
 * Here each is loaded when first used instead: the SDK gets an object that loads the real module on its
 * first property access, and then behaves as that module (zod gets such an object for `z.locales`).
 * Nothing else changes: the SDK's own fallback (its vendored TypeScript) is the shim's, which still runs,
 * and a process that does use them pays the same cost, later. Called first by the plugin's `main` and by
 * the testing kit's host and program processes. Jest's test files defer the SDK's through its module map
 * (test/support/shared/), and share one zod per worker.
 */
export function deferUnusedModules(): void {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = loader._load;
  loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    const from = (parent as { filename?: string } | undefined)?.filename ?? "";
    const real = () => load.call(this, request, parent, isMain) as object;
    if (SDK_FILE.test(from)) {
      // `__importStar(require("@npmcli/arborist"))` asks for `__esModule` as it loads: answered without
      // loading, so the namespace it keeps is this object.
      if (request === "@npmcli/arborist" && CODE_PATHS.test(from))
        return onFirstUse(real, { __esModule: true });
      if (request === "normalize-package-data" && CODE_PATHS.test(from)) return onFirstCall(real);
      if (TYPESCRIPT_SHIM.test(request)) return onFirstUse(real, {});
      // `__importStar(require("./automation"))` keeps the module itself: it says it is an ES module.
      if (request === "./automation" && SDK_INDEX.test(from)) return onFirstUse(real, { __esModule: true });
    }
    // `__importStar(require("../locales/index.cjs"))`, in zod's two index files: kept as `z.locales`.
    if (request === "../locales/index.cjs" && ZOD_INDEX.test(from))
      return onFirstUse(real, { __esModule: true });
    return load.call(this, request, parent, isMain);
  };
}

const SDK_FILE = /[\\/]@pulumi[\\/]pulumi[\\/]/;
const SDK_INDEX = /[\\/]@pulumi[\\/]pulumi[\\/]index\.js$/;
const CODE_PATHS = /[\\/]runtime[\\/]closure[\\/]codePaths\.js$/;
const ZOD_INDEX = /[\\/]zod[\\/]v4[\\/](core[\\/]index|classic[\\/]external)\.cjs$/;
const TYPESCRIPT_SHIM = /(^|[\\/])typescript-shim(\.js)?$/;

/** A function that loads `real` (a module that is a function) on its first call, and then calls it. */
export function onFirstCall(real: () => object): (...args: unknown[]) => unknown {
  let loaded: ((...args: unknown[]) => unknown) | undefined;
  return function (this: unknown, ...args: unknown[]) {
    loaded ??= real() as (...args: unknown[]) => unknown;
    return loaded.apply(this, args);
  };
}

/** An object that loads `real` on first use and then answers as it; `before` answers keys until then. */
export function onFirstUse(real: () => object, before: Record<string, unknown>): object {
  let loaded: object | undefined;
  const target = () => {
    loaded ??= real();
    return loaded;
  };
  return new Proxy(
    {},
    {
      get: (_, key) =>
        loaded === undefined && key in before ? before[key as string] : Reflect.get(target(), key),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        // The proxy's own target is an empty object: a property can be shown only as configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}
