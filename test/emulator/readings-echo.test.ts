import { DEFAULT_READINGS, type Emulator, type Readings } from "../../emulator";
import { issueToken, nhn, start, validLogger } from "./helpers";

const DEFAULT_FILE_NAME = "#{logger_id}_#{year}-#{month}-#{day}T#{hour}:#{minute}:#{second}KST";
const CUSTOM_FILE_NAME = "#{year}#{month}#{day}-#{hour}#{minute}#{second}-#{logger_id}";

describe("emulator readings: which fields responses echo", () => {
  let emu: Emulator;
  let api: ReturnType<typeof nhn>;
  beforeAll(async () => {
    emu = await start();
    api = nhn(emu, await issueToken(emu));
  });
  afterEach(() => emu.control.setReadings(DEFAULT_READINGS));
  afterAll(() => emu.close());

  /** The logger as each response shows it: POST, PUT, GET one, list, and the in-process control. */
  async function everyResponse(given: Record<string, unknown> = {}) {
    const post = (await api.create(validLogger({ name: "echo", ...given }))).body.flowlog_logger;
    const put = (await api.update(post.id, { name: "echo-renamed" })).body.flowlog_logger;
    const get = (await api.get(post.id)).body.flowlog_logger;
    const list = (await api.list(`?id=${post.id}`)).body.flowlog_loggers[0];
    const control = emu.control.loggers("KR1").find((l) => l.id === post.id);
    return { post, put, get, list, control };
  }

  const which = (responses: Record<string, object | undefined>, field: string) =>
    Object.entries(responses)
      .filter(([, logger]) => logger !== undefined && field in logger)
      .map(([response]) => response);

  it.each<[Readings["echoCustomizedField"], string[]]>([
    ["always", ["post", "put", "get", "list", "control"]],
    ["read-only", ["get", "list", "control"]],
    ["never", []],
  ])("echoCustomizedField %s shows customized_field in %j", async (echoCustomizedField, shown) => {
    emu.control.setReadings({ echoCustomizedField });
    const responses = await everyResponse({ customized_field: "status,bytes" });
    expect(which(responses, "customized_field")).toEqual(shown);
    for (const response of shown) {
      expect(responses[response as keyof typeof responses]).toMatchObject({
        customized_field: "status,bytes",
      });
    }
  });

  it("echoFileName no shows customized_file_name in no response", async () => {
    const responses = await everyResponse({ customized_file_name: CUSTOM_FILE_NAME });
    expect(which(responses, "customized_file_name")).toEqual([]);
  });

  it.each([
    ["the value given at create", { customized_file_name: CUSTOM_FILE_NAME }, CUSTOM_FILE_NAME],
    ["the service default when create left it out", {}, DEFAULT_FILE_NAME],
  ])("echoFileName yes shows in every response %s", async (_case, given, expected) => {
    emu.control.setReadings({ echoFileName: "yes" });
    const responses = await everyResponse(given);
    expect(which(responses, "customized_file_name")).toEqual(["post", "put", "get", "list", "control"]);
    for (const logger of Object.values(responses)) {
      expect(logger).toMatchObject({ customized_file_name: expected });
    }
  });
});
