import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Emulator } from "../../emulator";

export interface LateDisable {
  /** Use as `ncloud:apiUrl`. */
  url: string;
  /** How many reads an accepted disable still shows the flow log to (0: applied at once, as the emulator does). */
  lingerReads: number;
  close(): Promise<void>;
}

const bodyOf = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * The emulator behind a proxy that plays an NCloud applying disableFlowLog asynchronously: after the
 * emulator disabled a flow log and answered, the flow log is put back and shown to the next
 * `lingerReads` getFlowLogConfigurationList calls, then removed for good.
 */
export async function startLateDisable(emulator: Emulator): Promise<LateDisable> {
  const { control } = emulator;
  let lingering: { nic: string; regionCode: string; reads: number } | undefined;
  const server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const path = new URL(req.url ?? "/", "http://proxy").pathname;
    if (lingering && path.endsWith("/getFlowLogConfigurationList")) {
      if (lingering.reads === 0) {
        control.deleteNcloudFlowLog(lingering.nic, lingering.regionCode);
        lingering = undefined;
      } else lingering.reads--;
    }
    const form = new URLSearchParams(body.toString());
    const disabling = path.endsWith("/disableFlowLog")
      ? control
          .ncloudFlowLogs(form.get("regionCode") ?? "KR")
          .find((cfg) => cfg.networkInterfaceNo === form.get("networkInterfaceNo"))
      : undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "content-length") headers[name] = value;
    }
    const answer = await fetch(`${emulator.url}${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? body : undefined,
    });
    const text = await answer.text();
    if (disabling && answer.ok && proxy.lingerReads > 0) {
      control.setNcloudFlowLog(disabling);
      lingering = {
        nic: disabling.networkInterfaceNo,
        regionCode: disabling.regionCode,
        reads: proxy.lingerReads,
      };
    }
    res.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/json",
    });
    res.end(text);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const proxy: LateDisable = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lingerReads: 0,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
  return proxy;
}
