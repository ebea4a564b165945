import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SettingsData } from "./load-settings.server";

/**
 * A Settings form: the session's form token and the intent the action branches on. The server
 * checks every field and answers beside it, so the browser's own checks (which speak another
 * language and miss most rules) are off.
 */
export function PostForm(props: { data: SettingsData; intent: string; children: ReactNode }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" aria-busy={busy} noValidate>
      <input type="hidden" name="csrf" value={props.data.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      {props.children}
    </Form>
  );
}
