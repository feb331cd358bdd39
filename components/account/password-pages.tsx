import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";
import type { PasswordView } from "@/lib/provider-pages/data";

type View<S extends PasswordView["step"]> = Extract<PasswordView, { step: S }>;

export const linkClass = "text-sm font-medium text-brand-700 underline-offset-2 hover:underline";

/**
 * "Forgot password?" and the pages behind the links Latchkey emails (reset, invitation,
 * verification), as the server hands them over (lib/account-email/routes.ts). Plain forms that
 * post with their anti-forgery token: nothing here needs a script.
 */
export function PasswordPage({ view }: { view: PasswordView }) {
  switch (view.step) {
    case "request":
      return <RequestLink view={view} />;
    case "sent":
      return <LinkSent view={view} />;
    case "choose":
      return <ChoosePassword view={view} />;
    case "invalid":
      return <LinkInvalid view={view} />;
    case "confirm_change":
      return <ConfirmChange view={view} />;
    case "done":
      return <PasswordSaved view={view} />;
    case "verified":
      return <AddressVerified view={view} />;
  }
}

export function Heading({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{children}</h1>
      {intro && <p className="mt-2 text-sm text-slate-600">{intro}</p>}
    </>
  );
}

/** "Too many requests", with how long to wait when the server said (seconds under two minutes, else minutes). */
export function useWaitMessage(retryAfter: number | undefined) {
  const t = useTranslations("account.password");
  if (!retryAfter) return t("tooMany");
  return retryAfter < 120
    ? t("tooManySeconds", { seconds: retryAfter })
    : t("tooManyMinutes", { minutes: Math.ceil(retryAfter / 60) });
}

export function BackToSignIn({ uid }: { uid?: string }) {
  const t = useTranslations("account.password");
  if (!uid) return null;
  return (
    <a href={`/interaction/${uid}`} className={linkClass}>
      {t("backToSignIn")}
    </a>
  );
}

function RequestLink({ view }: { view: View<"request"> }) {
  const t = useTranslations("account.password");
  const tv = useTranslations("validation");
  const wait = useWaitMessage(view.retryAfter);
  return (
    <>
      <Heading intro={t("requestIntro")}>{t("requestHeading")}</Heading>
      {view.emailOff ? (
        <div className="mt-6 flex flex-col gap-4">
          <Alert tone="warning">{t("emailOff")}</Alert>
          <BackToSignIn uid={view.uid} />
        </div>
      ) : (
        <form method="post" action="/password/forgot" noValidate className="mt-6 flex flex-col gap-4">
          <input type="hidden" name="csrf" value={view.csrf} />
          {view.uid && <input type="hidden" name="uid" value={view.uid} />}
          {view.error === "too_many_attempts" && <Alert tone="error">{wait}</Alert>}
          <Field
            label={t("email")}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            autoFocus
            error={view.error === "invalid_email" ? tv("emailInvalid") : undefined}
          />
          <Button type="submit" className="mt-2 w-full">
            {t("send")}
          </Button>
          <BackToSignIn uid={view.uid} />
        </form>
      )}
    </>
  );
}

function LinkSent({ view }: { view: View<"sent"> }) {
  const t = useTranslations("account.password");
  const again = `/password/forgot${view.uid ? `?${new URLSearchParams({ uid: view.uid })}` : ""}`;
  return (
    <div className="flex flex-col gap-4">
      <Heading intro={t("sentIntro")}>{t("sentHeading")}</Heading>
      <p className="text-sm text-slate-600">{t("sentHelp")}</p>
      <a href={again} className={linkClass}>
        {t("sendAgain")}
      </a>
      <BackToSignIn uid={view.uid} />
    </div>
  );
}

function ChoosePassword({ view }: { view: View<"choose"> }) {
  const t = useTranslations("account.password");
  const tv = useTranslations("validation");
  const message = (key: string | undefined) => (key ? (tv.has(key as never) ? tv(key as never) : key) : undefined);
  const action = view.purpose === "invite" ? "/password/invite" : "/password/reset";
  return (
    <>
      <Heading intro={t("chooseIntro", { email: view.email })}>
        {view.purpose === "invite" ? t("inviteHeading") : t("chooseHeading")}
      </Heading>
      <form method="post" action={action} noValidate className="mt-6 flex flex-col gap-4">
        <input type="hidden" name="csrf" value={view.csrf} />
        <input type="hidden" name="token" value={view.token} />
        {/* Tells a password manager which account the new password belongs to. */}
        <input type="email" name="username" value={view.email} autoComplete="username" readOnly hidden />
        <NewPasswordField
          label={t("newPassword")}
          name="password"
          hint={tv("passwordTooShort")}
          required
          autoFocus
          error={message(view.errors?.password)}
        />
        <NewPasswordField
          label={t("confirmPassword")}
          name="confirmPassword"
          required
          error={message(view.errors?.confirmPassword)}
        />
        <Button type="submit" className="mt-2 w-full">
          {t("save")}
        </Button>
      </form>
    </>
  );
}

function LinkInvalid({ view }: { view: View<"invalid"> }) {
  const t = useTranslations("account.password");
  return (
    <div className="flex flex-col gap-4">
      <Heading intro={t(`invalid.${view.purpose}`)}>{t("invalidHeading")}</Heading>
      {view.purpose === "reset" && (
        <a href="/password/forgot" className={linkClass}>
          {t("askAgain")}
        </a>
      )}
    </div>
  );
}

function PasswordSaved({ view }: { view: View<"done"> }) {
  const t = useTranslations("account.password");
  return (
    <div className="flex flex-col gap-4">
      <Heading intro={t(`done.${view.purpose}`)}>{t("doneHeading")}</Heading>
      <a href="/account" className={linkClass}>
        {t("toAccount")}
      </a>
    </div>
  );
}

/** An email change's link: the button (a plain form post) makes the change. */
function ConfirmChange({ view }: { view: View<"confirm_change"> }) {
  const t = useTranslations("account.password");
  return (
    <>
      <Heading intro={t("confirmChangeIntro", { email: view.email, from: view.from })}>
        {t("confirmChangeHeading")}
      </Heading>
      <form method="post" action="/email/change" className="mt-6 flex flex-col gap-4">
        <input type="hidden" name="csrf" value={view.csrf} />
        <input type="hidden" name="token" value={view.token} />
        <Button type="submit" className="w-full">
          {t("confirmChangeSubmit")}
        </Button>
        <p className="text-sm text-slate-600">{t("confirmChangeNotYou")}</p>
      </form>
    </>
  );
}

function AddressVerified({ view }: { view: View<"verified"> }) {
  const t = useTranslations("account.password");
  const intro = t(view.changed ? "changedIntro" : "verifiedIntro", { email: view.email });
  if (!view.changed) return <Heading intro={intro}>{t("verifiedHeading")}</Heading>;
  return (
    <div className="flex flex-col gap-4">
      <Heading intro={intro}>{t("changedHeading")}</Heading>
      <a href="/account" className={linkClass}>
        {t("toAccount")}
      </a>
    </div>
  );
}
