"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import type { Party } from "@/lib/applications/list";
import { CreateAppWizard } from "./create-app-wizard";

export function CreateAppButton({ party }: { party: Party }) {
  const t = useTranslations("console.create");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <PlusIcon className="size-4" />
        {t("button")}
      </Button>
      {open && <CreateAppWizard party={party} onClose={() => setOpen(false)} />}
    </>
  );
}
