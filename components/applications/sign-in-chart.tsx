import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

/** Sign-ins per day for the last 30 days, as bars; the total is read out for screen readers. */
export async function SignInChart({ days }: { days: { day: string; count: number }[] }) {
  const t = await getTranslations("console.chart");
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const max = Math.max(1, ...days.map((d) => d.count));
  const width = 300;
  const height = 80;
  const bar = width / days.length;
  return (
    <Card title={t("title")} help="signIns">
      <p className="mb-2 text-sm font-medium text-slate-800">{t("total", { total })}</p>
      <svg
        viewBox={`0 0 ${width} ${height + 14}`}
        className="h-auto w-full"
        role="img"
        aria-label={t("label", { total })}
      >
        {days.map((d, i) => {
          const h = d.count === 0 ? 1 : Math.max(2, (d.count / max) * height);
          return (
            <rect
              key={d.day}
              x={i * bar + 1}
              y={height - h}
              width={bar - 2}
              height={h}
              rx={1.5}
              className={d.count === 0 ? "fill-slate-200" : "fill-brand-500"}
            >
              <title>{t("bar", { day: d.day, count: d.count })}</title>
            </rect>
          );
        })}
        <text x={0} y={height + 12} className="fill-slate-500 text-[9px]">
          {days[0]?.day.slice(5)}
        </text>
        <text x={width} y={height + 12} textAnchor="end" className="fill-slate-500 text-[9px]">
          {days.at(-1)?.day.slice(5)}
        </text>
      </svg>
    </Card>
  );
}
