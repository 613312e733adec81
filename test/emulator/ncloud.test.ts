import type { Emulator } from "../../emulator";
import { ncloudHeaders, send, start } from "./helpers";

describe("emulator NCloud flow log actions", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await start();
  });
  afterEach(() => {
    for (const cfg of emu.control.ncloudFlowLogs()) {
      emu.control.deleteNcloudFlowLog(cfg.networkInterfaceNo, cfg.regionCode);
    }
  });
  afterAll(() => emu.close());

  /** Signed GET of /vserver/v2/{action} with JSON responses. */
  const call = (action: string, params: Record<string, string> = {}, headers?: Record<string, string>) => {
    const query = new URLSearchParams({ responseFormatType: "json", ...params }).toString();
    const target = `/vserver/v2/${action}?${query}`;
    return send(`${emu.url}${target}`, { headers: headers ?? ncloudHeaders(target) });
  };
  const enable = (params: Record<string, string> = {}) =>
    call("enableFlowLog", {
      networkInterfaceNo: "1000001",
      collectActionTypeCode: "ALLOW",
      storageBucketName: "flowlog-bucket",
      ...params,
    });

  it("enables a flow log with the documented defaults and the documented JSON shape", async () => {
    const res = await enable();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enableFlowLogResponse: {
        requestId: expect.any(String),
        returnCode: "0",
        returnMessage: "success",
        totalRows: 1,
        flowLogConfigurationList: [
          {
            networkInterfaceNo: "1000001",
            collectActionType: { code: "ALLOW", codeName: "Allow" },
            collectIntervalMinute: 15,
            storageType: { code: "OBJT", codeName: "Object Storage" },
            storageBucketName: "flowlog-bucket",
            storageBucketDirectoryName: "VPC_FLOW_LOG",
          },
        ],
      },
    });
  });

  it("lists only interfaces with a configuration, optionally narrowed by networkInterfaceNoList.N", async () => {
    await enable();
    await enable({
      networkInterfaceNo: "1000003",
      collectActionTypeCode: "DENY",
      collectIntervalMinute: "5",
    });
    const all = (await call("getFlowLogConfigurationList")).body.getFlowLogConfigurationListResponse;
    expect(all.totalRows).toBe(2);
    expect(
      all.flowLogConfigurationList.map((c: { networkInterfaceNo: string }) => c.networkInterfaceNo),
    ).toEqual(["1000001", "1000003"]);
    const some = await call("getFlowLogConfigurationList", {
      "networkInterfaceNoList.1": "1000003",
      "networkInterfaceNoList.2": "1000002",
    });
    expect(some.body.getFlowLogConfigurationListResponse.flowLogConfigurationList).toEqual([
      expect.objectContaining({ networkInterfaceNo: "1000003", collectIntervalMinute: 5 }),
    ]);
  });

  it("replaces an existing configuration when enabling again (undocumented real behaviour)", async () => {
    await enable();
    await enable({ collectActionTypeCode: "ALL", storageBucketDirectoryName: "second" });
    expect(emu.control.ncloudFlowLogs("KR")).toEqual([
      expect.objectContaining({
        networkInterfaceNo: "1000001",
        collectActionTypeCode: "ALL",
        storageBucketDirectoryName: "second",
      }),
    ]);
  });

  it("disables a flow log, and then answers 14016 for disabling it again", async () => {
    await enable();
    const res = await call("disableFlowLog", { networkInterfaceNo: "1000001" });
    expect(res.status).toBe(200);
    expect(res.body.disableFlowLogResponse.returnCode).toBe("0");
    expect(emu.control.ncloudFlowLogs()).toEqual([]);
    const again = await call("disableFlowLog", { networkInterfaceNo: "1000001" });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      responseError: {
        returnCode: "14016",
        returnMessage: "flow log is not enabled on this network interface",
      },
    });
  });

  it.each([
    ["networkInterfaceNo is missing", { networkInterfaceNo: "" }, "1000101"],
    ["storageBucketName is missing", { storageBucketName: "" }, "1000102"],
    ["the interface is not known", { networkInterfaceNo: "999" }, "1099000"],
    ["collectActionTypeCode is not ALLOW, DENY or ALL", { collectActionTypeCode: "ACCEPT" }, "1099000"],
    ["collectIntervalMinute is below 5", { collectIntervalMinute: "4" }, "1099000"],
    ["collectIntervalMinute is above 15", { collectIntervalMinute: "16" }, "1099000"],
    ["storageTypeCode is not OBJT", { storageTypeCode: "NAS" }, "1099000"],
    ["the directory name has a dash", { storageBucketDirectoryName: "flow-log" }, "1099000"],
    ["the directory name is over 100 characters", { storageBucketDirectoryName: "d".repeat(101) }, "1099000"],
    ["the regionCode is unknown", { regionCode: "MARS" }, "1099000"],
    ["the bucket does not exist", { storageBucketName: "no-such-bucket" }, "1000100"],
  ])("answers 400 when %s", async (_name, params, returnCode) => {
    const res = await enable(params);
    expect(res.status).toBe(400);
    expect(res.body.responseError.returnCode).toBe(returnCode);
    expect(emu.control.ncloudFlowLogs()).toEqual([]);
  });

  it("words the missing-parameter errors as the document does", async () => {
    expect((await enable({ networkInterfaceNo: "" })).body.responseError.returnMessage).toBe(
      "there are no required parameter (networkInterfaceNo)",
    );
    expect((await enable({ storageBucketName: "no-such-bucket" })).body.responseError.returnMessage).toBe(
      "failed to applied flowLog",
    );
  });

  it("keeps each regionCode's configurations apart", async () => {
    await enable({ regionCode: "SGN" });
    expect(emu.control.ncloudFlowLogs("KR")).toEqual([]);
    expect(emu.control.ncloudFlowLogs("SGN")).toHaveLength(1);
  });

  it("accepts a POST with a form-encoded body, the signature covering the path only", async () => {
    const target = "/vserver/v2/enableFlowLog";
    const res = await send(`${emu.url}${target}`, {
      method: "POST",
      headers: { ...ncloudHeaders(target, "POST"), "content-type": "application/x-www-form-urlencoded" },
      body: "responseFormatType=json&networkInterfaceNo=1000002&collectActionTypeCode=DENY&storageBucketName=flowlog-bucket",
    });
    expect(res.status).toBe(200);
    expect(res.body.enableFlowLogResponse.flowLogConfigurationList[0].networkInterfaceNo).toBe("1000002");
  });

  it("answers XML by default", async () => {
    const target = "/vserver/v2/getFlowLogConfigurationList";
    await enable();
    const res = await send(`${emu.url}${target}`, { headers: ncloudHeaders(target) });
    expect(res.headers.get("content-type")).toContain("xml");
    expect(res.text).toContain("<getFlowLogConfigurationListResponse>");
    expect(res.text).toContain("<networkInterfaceNo>1000001</networkInterfaceNo>");
  });

  describe("the API gateway", () => {
    const target = "/vserver/v2/getFlowLogConfigurationList?responseFormatType=json";
    const authFailed = { errorCode: "200", message: "Authentication Failed" };

    it.each([
      ["no signature headers", () => ({})],
      [
        "a signature made with another secret",
        () => ncloudHeaders(target, "GET", Date.now(), "wrong-secret"),
      ],
      [
        "a signature of another path",
        () => ncloudHeaders("/vserver/v2/enableFlowLog?responseFormatType=json"),
      ],
      ["a signature for another method", () => ncloudHeaders(target, "POST")],
      ["an unknown access key", () => ({ ...ncloudHeaders(target), "x-ncp-iam-access-key": "other" })],
    ])("answers 401 for %s", async (_name, headers) => {
      const res = await send(`${emu.url}${target}`, { headers: headers() });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject(authFailed);
    });

    it("answers 401 mentioning the timestamp when it is 6 minutes off", async () => {
      const res = await send(`${emu.url}${target}`, {
        headers: ncloudHeaders(target, "GET", Date.now() - 6 * 60_000),
      });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject(authFailed);
      expect(res.body.error.details).toMatch(/timestamp/i);
    });

    it("answers 404 with errorCode 300 for an unknown action", async () => {
      const unknown = "/vserver/v2/deleteEverything";
      const res = await send(`${emu.url}${unknown}`, { headers: ncloudHeaders(unknown) });
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ errorCode: "300", message: "Not Found" });
    });

    it("logs the access key but never the secret", async () => {
      emu.control.clearRequests();
      await send(`${emu.url}${target}`, { headers: ncloudHeaders(target) });
      expect(emu.control.requests()).toEqual([
        expect.objectContaining({
          api: "ncloud",
          accessKey: "emulator-access-key",
          region: "KR",
          status: 200,
        }),
      ]);
      expect(JSON.stringify(emu.control.requests())).not.toContain("emulator-secret-key");
    });
  });

  it("lets the control set and delete configurations out of band", async () => {
    const cfg = emu.control.setNcloudFlowLog({
      networkInterfaceNo: "1000002",
      collectActionTypeCode: "DENY",
      storageBucketName: "flowlog-bucket",
    });
    expect(cfg).toMatchObject({
      regionCode: "KR",
      collectIntervalMinute: 15,
      storageBucketDirectoryName: "VPC_FLOW_LOG",
    });
    const listed = (await call("getFlowLogConfigurationList")).body.getFlowLogConfigurationListResponse;
    expect(listed.totalRows).toBe(1);
    expect(emu.control.deleteNcloudFlowLog("1000002")).toBe(true);
    expect(emu.control.ncloudFlowLogs()).toEqual([]);
  });
});
