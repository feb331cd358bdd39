"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RotateKeyDialog } from "./rotate-key-dialog";

/** Opens the rotation dialog; the delay is the server's KEY_ACTIVATION_SECONDS, to say when the key takes over. */
export function RotateKeyButton({ activationSeconds }: { activationSeconds: number }) {
  const t = useTranslations("keys.rotate");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("button")}</Button>
      {open && <RotateKeyDialog activationSeconds={activationSeconds} onClose={() => setOpen(false)} />}
    </>
  );
}
