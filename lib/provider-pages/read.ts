import { headers } from "next/headers";
import { decodeView, VIEW_HEADER, type ViewData, type ViewName } from "./data";

/** The view the server passed to this page, when it rendered the page for the provider. */
export async function readView<N extends ViewName>(name: N): Promise<ViewData[N] | undefined> {
  return decodeView(name, (await headers()).get(VIEW_HEADER));
}
