import { ApiClock } from "../../../provider/nhncloud/api/clock";

// Issue 20: a time is evidence only in a settled zone, and evidence against that zone unsettles it.

const NOW = Date.parse("2026-12-06T03:00:00Z");
/** `ms` written as the API writes it, zone-less, in UTC or KST. */
const written = (ms: number, zone: "UTC" | "KST") =>
  new Date(ms + (zone === "KST" ? 9 * 3_600_000 : 0)).toISOString().slice(0, 19).replace("T", " ");

describe("the API's clock", () => {
  it("settles from a logger made in a short window, in the one zone its time fits", () => {
    const clock = new ApiClock(() => NOW);
    expect(clock.zone).toBeUndefined();
    clock.made(written(NOW - 1000, "KST"), NOW - 2000, NOW);
    expect(clock.zone).toBe("KST");
  });

  it("settles KST from any logger whose time read as UTC lies in the future", () => {
    const clock = new ApiClock(() => NOW);
    clock.seen(written(NOW - 60_000, "UTC"));
    expect(clock.zone).toBeUndefined();
    clock.seen(written(NOW - 60_000, "KST"));
    expect(clock.zone).toBe("KST");
  });

  it("is unsettled for good by a logger of ours whose time fits the other zone", () => {
    const clock = new ApiClock(() => NOW);
    clock.made(written(NOW - 1000, "UTC"), NOW - 2000, NOW);
    expect(clock.zone).toBe("UTC");
    clock.made(written(NOW - 1000, "KST"), NOW - 2000, NOW);
    expect(clock.zone).toBeUndefined();
    clock.made(written(NOW - 1000, "UTC"), NOW - 2000, NOW);
    expect(clock.zone).toBeUndefined();
  });

  it("is unsettled by a logger of ours whose time fits neither zone (clocks further apart than allowed)", () => {
    const clock = new ApiClock(() => NOW);
    clock.made(written(NOW - 1000, "UTC"), NOW - 2000, NOW);
    clock.made(written(NOW - 3_600_000, "UTC"), NOW - 2000, NOW);
    expect(clock.zone).toBeUndefined();
  });

  it("is unsettled by a future time read as UTC once it settled UTC", () => {
    const clock = new ApiClock(() => NOW);
    clock.made(written(NOW - 1000, "UTC"), NOW - 2000, NOW);
    clock.seen(written(NOW, "KST"));
    expect(clock.zone).toBeUndefined();
  });

  it("learns nothing from a time it cannot read", () => {
    const clock = new ApiClock(() => NOW);
    clock.made("yesterday", NOW - 2000, NOW);
    clock.made(written(NOW - 1000, "UTC"), NOW - 2000, NOW);
    expect(clock.zone).toBe("UTC");
  });
});
