import { signatureV2, signedHeaders } from "../../provider/ncloud/signer";

const VECTOR = {
  method: "GET",
  pathWithQuery: "/vserver/v2/getFlowLogConfigurationList?regionCode=KR&responseFormatType=json",
  timestamp: 1700000000000,
  accessKey: "AKIAEXAMPLE",
  secretKey: "secret-example",
};

describe("NCloud signature v2", () => {
  // Computed independently: printf 'GET /vserver/…\n1700000000000\nAKIAEXAMPLE' | openssl dgst -sha256 -hmac secret-example -binary | base64
  it("matches a vector computed with openssl", () => {
    expect(signatureV2(VECTOR)).toBe("1Pafb/GefL2hYOHP4pSRR+bZfGLz7uWkE7FbBK7TiVQ=");
  });

  it.each([
    ["method", { method: "POST" }],
    [
      "path and query",
      { pathWithQuery: "/vserver/v2/getFlowLogConfigurationList?regionCode=JPN&responseFormatType=json" },
    ],
    ["timestamp", { timestamp: 1700000000001 }],
    ["access key", { accessKey: "AKIAOTHER" }],
    ["secret key", { secretKey: "secret-other" }],
  ])("changes when the %s changes", (_name, change) => {
    expect(signatureV2({ ...VECTOR, ...change })).not.toBe(signatureV2(VECTOR));
  });

  it("sends the timestamp in epoch milliseconds, the access key and the signature, never the secret key", () => {
    const headers = signedHeaders(VECTOR);
    expect(headers).toEqual({
      "x-ncp-apigw-timestamp": "1700000000000",
      "x-ncp-iam-access-key": "AKIAEXAMPLE",
      "x-ncp-apigw-signature-v2": "1Pafb/GefL2hYOHP4pSRR+bZfGLz7uWkE7FbBK7TiVQ=",
    });
    expect(JSON.stringify(headers)).not.toContain(VECTOR.secretKey);
  });
});
