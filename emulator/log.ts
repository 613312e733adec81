import type { RequestLogEntry } from "./types";

/** Append-only record of the requests served, for tests to assert on. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  add(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    this.seq += 1;
    const complete = { seq: this.seq, ...entry };
    this.entries.push(complete);
    return complete;
  }

  /** Adds facts learned after the entry was logged (a slow backend's late processing). */
  note(seq: number, facts: Partial<Pick<RequestLogEntry, "lateStatus" | "lateAt" | "loggerId">>): void {
    const entry = this.entries.find((e) => e.seq === seq);
    if (entry) Object.assign(entry, facts);
  }

  all(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
