import { interactionPolicy, type KoaContextWithOIDC } from "oidc-provider";
import { ACR_TWO_FACTOR } from "./acr";
import type { TwoFactorRequirement } from "./two-factor-requirement";

type Prompt = InstanceType<typeof interactionPolicy.Prompt>;

const { base, Check, Prompt } = interactionPolicy;

/**
 * The interaction result that "Use another account" (and "Not you?") submits: the sign-in page
 * is shown again, even with a session. Signing in as someone else then ends the old session
 * first (oidc-provider does that when a login result names another account).
 */
export const anotherAccount = { select_account: { another: true } };

type Result = { select_account?: { another?: boolean }; login?: unknown } | undefined;
const resultOf = (ctx: KoaContextWithOIDC) => ctx.oidc.result as Result;

/**
 * oidc-provider's default prompts (login, then consent) with these additions:
 * - login is asked again when the user chose another account and has not signed in since;
 * - login is asked again, as a second factor alone (lib/oidc/second-factor.ts), when the request
 *   needs two-factor (lib/oidc/two-factor-requirement.ts) and the session was made without one;
 * - `prompt=select_account` (OIDC Core 3.1.2.1), between them: with a session, the user
 *   confirms the account or picks another. Without one the sign-in page already picks it, and
 *   right after signing in it would only ask what the user just answered;
 * - the `afterLogin` prompts, after those and before consent.
 */
export function createInteractionPolicy(twoFactorRequired: TwoFactorRequirement, afterLogin: Prompt[] = []) {
  const policy = base();
  const login = policy.get("login");
  login?.checks.add(
    new Check("second_factor", "a second factor is required", "login_required", async (ctx) => {
      const { session, params, client } = ctx.oidc;
      if (!session?.accountId || session.acr === ACR_TWO_FACTOR || resultOf(ctx)?.login) return Check.NO_NEED_TO_PROMPT;
      return (await twoFactorRequired(params ?? {}, client?.clientId ?? ""))
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT;
    }),
  );
  login?.checks.add(
    new Check("another_account", "the End-User chose to use another account", "login_required", (ctx) =>
      resultOf(ctx)?.select_account?.another && !resultOf(ctx)?.login ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
  );
  const selectAccount = new Prompt({ name: "select_account", requestable: true });
  selectAccount.checks.clear();
  selectAccount.checks.add(
    new Check(
      "select_account_prompt",
      "select_account prompt was not resolved",
      "account_selection_required",
      (ctx) =>
        ctx.oidc.prompts.has("select_account") && ctx.oidc.promptPending("select_account") && !resultOf(ctx)?.login,
    ),
  );
  policy.add(selectAccount, 1);
  // Right after the account is settled, before consent (e.g. the app's access rule).
  for (const [index, prompt] of afterLogin.entries()) policy.add(prompt, 2 + index);
  return policy;
}
