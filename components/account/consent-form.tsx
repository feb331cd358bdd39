import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = { uid: string; csrf: string };

/** Authorize / Cancel: one plain form post (no script), each button to its own action. */
export function ConsentForm({ uid, csrf }: Props) {
  const t = useTranslations("account.consent");
  return (
    <form method="post" action={`/interaction/${uid}/confirm`} className="flex flex-col gap-3">
      <input type="hidden" name="csrf" value={csrf} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row">
        <Button
          type="submit"
          variant="secondary"
          value="abort"
          formAction={`/interaction/${uid}/abort`}
          className="flex-1"
        >
          {t("cancel")}
        </Button>
        <Button type="submit" value="confirm" className="flex-1">
          {t("authorize")}
        </Button>
      </div>
    </form>
  );
}
