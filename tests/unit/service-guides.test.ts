import { describe, expect, it } from "vitest";
import { type GuideValues, normalizeServiceUrl, serviceGuides } from "../../lib/applications/service-guides";

const values: GuideValues = {
  issuer: "https://id.example.com/oidc",
  discoveryUrl: "https://id.example.com/oidc/.well-known/openid-configuration",
  authorizationEndpoint: "https://id.example.com/oidc/auth",
  tokenEndpoint: "https://id.example.com/oidc/token",
  userinfoEndpoint: "https://id.example.com/oidc/me",
  endSessionEndpoint: "https://id.example.com/oidc/session/end",
  clientId: "k3v9client",
  clientSecret: "s3cret-value",
  serviceUrl: "https://svc.example.com",
  randomKey: "R".repeat(32),
  comments: { unusedPath: "Any unused path.", nextcloudPkce: "Turn PKCE on." },
};

describe("service guides", () => {
  it("covers the services admins ask for", () => {
    expect(serviceGuides.map((g) => g.id)).toEqual([
      "generic",
      "mod-auth-openidc",
      "oauth2-proxy",
      "grafana",
      "gitlab",
      "nextcloud",
      "discourse",
      "outline",
    ]);
  });

  it.each(serviceGuides.map((guide) => [guide.name, guide] as const))(
    "%s: fills in the client ID and secret, and where the provider is",
    (_name, guide) => {
      const text = guide.snippet(values);
      expect(text).toContain(values.clientId);
      expect(text).toContain(values.clientSecret);
      // Either the discovery document or the issuer it is derived from, or the endpoints themselves.
      expect(text.includes(values.discoveryUrl) || text.includes(values.issuer)).toBe(true);
      expect(text).not.toContain("undefined");
    },
  );

  it("puts the service's own redirect URI where the service reads it from its config", () => {
    for (const id of ["mod-auth-openidc", "oauth2-proxy", "gitlab"]) {
      const guide = serviceGuides.find((g) => g.id === id)!;
      expect(guide.snippet(values)).toContain(`${values.serviceUrl}${guide.redirectPath}`);
    }
  });

  it("makes the redirect URI from the address the admin typed", () => {
    expect(normalizeServiceUrl("https://svc.example.com/")).toBe("https://svc.example.com");
    expect(normalizeServiceUrl(" https://svc.example.com/wiki// ")).toBe("https://svc.example.com/wiki");
    expect(normalizeServiceUrl("svc.example.com")).toBe("");
    expect(normalizeServiceUrl("javascript:alert(1)")).toBe("");
  });
});
