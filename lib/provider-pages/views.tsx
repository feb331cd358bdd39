import type { createTranslator } from "next-intl";
import type { ReactNode } from "react";
import { builtInClientKey } from "@/components/account/client-name";
import { DeviceSteps } from "@/components/account/device-steps";
import { ErrorView } from "@/components/account/error-view";
import { InteractionView } from "@/components/account/interaction-view";
import { PasswordPage } from "@/components/account/password-pages";
import { RegisterPage } from "@/components/account/register-pages";
import { SignedOutMessage, SignOutQuestion } from "@/components/account/sign-out-view";
import type { ViewData, ViewName } from "./data";

type Translate = ReturnType<typeof createTranslator>;

/** One end-user view: its page title (before " · Latchkey") and its content inside the card. */
type Page<N extends ViewName> = {
  title: (data: ViewData[N], t: Translate) => string;
  body: (data: ViewData[N]) => ReactNode;
};

/**
 * Every view the server renders, by name. A new view: a presentational component in
 * components/account/ (props in, translations through useTranslations), its data type in
 * data.ts, and an entry here (TypeScript insists on one for every ViewName).
 */
export const pages: { [N in ViewName]: Page<N> } = {
  interaction: {
    title(view, t) {
      if (view.kind === "select_account") return t("account.selectAccount.title");
      if (view.kind === "login") return t("account.signIn.title");
      if (view.kind === "second_factor") return t("account.secondFactor.heading");
      if (view.kind === "second_factor_enrol" || view.kind === "recovery_codes")
        return t("account.twoFactor.enrolTitle");
      const key = builtInClientKey(view.client.clientId);
      const app = key ? t(`account.builtInClients.${key}`) : view.client.name;
      if (view.kind === "access_denied") return t("account.accessDenied.heading", { app });
      return t("account.consent.heading", { app });
    },
    body: (view) => <InteractionView view={view} />,
  },
  error: { title: (_, t) => t("account.error.title"), body: (view) => <ErrorView view={view} /> },
  logout: { title: (_, t) => t("account.signOut.title"), body: (view) => <SignOutQuestion view={view} /> },
  "signed-out": { title: (_, t) => t("account.signedOut.title"), body: (view) => <SignedOutMessage view={view} /> },
  device: { title: (_, t) => t("account.device.title"), body: (view) => <DeviceSteps view={view} /> },
  password: {
    title: (view, t) =>
      view.step !== "verified"
        ? t("account.password.title")
        : t(view.changed ? "account.password.changedHeading" : "account.password.verifiedHeading"),
    body: (view) => <PasswordPage view={view} />,
  },
  register: { title: (_, t) => t("account.register.title"), body: (view) => <RegisterPage view={view} /> },
};
