/** RFC 8628's grant type, as client metadata lists it (kept apart: the settings table imports it). */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
