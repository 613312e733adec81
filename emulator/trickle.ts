import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/**
 * Sends status and headers at once, then the body one byte per `intervalMs`, as a stalled server does.
 * Stops when the connection closes (the client gave up, or the emulator closed it).
 */
export function trickle(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: Buffer,
  intervalMs: number,
): void {
  res.writeHead(status, headers);
  res.flushHeaders();
  if (body.length === 0) {
    res.end();
    return;
  }
  let sent = 0;
  const timer = setInterval(() => {
    res.write(body.subarray(sent, sent + 1));
    sent += 1;
    if (sent === body.length) {
      clearInterval(timer);
      res.end();
    }
  }, intervalMs);
  res.once("close", () => clearInterval(timer));
}
