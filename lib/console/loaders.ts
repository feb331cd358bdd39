import { notFound } from "next/navigation";
import { cache } from "react";
import { type ApplicationDetail, getApplication } from "../applications/service";
import { requireAdmin } from "../auth/console-session";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { runtime } from "../runtime";
import { getUser, type UserDetail } from "../users/admin";

/**
 * A console page's record by id, read once per request however many parts render it, and only
 * for an admin: the check runs here, where the data is read, not only in the layout.
 */
function adminLoader<T>(read: (db: Db, id: string) => Promise<T>) {
  return cache(async (id: string): Promise<T> => {
    await requireAdmin();
    try {
      return await read(runtime().database.prisma, id);
    } catch (error) {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }
  });
}

export const loadApplication = adminLoader<ApplicationDetail>(getApplication);
export const loadUser = adminLoader<UserDetail>(getUser);
