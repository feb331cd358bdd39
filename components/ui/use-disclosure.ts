"use client";

import { useId, useState } from "react";

/**
 * A button that shows and hides a panel: spread `toggle` on the <button> and give the panel
 * `id={panelId}`, so screen readers hear whether it is open and which panel it controls.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = {
    type: "button" as const,
    "aria-expanded": open,
    "aria-controls": panelId,
    onClick: () => setOpen((value) => !value),
  };
  return { open, setOpen, panelId, toggle };
}
