import { parseApiError as ncloudError } from "../provider/ncloud/api";
import { apiErrorMessage } from "../provider/nhncloud/api/errors";

const MiB = 1024 * 1024;

/**
 * Error pages shaped to make a backtracking reader quadratic: stripped with regexes, 400 kB of `<` once
 * blocked the provider host for 104 s (issue "Hostile and slow servers"). The same shapes as
 * test/reliability/hostile-error-pages.test.ts, which bounds each read at 250 ms.
 */
export const PATHOLOGICAL_PAGES: [string, string][] = [
  ["4 MiB of <", "<".repeat(4 * MiB)],
  ["2 Mi unclosed <a", "<a".repeat(2 * MiB)],
  ["an unclosed <script and 4 MiB after it", `<p>before</p><script>${"x<".repeat(2 * MiB)}`],
  ["2 Mi <script> without an end", "<script>a".repeat(MiB / 2)],
  ["nested tags, 300 k deep", `${"<div>".repeat(300_000)}deep words${"</div>".repeat(300_000)}`],
  ["an unclosed comment of <", `<!--${"<".repeat(4 * MiB)}`],
  ["tags of many attributes without >", `<a ${"b=<c ".repeat(700_000)}`],
  ["4 MiB of </", "</".repeat(2 * MiB)],
];

/** The most a read of one such page may take. */
export const PAGE_BUDGET_MS = 250;

export interface PageReading {
  page: string;
  nhnMs: number;
  ncloudMs: number;
}

const timed = (read: () => unknown): number => {
  const started = performance.now();
  read();
  return performance.now() - started;
};

/** How long the NHN and NCloud clients take to read each pathological page into an error message. */
export function readErrorPages(): PageReading[] {
  return PATHOLOGICAL_PAGES.map(([page, text]) => ({
    page,
    nhnMs: timed(() => apiErrorMessage(text)),
    ncloudMs: timed(() => ncloudError(text)),
  }));
}

/** The report's rows for the readings (the slowest page of each client), and a violation per page over budget. */
export function errorPageRows(readings: PageReading[]): { rows: [string, string][]; violations: string[] } {
  const slowest = (ms: (reading: PageReading) => number) =>
    readings.reduce((worst, reading) => (ms(reading) > ms(worst) ? reading : worst));
  const row = (client: string, ms: (reading: PageReading) => number): [string, string] => {
    const worst = slowest(ms);
    return [
      `error page read, slowest (${client})`,
      `${ms(worst).toFixed(1)} ms: ${worst.page} (${readings.length} pages)`,
    ];
  };
  const violations = readings.flatMap((reading) =>
    [
      ["NHN", reading.nhnMs],
      ["NCloud", reading.ncloudMs],
    ]
      .filter(([, ms]) => (ms as number) > PAGE_BUDGET_MS)
      .map(
        ([client, ms]) =>
          `${client} read "${reading.page}" in ${(ms as number).toFixed(0)} ms (over ${PAGE_BUDGET_MS} ms)`,
      ),
  );
  return { rows: [row("NHN", (r) => r.nhnMs), row("NCloud", (r) => r.ncloudMs)], violations };
}
