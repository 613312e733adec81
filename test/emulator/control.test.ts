import type { Emulator } from "../../emulator";
import { DEFAULT_SEED } from "../../emulator";
import { issueToken, KR1, nhn, send, sleep, start, validLogger } from "./helpers";

describe("emulator control", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start({ activationMs: 50 });
    api = nhn(emu, await issueToken(emu, "tenant-a"));
  });
  afterAll(() => emu.close());

  describe("in process", () => {
    it("creates a console logger owned by the last token's tenant, visible through the API", async () => {
      const logger = emu.control.createLogger("kr1", validLogger({ name: "console" }));
      expect(logger).toMatchObject({ name: "console", status: "BUILD", tenant_id: "tenant-a" });
      expect((await api.get(logger.id)).body.flowlog_logger.name).toBe("console");
    });

    it("validates a console create like the API", () => {
      expect(() => emu.control.createLogger("KR1", validLogger({ filter: "SOME" }))).toThrow(/filter/);
      expect(() => emu.control.createLogger("KR9", validLogger())).toThrow(/region/);
    });

    it("edits any field out of band, including immutable ones and the status, bumping updated_at", async () => {
      const logger = emu.control.createLogger("KR1", validLogger(), "tenant-a");
      const edited = emu.control.editLogger("KR1", logger.id, {
        filter: "DROP",
        aggregation_interval: 3,
        status: "ERROR",
        error_type: "AuthenticationSystemError",
        updated_at: "2030-01-01 00:00:00.123456",
      });
      expect(edited).toMatchObject({
        filter: "DROP",
        aggregation_interval: 3,
        status: "ERROR",
        error_type: "AuthenticationSystemError",
        updated_at: "2030-01-01 00:00:00.123456",
      });
      expect((await api.get(logger.id)).body.flowlog_logger).toEqual(edited);
    });

    it("bumps updated_at with microseconds on an edit without dates", () => {
      const logger = emu.control.createLogger("KR1", validLogger());
      const edited = emu.control.editLogger("KR1", logger.id, { description: "changed in the console" });
      expect(edited.updated_at).toMatch(/\.\d{6}$/);
    });

    it("moves logging ports when the console changes the logged resource", async () => {
      const logger = emu.control.createLogger("KR1", validLogger());
      const subnet = KR1.vpcs[1].subnets[0];
      emu.control.editLogger("KR1", logger.id, { resource_type: "SUBNET", resource_id: subnet.id });
      const ports = (await api.ports(`?logger_id=${logger.id}`)).body.flowlog_logging_ports;
      expect(ports.map((p: { port_id: string }) => p.port_id)).toEqual(subnet.ports.map((p) => p.id));
    });

    it("turns a logger to ERROR when the console points it at an ungranted container", async () => {
      const logger = emu.control.createLogger("KR1", validLogger());
      await sleep(60);
      const url = logger.storage_url.replace("/flowlog/", "/elsewhere/");
      expect(emu.control.editLogger("KR1", logger.id, { storage_url: url })).toMatchObject({
        status: "ERROR",
        error_type: "OBSConfigurationError",
      });
    });

    it("refuses malformed edits and unknown loggers", () => {
      const logger = emu.control.createLogger("KR1", validLogger());
      expect(() => emu.control.editLogger("KR1", logger.id, { colour: "red" })).toThrow();
      expect(() => emu.control.editLogger("KR1", logger.id, { status: "SLEEPING" })).toThrow();
      expect(() => emu.control.editLogger("KR1", "00000000-0000-4000-8000-000000000000", {})).toThrow(
        /no logger/,
      );
    });

    it("deletes out of band", async () => {
      const logger = emu.control.createLogger("KR1", validLogger());
      expect(emu.control.deleteLogger("KR1", logger.id)).toBe(true);
      expect(emu.control.deleteLogger("KR1", logger.id)).toBe(false);
      expect((await api.get(logger.id)).status).toBe(404);
    });

    it("hands out a copy of the seed", () => {
      const seed = emu.control.seed();
      seed.ncloud.buckets.push("mutated");
      expect(emu.control.seed()).toEqual(DEFAULT_SEED);
    });
  });

  describe("over HTTP under /_emulator", () => {
    const control = (path: string, method = "GET", body?: unknown) =>
      send(`${emu.url}/_emulator${path}`, { method, body, headers: { "content-type": "application/json" } });

    it("serves the seed", async () => {
      expect((await control("/seed")).body).toEqual(DEFAULT_SEED);
    });

    it("serves the request log", async () => {
      await api.list();
      const { requests } = (await control("/requests")).body;
      expect(requests.at(-1)).toMatchObject({ api: "nhn", method: "GET", status: 200 });
    });

    it("creates, lists, edits and deletes console loggers, region case-insensitively", async () => {
      const created = await control(
        "/nhn/KR1/loggers?tenant_id=tenant-a",
        "POST",
        validLogger({ name: "curl" }),
      );
      expect(created.status).toBe(201);
      const { id } = created.body.flowlog_logger;
      const listed = (await control("/nhn/kr1/loggers")).body.flowlog_loggers;
      expect(listed.some((l: { id: string }) => l.id === id)).toBe(true);
      const edited = await control(`/nhn/kr1/loggers/${id}`, "PATCH", { name: "edited", status: "INACTIVE" });
      expect(edited.body.flowlog_logger).toMatchObject({ name: "edited", status: "INACTIVE" });
      expect((await control(`/nhn/kr1/loggers/${id}`, "DELETE")).status).toBe(204);
      expect((await control(`/nhn/kr1/loggers/${id}`, "DELETE")).status).toBe(404);
    });

    it("answers a console create that fails validation with the API's 400", async () => {
      const res = await control("/nhn/kr1/loggers", "POST", validLogger({ log_format: "XML" }));
      expect(res.status).toBe(400);
      expect(res.body.NeutronError.message).toContain("log_format");
    });

    it("sets and clears a fault plan", async () => {
      expect((await control("/faults", "POST", { rate: 1, kinds: [502] })).status).toBe(204);
      expect((await api.list()).status).toBe(502);
      expect((await control("/faults", "POST", {})).status).toBe(204);
      expect((await api.list()).status).toBe(200);
    });

    it("refuses a malformed fault plan with 400", async () => {
      expect((await control("/faults", "POST", { rate: 2, kinds: [418] })).status).toBe(400);
    });

    it("expires and revokes tokens", async () => {
      const token = await issueToken(emu);
      expect((await control("/tokens/revoke", "POST", { tokenId: token })).status).toBe(204);
      expect((await nhn(emu, token).list()).status).toBe(401);
      const other = await issueToken(emu);
      expect((await control("/tokens/expire", "POST")).status).toBe(204);
      expect((await nhn(emu, other).list()).status).toBe(401);
      const third = await issueToken(emu);
      expect((await control("/tokens/revoke", "POST")).status).toBe(204);
      expect((await nhn(emu, third).list()).status).toBe(401);
      api = nhn(emu, await issueToken(emu, "tenant-a"));
    });

    it("answers 404 for an unknown control route", async () => {
      expect((await control("/nothing")).status).toBe(404);
    });
  });
});

describe("emulator lifecycle", () => {
  it("closes idempotently and stops accepting connections", async () => {
    const emu = await start();
    await Promise.all([emu.close(), emu.close()]);
    await expect(send(`${emu.url}/_emulator/seed`)).rejects.toThrow();
  });
});
