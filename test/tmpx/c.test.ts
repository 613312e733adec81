import { openStack, startEmulator } from "../../provider/testing";

it("kit+emulator", async () => {
  const e = await startEmulator();
  await e.close();
  expect(typeof openStack).toBe("function");
});
