"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import { passwordRefusal } from "./passkey-requests";

export type PasswordProof = {
  /** What is typed in the field now. */
  password: string;
  /** The field, with its inline error. */
  field: ReactNode;
  /** Before a new try: no error shown. */
  reset: () => void;
  /** Empties the field (once the password was checked, it is not kept in the page). */
  clear: () => void;
  /** True when `response` refused the password; its reason is then shown beside the field. */
  refused: (response: Response) => Promise<boolean>;
};

/**
 * The current password asked for before a passkey is added or removed. A refusal is said beside
 * the field, which then takes focus (once its error is on the page), so a screen reader reads it.
 */
export function usePasswordProof(): PasswordProof {
  const t = useTranslations("account.passkeys");
  const ref = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);

  const field = (
    <Field
      ref={ref}
      label={t("passwordLabel")}
      hint={t("passwordHint")}
      name="currentPassword"
      type="password"
      autoComplete="current-password"
      required
      value={password}
      error={error}
      onChange={(event) => setPassword(event.target.value)}
    />
  );
  return {
    password,
    field,
    reset: () => setError(undefined),
    clear: () => setPassword(""),
    refused: async (response) => {
      const reason = await passwordRefusal(response);
      if (reason) setError(reason);
      return reason !== undefined;
    },
  };
}
