import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { send, start } from "./helpers";

const FILTER_MODE_VALUES = '"or", "and", "first", "last", "ignore", "reject"';

describe("emulator readings: option, in-process control and /_emulator/readings", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  const route = (method: string, body?: unknown) =>
    send(`${emu.url}/_emulator/readings`, { method, body, headers: { "content-type": "application/json" } });

  it("starts with the defaults, which keep today's behaviour", async () => {
    const expected: Readings = {
      filterMode: "or",
      unknownFilters: "ignore",
      echoFileName: "no",
      echoCustomizedField: "always",
      uniqueNames: "none",
      errorBody: "neutron",
      deleteMode: "immediate",
      deleteDelayMs: 1000,
      paging: "honor",
      pageSize: 0,
      pageLinks: "yes",
      listCap: 0,
      unpagedCap: 0,
      timeZone: "utc",
      routeErrors: "distinct",
    };
    expect(DEFAULT_READINGS).toEqual(expected);
    expect(emu.control.readings()).toEqual(expected);
    expect((await route("GET")).body).toEqual(expected);
  });

  it("takes some readings as a start option and defaults the rest", async () => {
    const other = await start({ readings: { filterMode: "and", deleteDelayMs: 5 } });
    try {
      expect(other.control.readings()).toEqual({ ...DEFAULT_READINGS, filterMode: "and", deleteDelayMs: 5 });
    } finally {
      await other.close();
    }
  });

  it("refuses to start with an invalid reading, naming the field and its values", async () => {
    await expect(start({ readings: { filterMode: "xor" as "or" } })).rejects.toThrow(
      `invalid readings: filterMode: must be one of ${FILTER_MODE_VALUES}, got "xor"`,
    );
  });

  it("changes only the readings given, at once", () => {
    emu.control.setReadings({ errorBody: "text" });
    emu.control.setReadings({ uniqueNames: "tenant" });
    expect(emu.control.readings()).toEqual({ ...DEFAULT_READINGS, errorBody: "text", uniqueNames: "tenant" });
  });

  it("hands out a copy: changing it changes nothing", () => {
    const copy = emu.control.readings();
    copy.filterMode = "reject";
    expect(emu.control.readings().filterMode).toBe("or");
  });

  it.each([
    ["an unknown value", { echoFileName: "maybe" }, 'echoFileName: must be one of "no", "yes", got "maybe"'],
    [
      "a negative delay",
      { deleteDelayMs: -1 },
      "deleteDelayMs: must be an integer of at least 0 (milliseconds)",
    ],
    ["a fractional delay", { deleteDelayMs: 1.5 }, "deleteDelayMs: must be an integer of at least 0"],
    ["an unknown paging", { paging: "yes" }, 'paging: must be one of "honor", "ignore", "reject", got "yes"'],
    [
      "a negative page size",
      { pageSize: -1 },
      "pageSize: must be an integer of at least 0 (items; 0 means no bound)",
    ],
    ["a fractional cap", { listCap: 2.5 }, "listCap: must be an integer of at least 0 (items"],
    ["an unknown page-link choice", { pageLinks: true }, 'pageLinks: must be one of "yes", "no", got true'],
    ["an unknown zone", { timeZone: "jst" }, 'timeZone: must be one of "utc", "kst", got "jst"'],
    [
      "an unknown route error",
      { routeErrors: "same" },
      'routeErrors: must be one of "distinct", "like-logger", got "same"',
    ],
    [
      "an unknown field",
      { filtermode: "and" },
      'unknown field "filtermode" (fields: filterMode, unknownFilters, echoFileName, echoCustomizedField, uniqueNames, errorBody, deleteMode, deleteDelayMs, paging, pageSize, pageLinks, listCap, unpagedCap, timeZone, routeErrors)',
    ],
  ])("setReadings throws naming the field for %s, and changes nothing", (_case, patch, says) => {
    expect(() => emu.control.setReadings(patch as Partial<Readings>)).toThrow(`invalid readings: ${says}`);
    expect(emu.control.readings()).toEqual(DEFAULT_READINGS);
  });

  it("PUT changes the paging, time zone and route readings at once", async () => {
    const patch = { paging: "reject", pageSize: 5, pageLinks: "no", listCap: 3, timeZone: "kst" };
    const res = await route("PUT", { ...patch, routeErrors: "like-logger" });
    expect(res.status).toBe(200);
    expect(emu.control.readings()).toEqual({ ...DEFAULT_READINGS, ...patch, routeErrors: "like-logger" });
  });

  it("PUT changes some readings and answers all of them; GET shows them", async () => {
    const res = await route("PUT", { deleteMode: "eventual", deleteDelayMs: 250 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...DEFAULT_READINGS, deleteMode: "eventual", deleteDelayMs: 250 });
    expect((await route("GET")).body).toEqual(res.body);
    expect(emu.control.readings()).toEqual(res.body);
  });

  it.each([
    [
      "an unknown value",
      { filterMode: "xor" },
      `filterMode: must be one of ${FILTER_MODE_VALUES}, got "xor"`,
    ],
    ["a delay that is a string", { deleteDelayMs: "10" }, "deleteDelayMs: must be an integer of at least 0"],
    ["a page size that is a string", { pageSize: "10" }, "pageSize: must be an integer of at least 0"],
    ["an unknown field", { errorShape: "text" }, 'unknown field "errorShape" (fields: filterMode, '],
    ["a body that is not an object", [1], "the body must be a JSON object"],
  ])("PUT answers 400 naming the field for %s, and changes nothing", async (_case, patch, says) => {
    const res = await route("PUT", patch);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(says);
    expect(emu.control.readings()).toEqual(DEFAULT_READINGS);
  });

  it("answers 405 to other methods on /_emulator/readings", async () => {
    expect((await route("POST", {})).status).toBe(405);
  });
});
