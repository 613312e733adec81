import { ErrorCodes, FlowLogError } from "../../../provider/common/errors";
import {
  type FetchPage,
  ListingKnowledge,
  listAll,
  type PageRequest,
} from "../../../provider/nhncloud/api/listing";

// Issue 20: a list is never assumed complete. These play an API's paging in process, one rule at a time.

interface Item {
  id: string;
}

interface ServerRules {
  /** Answers at most this many, silently (no link): a cap. */
  cap?: number;
  /** Whether `limit` and `marker` are honoured, ignored, or refused with a 400. */
  paging?: "honour" | "ignore" | "refuse";
  /** Whether a full page carries a `next` link. */
  links?: boolean;
  /** A page size without `limit`, and the most a page holds. */
  pageSize?: number;
  /** Answers at most this many to a request without `limit`, silently: a default smaller than limits. */
  unlimitedCap?: number;
}

const items = (n: number, prefix = "i"): Item[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(5, "0")}` }));

/** An API holding `all`, answering pages by `rules`; `requests` records what was asked. */
function server(all: Item[], rules: ServerRules = {}) {
  const requests: PageRequest[] = [];
  const fetch: FetchPage<Item> = async (request) => {
    requests.push(request);
    const asked =
      "href" in request ? (JSON.parse(request.href) as { limit?: number; marker?: string }) : request;
    const paging = rules.paging ?? "honour";
    if (paging === "refuse" && (asked.limit !== undefined || asked.marker !== undefined)) {
      throw new FlowLogError(ErrorCodes.api, "limit is invalid attribute for filtering", {
        operation: "list",
        status: 400,
      });
    }
    const honour = paging === "honour";
    const start = honour && asked.marker ? all.findIndex((item) => item.id === asked.marker) + 1 : 0;
    const size = Math.min(honour && asked.limit ? asked.limit : Infinity, rules.pageSize ?? Infinity);
    const page = all.slice(start, start + size);
    const more = start + page.length < all.length;
    const next =
      rules.links && honour && more && page.length > 0
        ? JSON.stringify({ limit: size, marker: page[page.length - 1].id })
        : undefined;
    const cap = Math.min(
      rules.cap ?? Infinity,
      asked.limit === undefined ? (rules.unlimitedCap ?? Infinity) : Infinity,
    );
    const capped = page.slice(0, cap);
    return { items: capped, next: capped.length < page.length ? undefined : next };
  };
  return { fetch, requests };
}

describe("a list's completeness", () => {
  it("is proven by an empty answer, in one call", async () => {
    const api = server([]);
    await expect(listAll(api.fetch, new ListingKnowledge())).resolves.toEqual({ items: [], complete: true });
    expect(api.requests).toHaveLength(1);
  });

  it("is proven for a first answer by an empty page after its last item", async () => {
    const api = server(items(3));
    const known = new ListingKnowledge();
    const listing = await listAll(api.fetch, known);
    expect(listing).toEqual({ items: items(3), complete: true });
    // A list read whole sends no limit: the API's own pages and links apply.
    expect(api.requests).toEqual([{}, { limit: 1000, marker: "i00002" }]);
    expect(known).toMatchObject({ paging: "honoured", capFloor: { unlimited: 3, limited: 0 } });
  });

  it("needs no extra call for an answer smaller than a page seen before and than the limit", async () => {
    const known = new ListingKnowledge();
    await listAll(server(items(10)).fetch, known);
    const api = server(items(4));
    await expect(listAll(api.fetch, known)).resolves.toEqual({ items: items(4), complete: true });
    expect(api.requests).toHaveLength(1);
  });

  it("reads a silent cap that honours the marker page by page, to the end", async () => {
    const api = server(items(45), { cap: 20 });
    const listing = await listAll(api.fetch, new ListingKnowledge());
    expect(listing).toEqual({ items: items(45), complete: true });
    expect(api.requests.map((r) => ("marker" in r ? r.marker : undefined))).toEqual([
      undefined,
      "i00019",
      "i00039",
    ]);
  });

  it("is not proven under a silent cap that ignores the marker, and stops asking for pages after", async () => {
    const api = server(items(45), { cap: 20, paging: "ignore" });
    const known = new ListingKnowledge();
    await expect(listAll(api.fetch, known)).resolves.toEqual({ items: items(20), complete: false });
    expect(known.paging).toBe("ignored");
    const again = server(items(45), { cap: 20, paging: "ignore" });
    await expect(listAll(again.fetch, known)).resolves.toMatchObject({ complete: false });
    expect(again.requests).toHaveLength(1);
    // Smaller than the cap can be: whole.
    await expect(listAll(server(items(7), { cap: 20, paging: "ignore" }).fetch, known)).resolves.toEqual({
      items: items(7),
      complete: true,
    });
  });

  it("judges a page asked without a limit by pages asked without one: a default page may be smaller", async () => {
    const known = new ListingKnowledge();
    // Limits are honoured up to 1000; without one the API answers 10, silently.
    await listAll(server(items(500), { unlimitedCap: 10 }).fetch, known, { maxItems: 600 });
    expect(known.capFloor).toEqual({ limited: 500, unlimited: 0 });
    const api = server(items(30), { unlimitedCap: 10 });
    // 10 is smaller than a page of 500, but that page was asked with a limit: read on after its last item.
    await expect(listAll(api.fetch, known)).resolves.toEqual({ items: items(30), complete: true });
    expect(api.requests).toEqual([{}, { limit: 1000, marker: "i00009" }]);
  });

  it("follows next links to the end", async () => {
    const api = server(items(60), { pageSize: 25, links: true });
    const listing = await listAll(api.fetch, new ListingKnowledge());
    expect(listing).toEqual({ items: items(60), complete: true });
    expect(api.requests).toHaveLength(3);
  });

  it("is not proven where next links go round in a circle", async () => {
    const fetch: FetchPage<Item> = async () => ({ items: items(5), next: "again" });
    await expect(listAll(fetch, new ListingKnowledge())).resolves.toEqual({
      items: items(5),
      complete: false,
    });
  });

  it("stops at maxItems, not proven", async () => {
    const api = server(items(60), { pageSize: 25, links: true });
    await expect(listAll(api.fetch, new ListingKnowledge(), { maxItems: 30 })).resolves.toMatchObject({
      complete: false,
    });
    expect(api.requests).toHaveLength(2);
  });

  it("does not take a page cut by its own limit as whole, whatever pages came before", async () => {
    const known = new ListingKnowledge();
    await listAll(server(items(100)).fetch, known);
    const api = server(items(100));
    const listing = await listAll(api.fetch, known, { maxItems: 40, prove: false });
    expect(listing).toEqual({ items: items(40), complete: false });
  });

  it("asks again without paging when the API refuses it, and never sends it again", async () => {
    const known = new ListingKnowledge();
    const api = server(items(3), { paging: "refuse" });
    await expect(listAll(api.fetch, known, { maxItems: 50 })).resolves.toEqual({
      items: items(3),
      complete: false,
    });
    expect(api.requests).toEqual([{ limit: 50 }, {}]);
    expect(known.paging).toBe("refused");
    const again = server(items(3), { paging: "refuse" });
    await listAll(again.fetch, known, { maxItems: 50 });
    expect(again.requests).toEqual([{}]);
  });

  it("learns from a refused page after the last item that paging is refused, sending no limit first", async () => {
    const known = new ListingKnowledge();
    const api = server(items(3), { paging: "refuse" });
    await expect(listAll(api.fetch, known)).resolves.toEqual({ items: items(3), complete: false });
    expect(api.requests).toEqual([{}, { limit: 1000, marker: "i00002" }]);
    expect(known.paging).toBe("refused");
  });

  it("spends no call on proof when asked not to", async () => {
    const api = server(items(3));
    await expect(listAll(api.fetch, new ListingKnowledge(), { prove: false })).resolves.toEqual({
      items: items(3),
      complete: false,
    });
    expect(api.requests).toHaveLength(1);
  });

  it("keeps a 400 that is not about paging once paging is known", async () => {
    const known = new ListingKnowledge();
    known.paging = "honoured";
    const fetch: FetchPage<Item> = async () => {
      throw new FlowLogError(ErrorCodes.api, "Filter name is given more than once", {
        operation: "list",
        status: 400,
      });
    };
    await expect(listAll(fetch, known)).rejects.toMatchObject({ status: 400 });
  });
});
