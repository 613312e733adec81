import { openStack } from "../../provider/testing";

it("kit", () => {
  expect(typeof openStack).toBe("function");
});
