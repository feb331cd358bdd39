"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Ends the console session, then the provider's own session (RP-initiated logout). */
export function SignOutButton({ endSessionUrl }: { endSessionUrl: string }) {
  const t = useTranslations("console.nav");
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      busy={busy}
      className="min-h-9 px-3 py-1.5"
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: endSessionUrl });
      }}
    >
      {t("signOut")}
    </Button>
  );
}
