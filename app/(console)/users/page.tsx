import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmailOffBanner } from "@/components/mail/email-off-banner";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ListPagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { CreateUserButton } from "@/components/users/create-user-button";
import { InviteUserButton } from "@/components/users/invite-user-button";
import { SelfRegistrationForm } from "@/components/users/self-registration-setting";
import { TwoFactorPolicyForm } from "@/components/users/two-factor-policy";
import { requireAdmin } from "@/lib/auth/console-session";
import { adminPageTitle } from "@/lib/console/page-title";
import { getDateFormat } from "@/lib/i18n/dates";
import { readSelfRegistration } from "@/lib/registration/setting";
import { runtime } from "@/lib/runtime";
import { readTwoFactorPolicy } from "@/lib/two-factor/policy";
import { listUsers } from "@/lib/users/admin";

export const generateMetadata = adminPageTitle("console.users");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function usersHref(search?: string, page?: number) {
  const params = new URLSearchParams();
  if (search) params.set("q", search);
  if (page && page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/users?${query}` : "/users";
}

/** Everyone who can sign in: searchable by email and name, newest first. */
export default async function UsersPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const search = one(params.q)?.trim().slice(0, 128) || undefined;
  const result = await listUsers(runtime().database, { search, page: Number(one(params.page)) || 1 });
  const t = await getTranslations("console.users");
  const formatDate = await getDateFormat();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        intro={t("intro")}
        action={
          <div className="flex flex-wrap gap-2">
            {runtime().mail.config.mode !== "off" && <InviteUserButton />}
            <CreateUserButton />
          </div>
        }
      />
      <TwoFactorPolicyForm policy={await readTwoFactorPolicy(runtime().database.prisma)} />
      <SelfRegistrationForm
        enabled={await readSelfRegistration(runtime().database.prisma)}
        emailOff={runtime().mail.config.mode === "off"}
      />
      {runtime().mail.config.mode === "off" && <EmailOffBanner />}
      <SearchForm
        action="/users"
        value={search}
        label={t("searchLabel")}
        placeholder={t("searchPlaceholder")}
        button={t("searchButton")}
      />
      {result.items.length === 0 ? (
        <EmptyState title={search ? t("noMatches") : t("empty")}>
          <p>{search ? t("noMatchesBody", { search }) : t("emptyBody")}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t("title")}
          columns={[
            { label: t("columns.user") },
            { label: t("columns.status"), className: "w-28 sm:w-40" },
            { label: t("columns.created"), className: "hidden w-36 md:table-cell" },
          ]}
        >
          {result.items.map((user) => (
            <tr key={user.id} className="hover:bg-slate-50">
              <td className="px-4 py-3">
                <Link href={`/users/${user.id}`} className="block truncate font-medium text-brand-700 hover:underline">
                  {user.name || user.email}
                </Link>
                <span className="block truncate text-xs text-slate-500">{user.email}</span>
              </td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-1">
                  {user.role === "admin" && <Badge tone="brand">{t("roles.admin")}</Badge>}
                  {user.status === "suspended" && <Badge tone="danger">{t("statuses.suspended")}</Badge>}
                  {user.role !== "admin" && user.status === "active" && <Badge>{t("statuses.active")}</Badge>}
                </div>
              </td>
              <td className="hidden px-4 py-3 text-slate-600 md:table-cell">{formatDate(user.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ListPagination
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        hrefFor={(page) => usersHref(search, page)}
      />
    </div>
  );
}
