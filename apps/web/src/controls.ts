// The top bar's filters (account switcher, range, time zone, plays/minutes) and the banners
// (demo data, services down).
import { h } from './dom';
import { PRESETS, timeZones, type Preset } from './range';
import { currentRange, type Filters } from './state';
import type { Account, SystemHealth } from '@rewind/contracts';

export function healthBanners() {
  const demo = h(
    'div',
    { class: 'banner demo', role: 'note', hidden: true, 'data-testid': 'demo-banner' },
    h('strong', {}, 'Demo data. '),
    'Everything shown comes from a synthetic listener played by the built-in Spotify emulator. Set SPOTIFY_CLIENT_ID and connect your own account to see yours.',
  );
  const service = h('div', { class: 'banner bad', role: 'alert', hidden: true, 'data-testid': 'service-banner' });
  let healthCheck: Promise<void> | null = null;

  function checkHealth(): void {
    healthCheck ??= (async () => {
      try {
        const res = await fetch('/api/health', { headers: { Accept: 'application/json' } });
        const health = (await res.json()) as SystemHealth;
        const down = Object.entries(health.services)
          .filter(([, s]) => s.status === 'down')
          .map(([name, s]) => `${name}${s.reason ? ` (${s.reason})` : ''}`);
        if (health.database.status === 'down') down.push('database');
        service.textContent = down.length
          ? `Service down: ${down.join(', ')}. Panels that need it are unavailable; they come back on the next refresh once it is up (GET /api/health).`
          : 'A service did not answer just now; it is up again: refresh to retry.';
      } catch {
        service.textContent = 'The Rewind gateway is not answering: is Rewind running?';
      }
      service.hidden = false;
      setTimeout(() => (healthCheck = null), 5000);
    })();
  }

  return {
    demo,
    service,
    checkHealth,
    showError(message: string) {
      service.textContent = message;
      service.hidden = false;
    },
  };
}

export function filterControls(filters: Filters, change: (change: Partial<Filters>) => void) {
  const accountSelect = h('select', { 'aria-label': 'Account', 'data-testid': 'account' });
  const accountControl = h('label', { class: 'control', hidden: true }, h('span', {}, 'Account'), accountSelect);
  const presetSelect = h(
    'select',
    { 'aria-label': 'Date range', 'data-testid': 'range' },
    ...PRESETS.map((p) => h('option', { value: p.id, selected: p.id === filters.preset }, p.label)),
  );
  const customFrom = h('input', { type: 'date', 'aria-label': 'First day', value: filters.customFrom, 'data-testid': 'custom-from' });
  const customTo = h('input', { type: 'date', 'aria-label': 'Last day', value: filters.customTo, 'data-testid': 'custom-to' });
  const customBox = h(
    'span',
    { class: 'custom-range', hidden: filters.preset !== 'custom' },
    customFrom,
    h('span', { 'aria-hidden': 'true' }, '–'),
    customTo,
  );
  const tzSelect = h(
    'select',
    { 'aria-label': 'Time zone', 'data-testid': 'tz' },
    ...timeZones(filters.tz).map((z) => h('option', { value: z, selected: z === filters.tz }, z.replace(/_/g, ' '))),
  );
  const measureButtons = (['plays', 'minutes'] as const).map((m) =>
    h(
      'button',
      { type: 'button', class: 'tab', 'data-measure': m, 'aria-pressed': String(filters.by === m), onclick: () => change({ by: m }) },
      m,
    ),
  );

  presetSelect.addEventListener('change', () => {
    const preset = presetSelect.value as Preset;
    if (preset === 'custom' && !filters.customFrom) {
      const r = currentRange(filters);
      customFrom.value = r.from ?? '';
      customTo.value = r.to ? new Date(Date.parse(`${r.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '';
      change({ preset, customFrom: customFrom.value, customTo: customTo.value });
    } else change({ preset });
  });
  customFrom.addEventListener('change', () => change({ customFrom: customFrom.value }));
  customTo.addEventListener('change', () => change({ customTo: customTo.value }));
  tzSelect.addEventListener('change', () => change({ tz: tzSelect.value }));
  accountSelect.addEventListener('change', () => change({ accountId: accountSelect.value }));

  return {
    elements: [
      accountControl,
      h('label', { class: 'control' }, h('span', {}, 'Range'), presetSelect),
      customBox,
      h('label', { class: 'control' }, h('span', {}, 'Time zone'), tzSelect),
      h('div', { class: 'tabs', role: 'group', 'aria-label': 'Measure' }, ...measureButtons),
    ],
    /** Reflects `filters` after a change. */
    sync() {
      customBox.hidden = filters.preset !== 'custom';
      for (const b of measureButtons) b.setAttribute('aria-pressed', String(b.dataset.measure === filters.by));
    },
    /** The admin's account switcher: shown when there is more than one account to switch between. */
    setAccounts(accounts: Account[], selected: string | null, name: (a: Account) => string) {
      accountSelect.replaceChildren(...accounts.map((a) => h('option', { value: a.id, selected: a.id === selected }, name(a))));
      accountControl.hidden = accounts.length < 2;
    },
  };
}
