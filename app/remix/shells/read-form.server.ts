import type { WebContext } from "../load-context";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** A refusal in the contract's envelope, thrown so Remix shows the page's error state. */
function refusal(status: number, code: string, message: string, details: object = {}) {
  return Response.json({ error: { code, message, details } }, { status });
}

/**
 * A dashboard post's form fields. Every action reads its form here, so a body that is not a
 * form (JSON, plain text, none at all) is answered 415 or 400 instead of failing deep inside
 * Remix, and no field can carry a NUL byte, which PostgreSQL text refuses.
 */
export async function readForm(request: Request, context: WebContext): Promise<FormData> {
  const path = new URL(request.url).pathname;
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    context.platform.log.warn({ path, contentType: type || null }, "dashboard post refused");
    throw refusal(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the form as application/x-www-form-urlencoded or multipart/form-data",
    );
  }

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    context.platform.log.warn({ path, reason: "unreadable" }, "dashboard post refused");
    throw refusal(400, "VALIDATION_ERROR", "The form could not be read");
  }

  for (const [field, value] of form) {
    if (typeof value === "string" && value.includes("\0")) {
      context.platform.log.warn({ path, field, reason: "nul" }, "dashboard post refused");
      throw refusal(400, "VALIDATION_ERROR", `The field ${field} contains a NUL character`, {
        field,
      });
    }
  }
  return form;
}
