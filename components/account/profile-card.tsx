"use client";

import { useTranslations } from "next-intl";
import type { ProfileCardData } from "@/lib/account/view";
import { EditField, EditSection } from "./edit-form";

/** The account page's name section: the display name and its given and family parts. */
export function ProfileCard({ data }: { data: ProfileCardData }) {
  const t = useTranslations("account.edits");
  return (
    <EditSection
      id="profile"
      heading={t("profileHeading")}
      action="/api/account/profile"
      state={data}
      savedText={t("profileSaved")}
      submit={t("profileSubmit")}
    >
      <EditField
        state={data}
        name="name"
        label={t("name")}
        hint={t("nameHint")}
        defaultValue={data.name}
        autoComplete="name"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <EditField
          state={data}
          name="givenName"
          label={t("givenName")}
          defaultValue={data.givenName}
          autoComplete="given-name"
        />
        <EditField
          state={data}
          name="familyName"
          label={t("familyName")}
          defaultValue={data.familyName}
          autoComplete="family-name"
        />
      </div>
    </EditSection>
  );
}
