"use client";

import { useTranslations } from "next-intl";
import { forwardRef, type SelectHTMLAttributes } from "react";
import { SelectField } from "@/components/ui/select-field";

const roles = ["user", "admin"] as const;

/** The role a user has here: the same choice when creating a user and when editing one. */
export const RoleSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function RoleSelect(props, ref) {
    const t = useTranslations("console.users");
    return (
      <SelectField
        {...props}
        ref={ref}
        label={t("fields.role")}
        options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
    );
  },
);
