/** The contract's 404 for anything the signed-in account does not own. */
export function notFound(code = "NOT_FOUND", message = "Not found"): Response {
  return Response.json({ error: { code, message, details: {} } }, { status: 404 });
}
