import { DateTime } from 'luxon';

/** How long a refresh token lives after the user's consent; refreshing does not extend it. */
export const REFRESH_TOKEN_LIFETIME = { months: 6 } as const;

/** When Spotify stops accepting the refresh tokens of a consent given at `consentedAt` (six calendar months later, UTC). */
export function refreshTokenExpiresAt(consentedAt: Date): Date {
  return DateTime.fromJSDate(consentedAt, { zone: 'utc' }).plus(REFRESH_TOKEN_LIFETIME).toJSDate();
}
