/** Set by the Hono mount from the socket, never trusted from the client (see mount-web.ts). */
export const CLIENT_ADDRESS_HEADER = "x-pck-client-address";
