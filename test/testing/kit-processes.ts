import { readdirSync, readFileSync } from "node:fs";

// The processes the testing kit starts, as /proc shows them (Linux): found by parent, or by a marker in
// their environment wherever they were reparented.

export const KINDS = { host: "testing/host-child.js", program: "testing/program-child.js" };

export interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
  environ: string;
}

/** Every process of this user, from /proc. */
export function processes(): Proc[] {
  const found: Proc[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      found.push({
        pid: Number(pid),
        ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]),
        cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " "),
        environ: readFileSync(`/proc/${pid}/environ`, "utf8"),
      });
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return found;
}

/** The kit's hosts and program runs among this test process's children. */
export function children(): Record<keyof typeof KINDS, number> {
  const mine = processes().filter((p) => p.ppid === process.pid);
  const count = (kind: keyof typeof KINDS) => mine.filter((p) => p.cmdline.includes(KINDS[kind])).length;
  return { host: count("host"), program: count("program") };
}

/** Processes that carry `marker` in their environment, wherever they were reparented. */
export const marked = (marker: string): Proc[] =>
  processes().filter((p) => p.environ.includes(`KIT_TEST_MARKER=${marker}`));

/** Resolves once no process carries `marker` (or after `ms`): each is looked for again every 50 ms. */
export async function markedEnded(marker: string, ms = 10_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until && marked(marker).length > 0; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
