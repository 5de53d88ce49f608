import './styles.css';
import { Api, ApiError, tokenStore } from './api';
import { clear, h } from './dom';
import { accountName, accountsPanel, importPanel, pollingPanel, transformPanel } from './pipeline';
import { PRESETS, timeZones, type Preset } from './range';
import { browserTimeZone, currentRange, loadFilters, saveFilters, statsParams, type Filters } from './state';
import {
  activityPanel,
  discoveriesPanel,
  heatmapPanel,
  hourPanel,
  recentPanel,
  streaksPanel,
  summaryPanel,
  topAlbumsPanel,
  topArtistsPanel,
  topGenresPanel,
  topTracksPanel,
  weekdayPanel,
  type StatsContext,
} from './stats-panels';
import type { Account, SystemHealth } from '@rewind/contracts';
import { wrappedPanel } from './wrapped';

const app = document.getElementById('app')!;
const filters: Filters = loadFilters();
let accounts: Account[] = [];

// ---------------------------------------------------------------------------------------------
// Banners: demo data, services down

const demoBanner = h('div', { class: 'banner demo', role: 'note', hidden: true, 'data-testid': 'demo-banner' });
const serviceBanner = h('div', { class: 'banner bad', role: 'alert', hidden: true, 'data-testid': 'service-banner' });
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
      serviceBanner.textContent = down.length
        ? `Service down: ${down.join(', ')}. Panels that need it are unavailable; they come back on the next refresh once it is up (GET /api/health).`
        : 'A service did not answer just now; it is up again: refresh to retry.';
    } catch {
      serviceBanner.textContent = 'The Rewind gateway is not answering: is Rewind running?';
    }
    serviceBanner.hidden = false;
    setTimeout(() => (healthCheck = null), 5000);
  })();
}

// ---------------------------------------------------------------------------------------------
// The API token: asked once, kept in localStorage, sent as a header only

const tokenDialog = h('dialog', { class: 'token-dialog', 'data-testid': 'token-dialog' });
let tokenDialogOpen = false;

function askForToken(reason = ''): void {
  if (tokenDialogOpen) return;
  tokenDialogOpen = true;
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    required: true,
    placeholder: 'API token',
    'aria-label': 'API token',
    spellcheck: 'false',
  });
  const error = h('p', { class: 'error', role: 'alert' }, reason);
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, 'Your Rewind API token'),
    h(
      'p',
      {},
      'The dashboard reads your stats through the Rewind API, which needs its token once on this browser (it is kept in this browser’s local storage, never in a URL).',
    ),
    h(
      'p',
      { class: 'small' },
      'Where to find it: Rewind generated it at first start into ',
      h('code', {}, '.data/api-token'),
      ' in the folder you ran ',
      h('code', {}, 'npm start'),
      ' from (',
      h('code', {}, 'cat .data/api-token'),
      '; or the file under REWIND_DATA_DIR). If you set ',
      h('code', {}, 'API_TOKEN'),
      ' yourself (docker compose), use that value.',
    ),
    input,
    error,
    h('div', { class: 'row end' }, h('button', { type: 'submit', class: 'button primary' }, 'Open the dashboard')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    try {
      await api.get('/api/auth/accounts', undefined, token);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        error.textContent = 'That token was refused: check it against .data/api-token.';
        return;
      }
      // Anything else (a service down) means the gateway accepted the token.
    }
    tokenStore.set(token);
    tokenDialogOpen = false;
    tokenDialog.close();
    void boot();
  });
  clear(tokenDialog, form);
  tokenDialog.addEventListener('cancel', (e) => e.preventDefault());
  if (!tokenDialog.open) tokenDialog.showModal();
  input.focus();
}

function tokenRefused(): void {
  tokenStore.clear();
  askForToken('The API refused the stored token (it may have changed): enter it again.');
}

const api = new Api({
  unauthorized: tokenRefused,
  serviceDown: () => checkHealth(),
});

// ---------------------------------------------------------------------------------------------
// Controls

const accountSelect = h('select', { 'aria-label': 'Account', 'data-testid': 'account' });
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
    { type: 'button', class: 'tab', 'data-measure': m, 'aria-pressed': String(filters.by === m), onclick: () => setFilters({ by: m }) },
    m,
  ),
);

