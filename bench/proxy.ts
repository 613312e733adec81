import type { AddressInfo } from "node:net";
import { connect, createServer, type Socket } from "node:net";

/** A TCP pass-through in front of the emulator that counts connections: keep-alive reuse made visible. */
export interface CountingProxy {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** Connections opened since the last reset. */
  opened: number;
  /** Most connections open at once since the last reset. */
  peakOpen: number;
  /** Bytes the target sent back (responses, headers included) since the last reset. */
  bytesIn: number;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let open = 0;
  const server = createServer((client) => {
    proxy.opened++;
    open++;
    proxy.peakOpen = Math.max(proxy.peakOpen, open);
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    upstream.on("data", (chunk: Buffer) => {
      proxy.bytesIn += chunk.length;
    });
    client.pipe(upstream).pipe(client);
    const done = () => {
      if (!sockets.delete(client)) return;
      open--;
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", done).on("error", done);
    upstream.on("close", done).on("error", done);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxy: CountingProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    opened: 0,
    peakOpen: 0,
    bytesIn: 0,
    reset() {
      proxy.opened = 0;
      proxy.peakOpen = open;
      proxy.bytesIn = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
