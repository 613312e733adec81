import { type IncomingMessage, request } from "node:http";
import type { Emulator } from "../../emulator";
import { issueToken, sleep, start, validLogger } from "./helpers";

const INTERVAL_MS = 150;

interface Stream {
  status: number;
  res: IncomingMessage;
  destroy(): void;
}

/** A raw request on its own connection, resolved as soon as the headers are in. */
function open(url: string, token: string, method = "GET", body?: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { "x-auth-token": token } }, (res) =>
      resolve({ status: res.statusCode ?? 0, res, destroy: () => req.destroy() }),
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Epoch ms of each body chunk, and the body, until the response ends or closes. */
function drain(res: IncomingMessage): Promise<{ arrivals: number[]; body: string }> {
  const arrivals: number[] = [];
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => {
    arrivals.push(Date.now());
    chunks.push(chunk);
  });
  return new Promise((resolve) => {
    res.once("close", () => resolve({ arrivals, body: Buffer.concat(chunks).toString("utf8") }));
  });
}

describe("emulator trickle fault: the body one byte at a time", () => {
  let emu: Emulator;
  let token: string;
  let loggers: string;
  beforeAll(async () => {
    emu = await start();
    token = await issueToken(emu);
    loggers = `${emu.url}/network/kr1/v2.0/flowlog-loggers`;
    for (const name of ["t-1", "t-2"]) emu.control.createLogger("KR1", validLogger({ name }));
  });
  afterEach(() => emu.control.setFaults());
  afterAll(() => emu.close());

  const trickle = (trickleIntervalMs = INTERVAL_MS) =>
    emu.control.setFaults({ rate: 1, kinds: ["trickle"], trickleIntervalMs, times: 1 });

  it("sends the status and headers before the body, then the first bytes slowly, and logs the call", async () => {
    trickle();
    const sent = Date.now();
    const stream = await open(loggers, token);
    expect(stream.status).toBe(200);
    expect(stream.res.headers["content-type"]).toBe("application/json");
    const drained = drain(stream.res);
    await sleep(INTERVAL_MS * 3.5);
    stream.destroy();
    const { arrivals, body } = await drained;
    expect(arrivals[0] - sent).toBeGreaterThanOrEqual(INTERVAL_MS - 10);
    expect(body.length).toBeGreaterThanOrEqual(1);
    expect(body.length).toBeLessThanOrEqual(4);
    expect(body).toBe('{"flowlog_loggers"'.slice(0, body.length));
    expect(emu.control.requests().at(-1)).toMatchObject({ method: "GET", status: 200, fault: "trickle" });
  });

  it("processes the call normally: the whole body arrives in the end", async () => {
    emu.control.setFaults({
      rate: 1,
      kinds: ["trickle"],
      trickleIntervalMs: 1,
      times: 1,
      match: { method: "POST" },
    });
    const sent = JSON.stringify({ flowlog_logger: validLogger({ name: "trickled" }) });
    const stream = await open(loggers, token, "POST", sent);
    expect(stream.status).toBe(201);
    const { body } = await drain(stream.res);
    expect(JSON.parse(body).flowlog_logger).toMatchObject({ name: "trickled" });
    expect(emu.control.loggers("KR1").filter((l) => l.name === "trickled")).toHaveLength(1);
  });

  it("stops trickling when the client gives up", async () => {
    const started = jest.spyOn(global, "setInterval");
    const stopped = jest.spyOn(global, "clearInterval");
    try {
      trickle();
      const stream = await open(loggers, token);
      const drained = drain(stream.res);
      await sleep(INTERVAL_MS * 2);
      const pacer = started.mock.results.at(-1)?.value;
      expect(stopped).not.toHaveBeenCalledWith(pacer);
      stream.destroy();
      const { body } = await drained;
      await sleep(INTERVAL_MS);
      expect(stopped).toHaveBeenCalledWith(pacer);
      expect(body.length).toBeLessThan(5);
    } finally {
      started.mockRestore();
      stopped.mockRestore();
    }
  });

  it("does not keep close() waiting on a trickling connection", async () => {
    const other = await start();
    other.control.setFaults({ rate: 1, kinds: ["trickle"], trickleIntervalMs: 10_000 });
    const stream = await open(`${other.url}/network/kr1/v2.0/flowlog-loggers`, await issueToken(other));
    const drained = drain(stream.res);
    const closing = Date.now();
    await other.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    expect((await drained).body).toBe("");
  });
});
