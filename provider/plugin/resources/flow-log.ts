import { provider } from "../../ncloud/flow-log/provider";
import { changeOf, type PropertyChange, type ResourceKind } from "./kind";

/**
 * `ncloud.FlowLog` (token `flowlog:ncloud:FlowLog`): the dynamic resource's provider, as is. NCloud has no
 * update and no bound on an enable to honour, so `customTimeouts` do not apply.
 */
export const flowLog: ResourceKind = {
  async check(_urn, olds, news) {
    const result = await provider.check!(olds, news);
    return { inputs: result.inputs ?? news, failures: [...(result.failures ?? [])] };
  },

  async diff(id, olds, news) {
    const result = await provider.diff!(id, olds, news);
    const replaces = result.replaces ?? [];
    const detailed: Record<string, PropertyChange> = {};
    for (const name of replaces) detailed[name] = changeOf(olds[name], news[name], true);
    return {
      changes: result.changes === true,
      replaces: [...replaces],
      deleteBeforeReplace: result.deleteBeforeReplace === true,
      detailed,
    };
  },

  async create(inputs) {
    const { id, outs } = await provider.create!(inputs);
    return { id, outs: outs ?? {} };
  },

  async read(id, props) {
    const result = await provider.read!(id, props);
    if (!result.id) return { id: "", props: {} };
    return { id: result.id, props: result.props ?? {}, ...(result.inputs ? { inputs: result.inputs } : {}) };
  },

  async update(id, olds, news) {
    return (await provider.update!(id, olds, news)).outs ?? {};
  },

  delete: (id, props) => provider.delete!(id, props),
};
