"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { type Control, type FieldErrors, type UseFormRegister, useFieldArray } from "react-hook-form";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { useFieldError } from "../console/use-field-error";
import type { SettingsValues, UriListName } from "./settings-values";

/** A list of URIs edited row by row; each row's error sits beside it and is read with it. */
export function UriListField({
  name,
  label,
  hint,
  placeholder,
  control,
  register,
  errors,
}: {
  name: UriListName;
  label: string;
  hint: string;
  placeholder: string;
  control: Control<SettingsValues>;
  register: UseFormRegister<SettingsValues>;
  errors: FieldErrors<SettingsValues>;
}) {
  const t = useTranslations("console.settings");
  const errorText = useFieldError();
  const { fields, append, remove } = useFieldArray({ control, name });
  const id = useId();
  const listError = errorText(errors[name]?.root?.message ?? errors[name]?.message);

  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <p id={`${id}-hint`} className="-mt-1 text-xs text-slate-500">
        {hint}
      </p>
      {fields.map((field, index) => {
        const error = errorText(errors[name]?.[index]?.value?.message);
        const inputId = `${id}-${index}`;
        return (
          <div key={field.id} className="flex flex-col gap-1">
            <div className="flex items-center gap-2">
              <label htmlFor={inputId} className="sr-only">
                {t("row", { label, number: index + 1 })}
              </label>
              <input
                id={inputId}
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder={placeholder}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${inputId}-error` : undefined}
                className={`min-h-10 w-full min-w-0 rounded-lg border bg-white px-3 py-2 font-mono text-base shadow-sm placeholder:font-sans placeholder:text-slate-400 sm:text-sm ${
                  error ? "border-red-500" : "border-slate-300"
                }`}
                {...register(`${name}.${index}.value`)}
              />
              <button
                type="button"
                onClick={() => remove(index)}
                aria-label={t("removeRow", { label, number: index + 1 })}
                className="inline-flex size-10 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-red-700"
              >
                <TrashIcon className="size-4" />
              </button>
            </div>
            {error && (
              <p id={`${inputId}-error`} className="text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
      {listError && <p className="text-sm text-red-700">{listError}</p>}
      <button
        type="button"
        onClick={() => append({ value: "" }, { shouldFocus: true })}
        className="flex w-fit items-center gap-1 rounded-md py-1 text-sm font-medium text-brand-700 hover:underline"
      >
        <PlusIcon className="size-4" />
        {fields.length === 0 ? t("addFirst") : t("addAnother")}
      </button>
    </fieldset>
  );
}
