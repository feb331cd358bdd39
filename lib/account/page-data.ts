import type { Db } from "../db/client";
import type { Mailer } from "../mail/mailer";
import type { AccountForm } from "../validation/account";
import { pendingEmailChange } from "./edits";
import { accountFormToken, formFeedback } from "./forms";
import type { EditFormState, EmailCardData, ProfileCardData } from "./view";

/** What /account's name, password and email sections show for a user, after the last form's redirect. */
export async function accountEditsData(
  db: Db,
  mail: Mailer,
  userId: string,
  query: Record<string, string | string[] | undefined>,
): Promise<{ profile: ProfileCardData; password: EditFormState; email: EmailCardData }> {
  const [user, pending] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, emailVerified: true, name: true, givenName: true, familyName: true },
    }),
    pendingEmailChange(db, userId),
  ]);
  const feedback = formFeedback(query);
  const token = accountFormToken(userId);
  const state = (form: AccountForm): EditFormState => ({
    form,
    token,
    errors: feedback.form === form ? feedback.errors : {},
    values: feedback.form === form ? feedback.values : {},
    saved: feedback.done === form,
  });
  return {
    profile: { ...state("profile"), name: user.name, givenName: user.givenName, familyName: user.familyName },
    password: state("password"),
    email: {
      ...state("email"),
      email: user.email,
      verified: user.emailVerified,
      pending,
      emailOff: mail.config.mode === "off",
    },
  };
}
