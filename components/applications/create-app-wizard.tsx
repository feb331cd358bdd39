"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextArea } from "@/components/ui/text-area";
import { useToast } from "@/components/ui/toast";
import type { Party } from "@/lib/applications/list";
import type { ApplicationView } from "@/lib/applications/service";
import { defaultSettings } from "@/lib/applications/settings-rows";
import { type ApplicationType, usesRedirects } from "@/lib/applications/types";
import { type CreateApplicationInput, createApplicationSchema } from "@/lib/validation/application";
import { ApiError, callApi } from "../console/api";
import { applyServerErrors } from "../console/server-errors";
import { useFieldError } from "../console/use-field-error";
import { stashNewSecret } from "./new-secret";
import { TypePicker } from "./type-picker";

type Values = { type?: ApplicationType; name: string; description: string; redirectUris: string[] };

// The redirect URI is optional here: an empty box is no URI rather than an invalid one. The casts
// bridge the form's shape (type unset until step 1 is done) and the schema's input type.
const resolver: Resolver<Values> = (values, context, options) =>
  zodResolver(createApplicationSchema)(
    { ...values, redirectUris: values.redirectUris.filter((uri) => uri.trim() !== "") } as CreateApplicationInput,
    context,
    options as never,
  ) as never;

/** Create an application in two steps: its type, then its name and first redirect URI. */
export function CreateAppWizard({ party, onClose }: { party: Party; onClose: () => void }) {
  const t = useTranslations("console.create");
  const errorText = useFieldError();
  const toast = useToast();
  const router = useRouter();
  const [step, setStep] = useState<1 | 2>(1);
  const form = useForm<Values>({
    resolver,
    defaultValues: {
      type: party === "third-party" ? "third-party" : undefined,
      name: defaultSettings.name,
      description: defaultSettings.description,
      // One empty row to type the first redirect URI into (empty rows are dropped on submit).
      redirectUris: [...defaultSettings.redirectUris, ""],
    },
  });
  const type = form.watch("type");
  const { errors, isSubmitting } = form.formState;

  function goToDetails() {
    form.clearErrors();
    setStep(2);
  }

  async function submit(values: Values) {
    try {
      const created = await callApi<{ application: ApplicationView; clientSecret?: string }>("/api/v1/applications", {
        method: "POST",
        body: { ...values, redirectUris: values.redirectUris.filter((uri) => uri.trim() !== "") },
      });
      // A secret gets its own dialog on the next page, which names the app: no toast over it.
      if (created.clientSecret) stashNewSecret(created.application.id, created.clientSecret, true);
      else toast.success(t("created", { name: created.application.name }));
      router.push(`/applications/${created.application.id}`);
    } catch (error) {
      if (error instanceof ApiError && applyServerErrors(form.setError, error)) return;
      toast.error(t("failed"));
    }
  }

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={t("title")}
      description={t("step", { step, steps: 2, name: step === 1 ? t("steps.type") : t("steps.details") })}
    >
      <form
        onSubmit={(event) => {
          // Step 1 only moves on (Enter on a type card lands here too); step 2 validates and creates.
          if (step === 2) return form.handleSubmit(submit)(event);
          event.preventDefault();
          if (type) goToDetails();
        }}
        onKeyDown={(event) => {
          // Enter on a chosen type card moves on, as it would in a text box (browsers submit on
          // Enter only from text boxes).
          const target = event.target as HTMLInputElement;
          if (step === 1 && event.key === "Enter" && target.type === "radio" && type) {
            event.preventDefault();
            goToDetails();
          }
        }}
        noValidate
        className="flex flex-col gap-5"
      >
        {step === 1 ? (
          <TypePicker
            value={type}
            onChange={(value) => form.setValue("type", value)}
            firstGroup={party === "third-party" ? "thirdParty" : "firstParty"}
          />
        ) : (
          <>
            <Field label={t("name")} autoFocus error={errorText(errors.name?.message)} {...form.register("name")} />
            <TextArea
              label={t("description")}
              hint={t("optional")}
              error={errorText(errors.description?.message)}
              {...form.register("description")}
            />
            {type && usesRedirects(type) && (
              <Field
                label={t("redirectUri")}
                hint={t(type === "native" ? "redirectUriHintNative" : "redirectUriHint")}
                placeholder={type === "native" ? "com.example.app:/callback" : "https://app.example.com/callback"}
                inputMode="url"
                autoComplete="off"
                error={errorText(errors.redirectUris?.[0]?.message ?? errors.redirectUris?.message)}
                {...form.register("redirectUris.0")}
              />
            )}
          </>
        )}
        <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:justify-end">
          {step === 1 ? (
            <>
              <Button key="cancel" type="button" variant="secondary" onClick={onClose}>
                {t("cancel")}
              </Button>
              <Button
                key="next"
                type="button"
                disabled={!type}
                onClick={(event) => {
                  // The click must not become a submit: without its own key React would reuse this
                  // button as step 2's submit button during the click, and the browser would then
                  // submit an empty form ("Enter a name" before anything was typed).
                  event.preventDefault();
                  goToDetails();
                }}
              >
                {t("next")}
              </Button>
            </>
          ) : (
            <>
              <Button key="back" type="button" variant="secondary" onClick={() => setStep(1)}>
                {t("back")}
              </Button>
              <Button key="submit" type="submit" busy={isSubmitting}>
                {t("submit")}
              </Button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}
