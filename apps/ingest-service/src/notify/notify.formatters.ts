import type { NotificationPayload } from './notify.events';

/** The numbers of a weekly summary, each taken as-is from the stats API. */
export interface WeeklySummaryDetails {
  account: string;
  tz: string;
  week: { from: string; to: string };
  previousWeek: { from: string; to: string };
  summary: { plays: number; minutes: number; distinctTracks: number; distinctArtists: number };
  previousSummary: { plays: number; minutes: number };
  topArtists: { rank: number; name: string; plays: number; minutes: number }[];
  topTracks: { rank: number; name: string; artists: { name: string }[]; plays: number; minutes: number }[];
  topGenres: { rank: number; genre: string; plays: number; minutes: number }[];
  discoveries: { name: string }[];
  streaks: { current: number; longest?: unknown };
}

const EMOJI: Record<string, string> = {
  alert: ':rotating_light:',
  recovery: ':white_check_mark:',
  weekly_summary: ':headphones:',
  reminder: ':hourglass_flowing_sand:',
  suppressed_summary: ':mute:',
  test: ':wave:',
};

/** "+12.5 %" style change of this week's minutes against the week before. */
export function minutesChange(current: number, previous: number): string {
  const diff = Math.round((current - previous) * 100) / 100;
  if (previous === 0) return current === 0 ? 'same as the week before' : `+${fmt(diff)} min (nothing the week before)`;
  const pct = Math.round(((current - previous) / previous) * 1000) / 10;
  return `${diff >= 0 ? '+' : ''}${fmt(diff)} min (${pct >= 0 ? '+' : ''}${pct} %) vs the week before (${fmt(previous)} min)`;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The message as plain lines (Slack `text`, the README's examples, logs). */
export function renderText(p: NotificationPayload): string {
  const head = `${EMOJI[p.kind] ?? ''} [Rewind] ${p.title}`.trim();
  const lines = [head];
  const account = p.details?.account
    ? `Account: ${String(p.details.account)}${p.accountId ? ` (${p.accountId})` : ''}`
    : p.accountId
      ? `Account: ${p.accountId}`
      : null;
  if (p.kind === 'weekly_summary' && p.details) {
    lines.push(...weeklyLines(p.details as unknown as WeeklySummaryDetails));
    return lines.join('\n');
  }
  lines.push(p.message);
  if (account) lines.push(account);
  if (p.kind === 'recovery' && p.details)
    lines.push(
      `Open since ${String(p.details.openedAt)} (${String(p.details.occurrences)} failure${p.details.occurrences === 1 ? '' : 's'})`,
    );
  if (p.kind === 'suppressed_summary' && Array.isArray(p.details?.suppressed)) {
    for (const s of p.details.suppressed as { title: string; createdAt: string; kind: string }[])
      lines.push(`• ${s.createdAt} ${s.kind === 'recovery' ? '✓' : '✗'} ${s.title}`);
  }
  if (p.where) lines.push(`Where to look: ${p.where}`);
  return lines.join('\n');
}

function weeklyLines(d: WeeklySummaryDetails): string[] {
  const out: string[] = [];
  out.push(`Week ${d.week.from} – ${d.week.to} (${d.tz}), to ${d.week.to} exclusive`);
  out.push(
    `Listening: ${fmt(d.summary.minutes)} min in ${fmt(d.summary.plays)} plays — ${minutesChange(d.summary.minutes, d.previousSummary.minutes)}`,
  );
  out.push(`Current streak: ${d.streaks.current} day${d.streaks.current === 1 ? '' : 's'}`);
  out.push('Top artists:');
  out.push(
    ...(d.topArtists.length
      ? d.topArtists.map((a) => `  ${a.rank}. ${a.name} — ${a.plays} plays, ${fmt(a.minutes)} min`)
      : ['  (no plays)']),
  );
  out.push('Top tracks:');
  out.push(
    ...(d.topTracks.length
      ? d.topTracks.map((t) => `  ${t.rank}. ${t.name} · ${t.artists.map((a) => a.name).join(', ')} — ${t.plays} plays`)
      : ['  (no plays)']),
  );
  out.push('Top genres:');
  out.push(...(d.topGenres.length ? d.topGenres.map((g) => `  ${g.rank}. ${g.genre} — ${g.plays} plays`) : ['  (none known yet)']));
  const n = d.discoveries.length;
  out.push(
    `New artists discovered: ${n >= 100 ? '100+' : n}${
      n
        ? ` — ${d.discoveries
            .slice(0, 5)
            .map((a) => a.name)
            .join(', ')}${n > 5 ? ', …' : ''}`
        : ''
    }`,
  );
  return out;
}

/** Slack incoming-webhook body: `text` (fallback and notifications) and Block Kit `blocks`. */
export function renderSlack(p: NotificationPayload): { text: string; blocks: unknown[] } {
  const text = renderText(p);
  const [head, ...rest] = text.split('\n');
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: head.replace(/^:[a-z_]+:\s*/, '').slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: (rest.join('\n') || ' ').slice(0, 2900) } },
  ];
  const context = [p.incident ? `incident \`${p.incident}\`` : null, p.state ? `state *${p.state}*` : null, `at ${p.occurredAt}`]
    .filter(Boolean)
    .join(' · ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context }] });
  return { text, blocks };
}

/** The request body for NOTIFY_FORMAT. */
export function renderBody(p: NotificationPayload, format: 'slack' | 'json'): unknown {
  return format === 'slack' ? renderSlack(p) : p;
}
