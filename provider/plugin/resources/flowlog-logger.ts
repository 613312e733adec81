import { isUnknown } from "../../common/unknown";
import { ARGUMENTS, sameValue, UPDATE_FIELDS } from "../../nhncloud/flowlog-logger/fields";
import { provider, withTimeouts } from "../../nhncloud/flowlog-logger/provider";
import { STATE_VERSION } from "../../nhncloud/flowlog-logger/state";
import { changeOf, type KindDiff, type PropertyChange, type ResourceKind } from "./kind";

type Props = Record<string, unknown>;

/** What the dynamic resource class adds to its inputs for auto-naming; the plugin derives them from the URN. */
const NAMING_KEYS = ["pulumiName", "pulumiStack"];

const without = (props: Props, keys: readonly string[]): Props =>
  Object.fromEntries(Object.entries(props).filter(([key]) => !keys.includes(key)));

/**
 * `urn:pulumi:<stack>::<project>::<type>::<name>`: the Pulumi name, and `project/stack` as the dynamic
 * resource gives them (`pulumi.getProject()/getStack()`), so a logger gets the same auto-name either way.
 */
function namingOf(urn: string): Props {
  const parts = urn.split("::");
  const stack = parts[0]?.split(":")[2] ?? "";
  return { pulumiName: parts[parts.length - 1] ?? "", pulumiStack: `${parts[1] ?? ""}/${stack}` };
}

/** An update field the program changes, by the core's rule for fields the API always echoes. */
const updateChanged = (olds: Props, news: Props, name: string): boolean =>
  isUnknown(news[name]) ||
  (news[name] !== undefined && olds[name] !== undefined && !sameValue(name as never, olds[name], news[name]));

/** `nhncloud.FlowLogLogger` (token `flowlog:nhncloud:FlowLogLogger`): the dynamic resource's provider, as is. */
export const flowLogLogger: ResourceKind = {
  async check(urn, olds, news) {
    const result = await provider.check!(olds, { ...news, ...namingOf(urn) });
    return { inputs: without(result.inputs ?? news, NAMING_KEYS), failures: [...(result.failures ?? [])] };
  },

  async diff(id, olds, news) {
    const result = await provider.diff!(id, olds, news);
    const replaces = result.replaces ?? [];
    const detailed: Record<string, PropertyChange> = {};
    for (const name of ARGUMENTS) {
      const replace = replaces.includes(name);
      if (replace || (UPDATE_FIELDS.includes(name) && updateChanged(olds, news, name)))
        detailed[name] = changeOf(olds[name], news[name], replace);
    }
    const changes = result.changes === true;
    // A logger in ERROR (or a stray an ambiguous create may have left) is a change without an input changing.
    if (changes && Object.keys(detailed).length === 0) detailed.status = changeOf("", "", false, false);
    const diff: KindDiff = {
      changes,
      replaces: [...replaces],
      deleteBeforeReplace: result.deleteBeforeReplace === true,
      detailed,
    };
    return diff;
  },

  async create(inputs) {
    const { id, outs } = await provider.create!(inputs);
    return { id, outs: outs ?? {} };
  },

  async read(id, props) {
    const imported = Object.keys(props).length === 0;
    // An import has no state yet: it is read into the shape this release writes.
    const result = await provider.read!(id, imported ? { stateVersion: STATE_VERSION } : props);
    if (!result.id) return { id: "", props: {} };
    const inputs = result.inputs ?? {};
    // The program `pulumi import` writes: the arguments alone, with the logger's real name set explicitly.
    const kept = imported
      ? Object.fromEntries(ARGUMENTS.filter((n) => n in inputs).map((n) => [n, inputs[n]]))
      : inputs;
    return { id: result.id, props: result.props ?? {}, inputs: kept };
  },

  async update(id, olds, news, bounds) {
    return (await withTimeouts.update(id, olds, news, bounds.timeoutMs)).outs ?? {};
  },

  delete: (id, props, bounds) => withTimeouts.delete(id, props, bounds.timeoutMs),
};
