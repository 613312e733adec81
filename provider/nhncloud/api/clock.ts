/**
 * The API writes `created_at` without a zone ("2024-08-04 05:22:57"), and the document never says which:
 * its default file name ends in `KST`, its examples carry no zone. A time is evidence only once its zone
 * is settled, by what this process has seen:
 * - a logger it made itself, known to be made between two moments of its own clock, reads as UTC or as
 *   KST (UTC+9) in that window, never both while the window is shorter than 9 h less twice the skew;
 * - a logger whose time, read as UTC, lies later than now can only be written in KST.
 * Clocks differ: the client's may be off by up to MAX_CLOCK_SKEW_MS, allowed for wherever times meet.
 */

export type ApiZone = "UTC" | "KST";

/** How far this machine's clock may be from the API's, allowed for in every rule built on time. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const OFFSET_MS: Record<ApiZone, number> = { UTC: 0, KST: 9 * 3_600_000 };
const ZONES = Object.keys(OFFSET_MS) as ApiZone[];

const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/** An API time read as if it were UTC (epoch ms); undefined when it is not the API's zone-less format. */
function asUtc(text: string): number | undefined {
  const match = ZONELESS.exec(text.trim());
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}${(match[3] ?? "").slice(0, 4)}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An API time in `zone` as epoch ms; undefined when it cannot be read. */
export function apiTime(text: string, zone: ApiZone): number | undefined {
  const utc = asUtc(text);
  return utc === undefined ? undefined : utc - OFFSET_MS[zone];
}

/** Whether `time` (epoch ms) lies in [from, to] with the clock skew allowed on both sides. */
export const within = (time: number, from: number, to: number): boolean =>
  time >= from - MAX_CLOCK_SKEW_MS && time <= to + MAX_CLOCK_SKEW_MS;

/** The zones in which `text` falls within [from, to] of this machine's clock. */
function zonesWithin(text: string, from: number, to: number): ApiZone[] {
  return ZONES.filter((zone) => {
    const time = apiTime(text, zone);
    return time !== undefined && within(time, from, to);
  });
}

/**
 * What one client (one API) has shown of its zone, in this process. Evidence against the zone settled (a
 * logger of ours whose time fits the other zone, or none: the clocks differ by more than the skew allowed;
 * a time in the future read as UTC) unsettles it for good: no time is evidence in this process after that.
 */
export class ApiClock {
  private settled?: ApiZone;
  private contradicted = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The zone, once settled (and never contradicted); undefined until then. */
  get zone(): ApiZone | undefined {
    return this.contradicted ? undefined : this.settled;
  }

  /** A logger this process made between `from` and `to` (its own clock): its `created_at` may settle the zone. */
  made(createdAt: string, from: number, to: number): void {
    if (asUtc(createdAt) === undefined) return;
    const fits = zonesWithin(createdAt, from, to);
    if (fits.length === 1) this.settle(fits[0]);
    // In neither zone: this machine's clock and the API's differ by more than MAX_CLOCK_SKEW_MS.
    else if (fits.length === 0) this.contradicted = true;
  }

  /** Any logger: a `created_at` later than now under UTC can only be KST. */
  seen(createdAt: string): void {
    const utc = apiTime(createdAt, "UTC");
    if (utc !== undefined && utc > this.now() + MAX_CLOCK_SKEW_MS) this.settle("KST");
  }

  private settle(zone: ApiZone): void {
    if (this.settled !== undefined && this.settled !== zone) this.contradicted = true;
    this.settled ??= zone;
  }
}
