"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { type RotateKeyInput, rotateKeySchema, signingAlgorithms } from "@/lib/validation/key";
import { ApiError, callApi } from "../console/api";

/**
 * Chooses the algorithm of the new key and says what a rotation does: publish now, sign after
 * the delay, keep the old key published for a day. The list refreshes to show the "next" key.
 */
export function RotateKeyDialog({ activationSeconds, onClose }: { activationSeconds: number; onClose: () => void }) {
  const t = useTranslations("keys.rotate");
  const toast = useToast();
  const router = useRouter();
  const form = useForm<RotateKeyInput>({ resolver: zodResolver(rotateKeySchema), defaultValues: { alg: "RS256" } });
  const chosen = form.watch("alg");
  const delay =
    activationSeconds < 60
      ? t("delaySeconds", { seconds: activationSeconds })
      : t("delayMinutes", { minutes: Math.round(activationSeconds / 60) });

  async function submit(values: RotateKeyInput) {
    try {
      const key = await callApi<{ alg: string }>("/api/v1/keys", { method: "POST", body: values });
      toast.success(t("done", { alg: key.alg, delay }));
      onClose();
      router.refresh();
    } catch (error) {
      const pending = error instanceof ApiError && error.problem.status === 409;
      toast.error(pending ? t("pending", { alg: values.alg ?? "RS256" }) : t("failed"));
    }
  }

  return (
    <Dialog open onClose={onClose} title={t("title")} description={t("description")}>
      <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-5">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-semibold text-slate-800">{t("algorithm")}</legend>
          {signingAlgorithms.map((alg) => (
            <label
              key={alg}
              className={`flex cursor-pointer gap-3 rounded-lg border p-3 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
                chosen === alg ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:border-slate-300"
              }`}
            >
              <input type="radio" value={alg} className="mt-1 size-4 accent-brand-600" {...form.register("alg")} />
              <span className="flex flex-col">
                <span className="text-sm font-medium text-slate-900">{t(`algorithms.${alg}`)}</span>
                <span className="text-sm text-slate-600">{t(`algorithmHelp.${alg}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{t("stepsLabel")}</h3>
          <ol className="mt-2 flex list-decimal flex-col gap-1 pl-5 text-sm text-slate-600">
            <li>{t("steps.publish")}</li>
            <li>{t("steps.activate", { delay })}</li>
            <li>{t("steps.retire")}</li>
          </ol>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="secondary" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button type="submit" busy={form.formState.isSubmitting}>
            {t("confirm")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
