import type { Readings } from "../readings";

// The network API writes dates without a zone: "2024-08-04 05:22:57", or with microseconds after a PUT.
// Whether that is UTC or KST is the timeZone reading; the store keeps UTC instants either way.

/** An instant with microsecond precision where the API shows it. */
export interface Stamp {
  readonly ms: number;
  /** Set when the API renders microseconds (updates); the value is the sub-second part, 0..999999. */
  readonly micros?: number;
}

/** How far each zone's wall clock is ahead of UTC. */
const OFFSET_MS: Record<Readings["timeZone"], number> = { utc: 0, kst: 9 * 3_600_000 };

/** Stamps are never changed once made (an update makes a new one): each is formatted once per zone. */
const formatted = new WeakMap<Stamp, Partial<Record<Readings["timeZone"], string>>>();

export function formatStamp(stamp: Stamp, zone: Readings["timeZone"]): string {
  const byZone = formatted.get(stamp) ?? {};
  if (byZone[zone] === undefined) {
    byZone[zone] = format(stamp, zone);
    formatted.set(stamp, byZone);
  }
  return byZone[zone];
}

function format(stamp: Stamp, zone: Readings["timeZone"]): string {
  const wall = new Date(stamp.ms + OFFSET_MS[zone]).toISOString().slice(0, 19).replace("T", " ");
  return stamp.micros === undefined ? wall : `${wall}.${String(stamp.micros).padStart(6, "0")}`;
}

/** Now, with microseconds (the millisecond clock plus a fine-grained sub-millisecond part). */
export function nowWithMicros(): Stamp {
  const ms = Date.now();
  const subMs = Number(process.hrtime.bigint() % 1000n);
  return { ms, micros: (ms % 1000) * 1000 + subMs };
}

const ZONELESS = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/;

/** Parses the API's zone-less format, read in `zone` (for console edits of dates); undefined when malformed. */
export function parseStamp(text: string, zone: Readings["timeZone"]): Stamp | undefined {
  const match = ZONELESS.exec(text);
  if (!match) return undefined;
  const wall = Date.parse(`${match[1]}T${match[2]}Z`);
  if (Number.isNaN(wall)) return undefined;
  const ms = wall - OFFSET_MS[zone];
  if (match[3] === undefined) return { ms };
  const micros = Number(match[3].padEnd(6, "0"));
  return { ms: ms + Math.floor(micros / 1000), micros };
}
