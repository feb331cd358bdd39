"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { postInteraction } from "./post-json";

type Props = { uid: string; csrf: string; appName: string };

/** Authorize / Cancel. Works as a plain form without JavaScript too. */
export function ConsentForm({ uid, csrf, appName }: Props) {
  const t = useTranslations("account.consent");
  const [busy, setBusy] = useState<"confirm" | "abort">();
  const [failed, setFailed] = useState(false);

  async function decide(action: "confirm" | "abort") {
    setBusy(action);
    setFailed(false);
    const result = await postInteraction(`/interaction/${uid}/${action}`, { csrf });
    if (!result.ok) {
      setBusy(undefined);
      setFailed(true);
    }
  }

  return (
    <form
      method="post"
      action={`/interaction/${uid}/confirm`}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void decide(submitter?.value === "abort" ? "abort" : "confirm");
      }}
      className="flex flex-col gap-3"
    >
      <input type="hidden" name="csrf" value={csrf} />
      {failed && <Alert tone="error">{t("failed", { app: appName })}</Alert>}
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button
          type="submit"
          variant="secondary"
          value="abort"
          formAction={`/interaction/${uid}/abort`}
          busy={busy === "abort"}
          disabled={busy !== undefined}
          className="flex-1"
        >
          {t("cancel")}
        </Button>
        <Button
          type="submit"
          value="confirm"
          busy={busy === "confirm"}
          disabled={busy !== undefined}
          className="flex-1"
        >
          {t("authorize")}
        </Button>
      </div>
    </form>
  );
}
