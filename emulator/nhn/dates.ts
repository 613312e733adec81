// The network API writes UTC without a zone: "2024-08-04 05:22:57", or with microseconds after a PUT.

/** An instant with microsecond precision where the API shows it. */
export interface Stamp {
  ms: number;
  /** Set when the API renders microseconds (updates); the value is the sub-second part, 0..999999. */
  micros?: number;
}

export function formatStamp(stamp: Stamp): string {
  const base = new Date(stamp.ms).toISOString().slice(0, 19).replace("T", " ");
  return stamp.micros === undefined ? base : `${base}.${String(stamp.micros).padStart(6, "0")}`;
}

/** Now, with microseconds (the millisecond clock plus a fine-grained sub-millisecond part). */
export function nowWithMicros(): Stamp {
  const ms = Date.now();
  const subMs = Number(process.hrtime.bigint() % 1000n);
  return { ms, micros: (ms % 1000) * 1000 + subMs };
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

/** Parses the API's zone-less format (for console edits of dates); undefined when malformed. */
export function parseStamp(text: string): Stamp | undefined {
  const match = ZONELESS.exec(text);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}Z`);
  if (Number.isNaN(ms)) return undefined;
  if (match[3] === undefined) return { ms };
  const micros = Number(match[3].padEnd(6, "0"));
  return { ms: ms + Math.floor(micros / 1000), micros };
}
