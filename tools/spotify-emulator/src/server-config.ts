/** How the emulator's HTTP surface behaves (startEmulator options, changed at run time through the admin API). */
export interface ServerConfig {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  autoApprove: boolean;
  /** "keep" (Spotify since mid-2026): no refresh_token in refresh responses; "rotate": every refresh returns a new one and revokes the old */
  refreshMode: 'rotate' | 'keep';
  /** expose /admin/** over HTTP (default true) */
  adminEnabled: boolean;
}
