import { z } from "zod";
import { describeFailure, failuresOf, nearestName } from "../../provider/common/check";

// Issue 21: the engine prints a check failure as `property: reason`, so a reason that starts with the
// property again reads `aggregationInterval: aggregationInterval must be …`; and a misspelt argument
// listed all 17 names without saying which one was meant.
const NAMES = [
  "name",
  "description",
  "resourceType",
  "resourceId",
  "storageUrl",
  "customizedFields",
  "adoptId",
];

describe("nearestName", () => {
  it.each([
    ["a case slip", "resourceID", "resourceId"],
    ["snake case", "storage_url", "storageUrl"],
    ["a missing letter", "descripton", "description"],
    ["two letters swapped", "naem", "name"],
    ["a plural", "customizedField", "customizedFields"],
    ["the API's singular in snake case", "customized_field", "customizedFields"],
  ])("suggests the argument a key with %s means", (_case, key, meant) => {
    expect(nearestName(key, NAMES)).toBe(meant);
  });

  it.each([
    ["a different word", "region"],
    ["a short key far from every name", "id"],
    ["an empty key", ""],
    ["a key of 1 MiB", "resourceId".repeat(100_000)],
  ])("suggests nothing for %s", (_case, key) => {
    expect(nearestName(key, NAMES)).toBeUndefined();
  });
});

describe("failuresOf", () => {
  const Args = z.strictObject({
    aggregationInterval: z.number().int().min(1, { error: "must be a whole number of minutes from 1 to 15" }),
    resourceId: z.string().optional(),
    fields: z.array(z.enum(["a", "b"], { error: "must be one of a, b" })).optional(),
  });
  const failures = (input: Record<string, unknown>) => {
    const parsed = Args.safeParse(input);
    return parsed.success ? [] : failuresOf(parsed.error.issues, input, "Thing", Object.keys(Args.shape));
  };

  it("gives a reason that does not repeat the property, which the engine prints before it", () => {
    expect(failures({ aggregationInterval: 0 })).toEqual([
      { property: "aggregationInterval", reason: "must be a whole number of minutes from 1 to 15 (got 0)" },
    ]);
  });

  it("names an element of a list by its index", () => {
    expect(failures({ aggregationInterval: 1, fields: ["a", "c"] })).toEqual([
      { property: "fields", reason: "[1] must be one of a, b" },
    ]);
  });

  it("says which argument a misspelt one probably is, and lists them all", () => {
    expect(failures({ aggregationInterval: 1, resourceID: "x" })).toEqual([
      {
        property: "resourceID",
        reason:
          "not an argument of Thing; did you mean resourceId? Arguments are aggregationInterval, resourceId, fields",
      },
    ]);
  });

  it("only lists the arguments when none is close", () => {
    expect(failures({ aggregationInterval: 1, colour: "x" })).toEqual([
      {
        property: "colour",
        reason: "not an argument of Thing; arguments are aggregationInterval, resourceId, fields",
      },
    ]);
  });

  it("reads as one line where no engine prefixes the property (data functions, state errors)", () => {
    expect(failures({ aggregationInterval: 0 }).map(describeFailure)).toEqual([
      "aggregationInterval: must be a whole number of minutes from 1 to 15 (got 0)",
    ]);
  });
});