presetSelect.addEventListener('change', () => {
  const preset = presetSelect.value as Preset;
  if (preset === 'custom' && !filters.customFrom) {
    const r = currentRange(filters);
    customFrom.value = r.from ?? '';
    customTo.value = r.to ? new Date(Date.parse(`${r.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : '';
    setFilters({ preset, customFrom: customFrom.value, customTo: customTo.value });
  } else setFilters({ preset });
});
customFrom.addEventListener('change', () => setFilters({ customFrom: customFrom.value }));
customTo.addEventListener('change', () => setFilters({ customTo: customTo.value }));
tzSelect.addEventListener('change', () => setFilters({ tz: tzSelect.value }));
accountSelect.addEventListener('change', () => setFilters({ accountId: accountSelect.value }));

function setFilters(change: Partial<Filters>): void {
  Object.assign(filters, change);
  saveFilters(filters);
  customBox.hidden = filters.preset !== 'custom';
  for (const b of measureButtons) b.setAttribute('aria-pressed', String(b.dataset.measure === filters.by));
  updateDemoBanner();
  loadStats();
  if ('accountId' in change) loadPipeline();
}

// ---------------------------------------------------------------------------------------------
// Panels

const statsPanels = [
  summaryPanel(),
  activityPanel(),
  weekdayPanel(),
  hourPanel(),
  heatmapPanel(),
  topArtistsPanel(),
  topTracksPanel(),
  topAlbumsPanel(),
  topGenresPanel(),
  recentPanel(),
  discoveriesPanel(),
  streaksPanel(),
];
const wrapped = wrappedPanel();
const accountsCard = accountsPanel(api, () => {
  void loadAccounts().then(() => {
    loadStats();
    loadPipeline();
  });
});
const polling = pollingPanel(api);
const transform = transformPanel(api);
const importer = importPanel(
  api,
  () => {
    loadStats();
    loadPipeline();
  },
  tokenRefused,
);

function loadStats(): void {
  if (!tokenStore.get()) return;
  if (!accounts.length) {
    for (const p of [...statsPanels.map((s) => s.panel), wrapped.panel]) {
      clear(p.body);
      p.setState('empty', 'Connect a Spotify account (below) or import an export to see your stats.');
    }
    return;
  }
  const ctx: StatsContext = { api, filters: { ...filters }, params: statsParams(filters), range: currentRange(filters) };
  for (const p of statsPanels) void p.load(ctx);
  void wrapped.load(api, { ...filters });
}

function loadPipeline(): void {
  if (!tokenStore.get()) return;
  void polling.load(filters.accountId);
  void transform.load();
}

function updateDemoBanner(): void {
  const account = accounts.find((a) => a.id === filters.accountId);
  demoBanner.hidden = !account?.isDemo;
  demoBanner.replaceChildren(
    h('strong', {}, 'Demo data. '),
    'Everything shown comes from a synthetic listener played by the built-in Spotify emulator. Set SPOTIFY_CLIENT_ID and connect your own account to see yours.',
  );
}

/**
 * An account connected without a zone (just back from Spotify's consent page, or set up
 * headless) gets this browser's: its days and hours are then the listener's own.
 */
async function withZones(list: Account[]): Promise<Account[]> {
  return Promise.all(
    list.map((a) =>
      a.timeZone ? a : api.patch<Account>(`/api/auth/accounts/${encodeURIComponent(a.id)}`, { timeZone: browserTimeZone() }).catch(() => a),
    ),
  );
}

async function loadAccounts(): Promise<boolean> {
  accountsCard.panel.setState('loading');
  try {
    accounts = await withZones(await api.get<Account[]>('/api/auth/accounts'));
  } catch (e) {
    accountsCard.fail(e);
    if (e instanceof ApiError && e.status === 401) return false;
    accounts = [];
    return true;
  }
  accountsCard.render(accounts);
  accountsCard.panel.setState('ready');
  if (!accounts.some((a) => a.id === filters.accountId)) filters.accountId = accounts[0]?.id ?? null;
  accountSelect.replaceChildren(...accounts.map((a) => h('option', { value: a.id, selected: a.id === filters.accountId }, accountName(a))));
  accountSelect.hidden = accounts.length < 2;
  importer.setAccount(filters.accountId);
  updateDemoBanner();
  return true;
}

async function boot(): Promise<void> {
  if (!tokenStore.get()) {
    askForToken();
    return;
  }
  serviceBanner.hidden = true;
  if (!(await loadAccounts())) return;
  loadStats();
  loadPipeline();
}

// ---------------------------------------------------------------------------------------------
// Layout

const refresh = h('button', { type: 'button', class: 'button small', title: 'Reload every panel', onclick: () => void boot() }, 'Refresh');
const forget = h(
  'button',
  {
    type: 'button',
    class: 'button small ghost',
    title: 'Remove the API token from this browser',
    onclick: () => {
      tokenStore.clear();
      askForToken();
    },
  },
  'Forget token',
);

clear(
  app,
  h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: '/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◀◀'), 'Rewind'),
    h(
      'div',
      { class: 'controls' },
      accountSelect,
      h('label', { class: 'control' }, h('span', {}, 'Range'), presetSelect),
      customBox,
      h('label', { class: 'control' }, h('span', {}, 'Time zone'), tzSelect),
      h('div', { class: 'tabs', role: 'group', 'aria-label': 'Measure' }, ...measureButtons),
      refresh,
    ),
  ),
  demoBanner,
  serviceBanner,
  h('main', { class: 'grid' }, ...statsPanels.map((p) => p.panel.root), wrapped.panel.root),
  h(
    'section',
    { class: 'pipeline', 'aria-labelledby': 'pipeline-title' },
    h('h2', { id: 'pipeline-title', class: 'section-title' }, 'Pipeline'),
    h('div', { class: 'grid' }, accountsCard.panel.root, polling.panel.root, transform.panel.root, importer.panel.root),
  ),
  h('footer', { class: 'footer' }, h('a', { href: '/docs' }, 'API docs'), ' · ', h('a', { href: '/api/health' }, 'Health'), ' · ', forget),
  tokenDialog,
);

void boot();
setInterval(() => document.visibilityState === 'visible' && tokenStore.get() && !tokenDialogOpen && loadPipeline(), 60_000);
