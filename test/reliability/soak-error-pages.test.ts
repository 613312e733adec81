import { errorPageRows, PATHOLOGICAL_PAGES, type PageReading } from "../../soak/error-pages";

// `npm run soak -- --hostile` reports how long the clients take to read pathological error pages (the
// figures test/reliability/hostile-error-pages.test.ts bounds, which it used to print).
const reading = (page: string, nhnMs: number, ncloudMs: number): PageReading => ({ page, nhnMs, ncloudMs });

describe("the hostile soak's error page figures", () => {
  it("time the same page shapes as the error-page tests, all of them multi-megabyte or deeply nested", () => {
    expect(PATHOLOGICAL_PAGES).toHaveLength(8);
    for (const [, text] of PATHOLOGICAL_PAGES) expect(text.length).toBeGreaterThan(1_000_000);
  });

  it("show the slowest page of each client", () => {
    const { rows, violations } = errorPageRows([reading("a", 3, 9.25), reading("b", 12.04, 1)]);
    expect(rows).toEqual([
      ["error page read, slowest (NHN)", "12.0 ms: b (2 pages)"],
      ["error page read, slowest (NCloud)", "9.3 ms: a (2 pages)"],
    ]);
    expect(violations).toEqual([]);
  });

  it("count a read over 250 ms as a violation, naming the client and the page", () => {
    const { violations } = errorPageRows([reading("4 MiB of <", 251, 10), reading("b", 1, 900)]);
    expect(violations).toEqual([
      'NHN read "4 MiB of <" in 251 ms (over 250 ms)',
      'NCloud read "b" in 900 ms (over 250 ms)',
    ]);
  });
});
