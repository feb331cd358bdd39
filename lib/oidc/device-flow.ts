import type { Configuration, KoaContextWithOIDC } from "oidc-provider";
import type { DeviceView } from "../provider-pages/data";
import { deviceCodeProblem, deviceFormXsrf, keepDeviceFormSecret, prefilledUserCode } from "./internals";
import { renderAfterRoute } from "./render-after-route";

/** oidc-provider's route for the verification page, under the issuer: the verification_uri. */
export const DEVICE_PATH = "/device";

type DeviceFeature = NonNullable<NonNullable<Configuration["features"]>["deviceFlow"]>;
export type RenderDevicePage = (ctx: KoaContextWithOIDC, view: DeviceView, status: number) => Promise<void>;

/**
 * The device authorization grant (RFC 8628): a TV or a command-line tool shows a short code, the
 * user types it at /oidc/device, signs in and consents on the usual pages, and sees that it
 * worked; the device meanwhile polls the token endpoint. The pages are Latchkey's own
 * (app/(account)/device), in the reader's language.
 */
export function deviceFlowFeature(render: RenderDevicePage): DeviceFeature {
  return {
    enabled: true,
    // Consonants only, no look-alikes: BCDF-GHJK. 20^8 codes, tried at most a few times each.
    charset: "base-20",
    mask: "****-****",
    async userCodeInputSource(ctx, form, _out, err) {
      const view: DeviceView = {
        step: "input",
        action: ctx.oidc.urlFor("code_verification"),
        xsrf: deviceFormXsrf(form),
        userCode: (err as { userCode?: string } | undefined)?.userCode ?? prefilledUserCode(ctx),
        problem: deviceCodeProblem(err),
      };
      const status = ctx.status === 404 ? 200 : ctx.status;
      // The form's xsrf is checked against the session, stored only after this hook returns
      // (and, when a code was refused, not at all without keepDeviceFormSecret).
      renderAfterRoute(ctx, async () => {
        await keepDeviceFormSecret(ctx);
        await render(ctx, view, status);
      });
    },
    async userCodeConfirmSource(ctx, form, client, _deviceInfo, userCode) {
      const view: DeviceView = {
        step: "confirm",
        action: ctx.oidc.urlFor("code_verification"),
        xsrf: deviceFormXsrf(form),
        userCode,
        clientName: client.clientName,
        clientId: client.clientId,
      };
      renderAfterRoute(ctx, () => render(ctx, view, 200));
    },
    async successSource(ctx) {
      const view: DeviceView = {
        step: "success",
        clientName: ctx.oidc.client?.clientName,
        clientId: ctx.oidc.client?.clientId,
      };
      renderAfterRoute(ctx, () => render(ctx, view, 200));
    },
  };
}
