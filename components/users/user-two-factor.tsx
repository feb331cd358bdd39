"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { callApi } from "../console/api";
import { useApiAction } from "./use-api-action";

type Props = {
  user: { id: string; email: string };
  /** The authenticator app (dates formatted), or null when the user has none. */
  totp: { enabledAt: string; lastUsedAt?: string; recoveryCodesLeft: number } | null;
  /** The user's passkeys (dates formatted). */
  passkeys: { name: string; createdAt: string; lastUsedAt?: string }[];
};

/** A user's second factors, and the reset an admin does for someone who lost their phone. */
export function UserTwoFactor({ user, totp, passkeys }: Props) {
  const t = useTranslations("console.users.twoFactor");
  const { busy, run } = useApiAction();
  const [confirm, confirmDialog] = useConfirm();

  async function reset() {
    const sure = await confirm({
      title: t("reset"),
      body: t("resetConfirm", { email: user.email }),
      confirmLabel: t("reset"),
      cancelLabel: t("cancel"),
    });
    if (!sure) return;
    await run(
      () => callApi(`/api/v1/users/${user.id}/two-factor`, { method: "DELETE" }),
      t("resetDone", { email: user.email }),
    );
  }

  return (
    <Card title={t("title")} help="twoFactor">
      <div className="flex flex-col gap-3 text-sm text-slate-700" data-testid="user-two-factor">
        {totp || passkeys.length > 0 ? (
          <>
            {totp && (
              <>
                <p>
                  {t("appOn", { date: totp.enabledAt })}{" "}
                  {totp.lastUsedAt ? t("lastUsed", { date: totp.lastUsedAt }) : null}
                </p>
                <p>{t("recoveryLeft", { count: totp.recoveryCodesLeft })}</p>
              </>
            )}
            {passkeys.length > 0 && (
              <div>
                <p>{t("passkeys", { count: passkeys.length })}</p>
                <ul className="mt-1 list-disc pl-5" data-testid="user-passkeys">
                  {passkeys.map((p) => (
                    <li key={`${p.name}-${p.createdAt}`}>
                      {t("passkey", { name: p.name, date: p.createdAt })}{" "}
                      {p.lastUsedAt ? t("lastUsed", { date: p.lastUsedAt }) : null}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="text-slate-600">{t("resetExplain")}</p>
            <Button variant="secondary" className="self-start text-red-700" busy={busy} onClick={reset}>
              {t("reset")}
            </Button>
          </>
        ) : (
          <p>{t("none")}</p>
        )}
      </div>
      {confirmDialog}
    </Card>
  );
}
