import { notFound } from "next/navigation";
import { cache } from "react";
import { type ApplicationDetail, getApplication } from "../applications/service";
import { NotFoundError } from "../errors";
import { runtime } from "../runtime";

/** The application of a console page, read once per request however many parts render it. */
export const loadApplication = cache(async (id: string): Promise<ApplicationDetail> => {
  try {
    return await getApplication(runtime().database.prisma, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
