/** A duration for a message: "850 ms", "2.3 s", "4 min 10 s", "3 h 5 min". */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "-" : "";
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${Math.round(abs / 100) / 10} s`;
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 60) {
    const seconds = Math.round((abs % 60_000) / 1000);
    return `${sign}${minutes} min${seconds ? ` ${seconds} s` : ""}`;
  }
  const rest = Math.round((abs % 3_600_000) / 60_000);
  return `${sign}${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ""}`;
}
