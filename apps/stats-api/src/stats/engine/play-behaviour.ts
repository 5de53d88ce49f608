/**
 * The listening behaviour an extended-history export records for a play (marts.fct_plays: skipped,
 * shuffle, offline, platform family, reason_start, reason_end), as small codes in the play log:
 * one byte of flags, one for the platform family and one per reason. Polled plays and account-data
 * imports carry none (flags 0).
 */

/** The families of libs/models/macros/platform_family.sql; code = index + 1 (0: none). */
export const PLATFORM_FAMILIES = ['android', 'ios', 'windows', 'macos', 'linux', 'web', 'cast', 'other'] as const;

/** Flag bits: whether the play carries any behaviour field, and per yes/no field whether it is known and true. */
export const BEHAVIOUR_KNOWN = 1;
export const SKIPPED_KNOWN = 2;
export const SKIPPED = 4;
export const SHUFFLE_KNOWN = 8;
export const SHUFFLE = 16;
export const OFFLINE_KNOWN = 32;
export const OFFLINE = 64;

/** Codes of a byte column: 0 is "none", so 255 values fit. */
const MAX_REASONS = 255;
const OTHER_REASONS = '(other reasons)';

export interface PlayBehaviour {
  skipped: boolean | null;
  shuffle: boolean | null;
  offline: boolean | null;
  platform: string | null;
  reasonStart: string | null;
  reasonEnd: string | null;
}

/** The reasons seen so far (reason_start and reason_end share one vocabulary); code = index + 1. Append-only. */
export class ReasonDictionary {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();

  codeOf(reason: string | null): number {
    if (reason === null) return 0;
    let code = this.codes.get(reason);
    if (code === undefined) {
      // Spotify writes about a dozen reasons: past a byte's worth, the rest share the last code rather than fail the load.
      if (this.names.length === MAX_REASONS - 1) this.names.push(OTHER_REASONS);
      if (this.names.length === MAX_REASONS) return MAX_REASONS;
      this.names.push(reason);
      code = this.names.length;
      this.codes.set(reason, code);
    }
    return code;
  }
}

const flag = (value: boolean | null, known: number, set: number) => (value === null ? 0 : known | (value ? set : 0));

export function behaviourFlags(b: PlayBehaviour): number {
  const any = [b.skipped, b.shuffle, b.offline, b.platform, b.reasonStart, b.reasonEnd].some((x) => x !== null);
  if (!any) return 0;
  return (
    BEHAVIOUR_KNOWN |
    flag(b.skipped, SKIPPED_KNOWN, SKIPPED) |
    flag(b.shuffle, SHUFFLE_KNOWN, SHUFFLE) |
    flag(b.offline, OFFLINE_KNOWN, OFFLINE)
  );
}

/** A family the macro does not name (a newer model version) counts as other. */
export function platformCode(platform: string | null): number {
  if (platform === null) return 0;
  const i = (PLATFORM_FAMILIES as readonly string[]).indexOf(platform);
  return (i < 0 ? PLATFORM_FAMILIES.length - 1 : i) + 1;
}
