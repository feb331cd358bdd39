import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, NewPasswordField } from "@/components/ui/field";
import type { RegisterView } from "@/lib/provider-pages/data";
import { BackToSignIn, Heading, linkClass, useWaitMessage } from "./password-pages";

type View<S extends RegisterView["step"]> = Extract<RegisterView, { step: S }>;

/**
 * "Create account" (self-registration) as the server hands it over (lib/registration/routes.ts):
 * the sign-up form, "check your email", and the pages its link leads to. A plain form that posts
 * with its anti-forgery token: nothing here needs a script.
 */
export function RegisterPage({ view }: { view: RegisterView }) {
  const t = useTranslations("account.register");
  switch (view.step) {
    case "form":
      return <SignUpForm view={view} />;
    case "sent":
      return (
        <div className="flex flex-col gap-4">
          <Heading intro={t("sentIntro")}>{t("sentHeading")}</Heading>
          <p className="text-sm text-slate-600">{t("sentHelp")}</p>
          <BackToSignIn uid={view.uid} />
        </div>
      );
    case "invalid":
      return <Heading intro={t("invalidIntro")}>{t("invalidHeading")}</Heading>;
    case "confirm":
      return (
        <>
          <Heading intro={t("confirmIntro", { email: view.email })}>{t("confirmHeading")}</Heading>
          <form method="post" action="/register/verify" noValidate className="mt-6 flex flex-col gap-4">
            <input type="hidden" name="csrf" value={view.csrf} />
            <input type="hidden" name="token" value={view.token} />
            <input type="hidden" name="username" value={view.email} autoComplete="username" />
            <Field
              label={t("confirmPasswordLabel")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              error={view.error ? t("confirmWrongPassword") : undefined}
            />
            <Button type="submit" className="w-full">
              {t("confirmSubmit")}
            </Button>
          </form>
        </>
      );
    case "done":
      return (
        <div className="flex flex-col gap-4">
          <Heading intro={t("doneIntro", { email: view.email })}>{t("doneHeading")}</Heading>
          <a href="/account" className={linkClass}>
            {t("toAccount")}
          </a>
        </div>
      );
    case "closed":
      return <Heading intro={t("closedIntro")}>{t("closedHeading")}</Heading>;
  }
}

function SignUpForm({ view }: { view: View<"form"> }) {
  const t = useTranslations("account.register");
  const tv = useTranslations("validation");
  const errors = view.errors ?? {};
  const message = (key: string | undefined) => (key ? (tv.has(key as never) ? tv(key as never) : key) : undefined);
  const wait = useWaitMessage(view.retryAfter);
  const firstError = (["email", "name", "password", "confirmPassword"] as const).find((field) => errors[field]);
  return (
    <>
      <Heading intro={t("intro")}>{t("heading")}</Heading>
      <form method="post" action="/register" noValidate className="mt-6 flex flex-col gap-4">
        <input type="hidden" name="csrf" value={view.csrf} />
        {view.uid && <input type="hidden" name="uid" value={view.uid} />}
        {view.error === "too_many_attempts" && <Alert tone="error">{wait}</Alert>}
        <Field
          label={t("email")}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          defaultValue={view.values.email}
          autoFocus={!firstError || firstError === "email"}
          error={message(errors.email)}
        />
        <Field
          label={t("name")}
          name="name"
          autoComplete="name"
          required
          defaultValue={view.values.name}
          autoFocus={firstError === "name"}
          error={message(errors.name)}
        />
        <NewPasswordField
          label={t("password")}
          hint={t("passwordHint")}
          name="password"
          required
          autoFocus={firstError === "password"}
          error={message(errors.password)}
        />
        <NewPasswordField
          label={t("confirmPassword")}
          name="confirmPassword"
          required
          autoFocus={firstError === "confirmPassword"}
          error={message(errors.confirmPassword)}
        />
        <Button type="submit" className="mt-2 w-full">
          {t("submit")}
        </Button>
        <BackToSignIn uid={view.uid} />
      </form>
    </>
  );
}
