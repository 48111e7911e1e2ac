/** Constants shared by the shell server and its browser bridge. */
export const TOKEN_PROTOCOL_PREFIX = 'mfa-bridge.';
