import { describe, expect, it } from "vitest";
import {
  createApiSchema,
  createRoleSchema,
  updateApiSchema,
  updateRoleSchema,
} from "../../lib/validation/api-resource";
import { updateApplicationSchema } from "../../lib/validation/application";
import { updateUserSchema } from "../../lib/validation/user";

/**
 * A PATCH changes what it names and nothing else: a default inside an update schema would
 * silently reset a field the request left out (a rename wiping a role's permissions).
 */
describe("update schemas fill in nothing", () => {
  const types = ["spa", "traditional", "native", "m2m", "third-party"] as const;

  const cases: [string, () => unknown][] = [
    ["API", () => updateApiSchema.parse({ name: "Renamed" })],
    ["role", () => updateRoleSchema.parse({ name: "Renamed" })],
    ["user", () => updateUserSchema.parse({ name: "Renamed" })],
    ...types.map((type): [string, () => unknown] => [
      `${type} app`,
      () => updateApplicationSchema(type).parse({ name: "Renamed" }),
    ]),
  ];

  it.each(cases)("a %s PATCH naming only the name yields only the name", (_what, parse) => {
    expect(parse()).toEqual({ name: "Renamed" });
  });

  it("creating still fills in the defaults", () => {
    expect(createRoleSchema.parse({ name: "Editor" })).toEqual({ name: "Editor", description: "", permissions: [] });
    expect(createApiSchema.parse({ name: "Wiki", indicator: "https://wiki.example.com/api" })).toMatchObject({
      accessTokenTtl: 3600,
      permissions: [],
    });
  });

  it("an update still checks what it is given", () => {
    expect(updateApiSchema.safeParse({ accessTokenTtl: 10 }).success).toBe(false);
    expect(updateRoleSchema.safeParse({ name: "" }).success).toBe(false);
  });
});
