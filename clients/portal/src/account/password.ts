/** The server's minimum (registerPortalUser, resetPortalPassword), checked before sending. */
export const MIN_PASSWORD_LENGTH = 10;
