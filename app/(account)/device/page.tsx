import { redirect } from "next/navigation";

/** The device pages live at /oidc/device (rendered by the server for the provider): start there. */
export default function DevicePage() {
  redirect("/oidc/device");
}
