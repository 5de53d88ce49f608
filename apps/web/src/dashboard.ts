// The dashboard: a signed-in listener's own cards, or every account for the admin (API token),
// or the sign-in page when neither. Layout, filters and boot; the cards live in their modules.
import { Api, ApiError, tokenStore } from './api';
import { showComparePage } from './compare-page';
import { comparisons } from './comparison';
import { clear, h } from './dom';
import { showEntityPage } from './entity-page';
import { habitsPanel } from './habits';
import { discoveriesPanel, forgottenPanel, onThisDayPanel, recentPanel, streaksPanel } from './history-panels';
import { importPanel, modelsRebuilt, playsGrew } from './import-panel';
import { accountName, accountsPanel, pollingPanel, transformPanel } from './pipeline';
import { filterControls, healthBanners } from './controls';
import { entityLinker } from './lists';
import { previousRange } from './range';
import { compareHref, entityHref, parseRoute, type Route } from './routes';
import { searchBox } from './search-box';
import { signedInListener, signInView, signOut, tokenDialog } from './session';
import { sharesPanel } from './shares';
import { browserTimeZone, currentRange, loadFilters, routeScope, saveFilters, statsParams, type Filters } from './state';
import {
  activityPanel,
  heatmapPanel,
  hourPanel,
  summaryPanel,
  topAlbumsPanel,
  topArtistsPanel,
  topGenresPanel,
  topTracksPanel,
  weekdayPanel,
  type StatsContext,
} from './stats-panels';
import type { Account, Me } from '@rewind/contracts';
import { wrappedPanel } from './wrapped';

/** Who is looking: the admin (token) or a listener (session cookie); null on the sign-in page. */
type Viewer = { role: 'admin' } | { role: 'listener'; me: Me };

export function startDashboard(app: HTMLElement): void {
  const filters: Filters = loadFilters();
  let accounts: Account[] = [];
  let viewer: Viewer | null = null;
  const isAdmin = () => viewer?.role === 'admin';

  const banners = healthBanners();
  const api = new Api({ unauthorized: (withToken) => refused(withToken), serviceDown: () => banners.checkHealth() });
  const tokens = tokenDialog(api, () => void boot());
  const signIn = signInView(() => tokens.ask());

  // -------------------------------------------------------------------------------------------
  // Panels

  const statsPanels = [
    summaryPanel(),
    activityPanel(),
    weekdayPanel(),
    hourPanel(),
    heatmapPanel(),
    habitsPanel(),
    topArtistsPanel(),
    topTracksPanel(),
    topAlbumsPanel(),
    topGenresPanel(),
    recentPanel(),
    discoveriesPanel(),
    streaksPanel(),
    onThisDayPanel(),
    forgottenPanel(),
  ];
  const shares = sharesPanel(api);
  const wrapped = wrappedPanel((year) => shares.setYear(year));
  const accountsCard = accountsPanel(api, () => {
    void loadAccounts().then(() => {
      loadStats();
      loadPipeline();
    });
  });
  const polling = pollingPanel(api);
  const transform = transformPanel(api);
  const importer = importPanel(api, {
    imported: () => {
      loadStats();
      loadPipeline();
    },
    unauthorized: () => refused(!!tokenStore.get()),
    rebuilt: () => (isAdmin() ? modelsRebuilt(api) : playsGrew(api))(),
  });

  const controls = filterControls(filters, (change) => setFilters(change));

  function setFilters(change: Partial<Filters>): void {
    Object.assign(filters, change);
    saveFilters(filters);
    controls.sync();
    updateDemoBanner();
    // An entity or compare page follows the new range, zone and account in its URL (the dashboard behind reloads once back).
    const route = parseRoute(location.hash);
    const scopeChanged = ['preset', 'customFrom', 'customTo', 'tz', 'accountId'].some((k) => k in change);
    if (route.page !== 'dashboard' && scopeChanged) {
      const range = routeScope(filters);
      const previous = previousRange(range);
      location.hash =
        route.page === 'entity'
          ? entityHref(route.kind, route.key, range)
          : compareHref(route.dimension, range, previous?.from, previous?.to);
    } else if (route.page !== 'dashboard') showRoute();
    loadStats();
    if ('accountId' in change) {
      loadPipeline();
      void shares.load();
    }
  }

  /** The account on screen: the admin's choice, or the listener's own. */
  const shownAccount = () => (isAdmin() ? accounts.find((a) => a.id === filters.accountId) : accounts[0]);

  /** The dashboard's cards are loaded when they are on screen; behind a page they wait. */
  let statsStale = true;

  function loadStats(): void {
    if (!viewer) return;
    if (parseRoute(location.hash).page !== 'dashboard') {
      statsStale = true;
      return;
    }
    statsStale = false;
    shares.setTarget({ accountId: isAdmin() ? filters.accountId : null, range: currentRange(filters) });
    if (!accounts.length) {
      for (const p of [...statsPanels.map((s) => s.panel), wrapped.panel]) {
        clear(p.body);
        p.setState('empty', 'Connect a Spotify account (below) or import an export to see your stats.');
      }
      return;
    }
    const range = currentRange(filters);
    const params = statsParams(filters);
    const ctx: StatsContext = {
      api,
      filters: { ...filters },
      params,
      range,
      link: entityLinker(routeScope(filters)),
      comparison: comparisons(api, params, range),
    };
    for (const p of statsPanels) void p.load(ctx);
    void wrapped.load(api, { ...filters });
  }

  // -------------------------------------------------------------------------------------------
  // Pages: an artist, track, album or genre, and the compare view (hash routes, routes.ts)

  const pageView = h('main', { class: 'page', hidden: true, 'data-testid': 'page' });
  const search = searchBox(() => ({ api, scope: routeScope(filters) }));

  function showRoute(route: Route = parseRoute(location.hash)): void {
    if (!viewer) return;
    const onDashboard = route.page === 'dashboard';
    dashboardMain.hidden = !onDashboard;
    pipelineSection.hidden = !onDashboard;
    pageView.hidden = onDashboard;
    if (onDashboard) {
      clear(pageView);
      document.title = 'Rewind';
      if (statsStale) loadStats();
      return;
    }
    window.scrollTo(0, 0);
    if (route.page === 'entity') void showEntityPage(pageView, { api, kind: route.kind, key: route.key, range: route.range, filters });
    else void showComparePage(pageView, { api, ...route, filters });
  }
  window.addEventListener('hashchange', () => {
    search.reset();
    showRoute();
  });

  function loadPipeline(): void {
    if (!viewer) return;
    void polling.load(filters.accountId);
    if (isAdmin()) void transform.load();
  }

  function updateDemoBanner(): void {
    banners.demo.hidden = !shownAccount()?.isDemo;
  }

  /**
   * An account connected without a zone (just back from Spotify's consent page, or set up
   * headless) gets this browser's: its days and hours are then the listener's own.
   */
  async function withZones(list: Account[]): Promise<Account[]> {
    return Promise.all(
      list.map((a) =>
        a.timeZone
          ? a
          : api.patch<Account>(`/api/auth/accounts/${encodeURIComponent(a.id)}`, { timeZone: browserTimeZone() }).catch(() => a),
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
    accountsCard.render(accounts, isAdmin());
    accountsCard.panel.setState('ready');
    if (!isAdmin()) {
      // A listener's routes are scoped to their own account: no id to send.
      filters.accountId = null;
    } else if (!accounts.some((a) => a.id === filters.accountId)) filters.accountId = accounts[0]?.id ?? null;
    controls.setAccounts(isAdmin() ? accounts : [], filters.accountId, accountName);
    importer.setAccount(shownAccount()?.id ?? null);
    updateDemoBanner();
    return true;
  }

  // -------------------------------------------------------------------------------------------
  // Who is looking

  const who = h('span', { class: 'who', 'data-testid': 'who' });
  const signOutButton = h('button', { type: 'button', class: 'button small ghost', 'data-testid': 'sign-out' }, 'Sign out');
  signOutButton.addEventListener('click', async () => {
    if (isAdmin()) {
      // The admin "signs out" of this browser by forgetting the token.
      tokenStore.clear();
      void boot();
      return;
    }
    signOutButton.disabled = true;
    try {
      await signOut(api);
      showSignIn('You are signed out.');
    } catch (e) {
      banners.showError(`Signing out failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      signOutButton.disabled = false;
    }
  });

  function showSignIn(message = ''): void {
    viewer = null;
    view.hidden = true;
    signIn.show(message);
  }

  /** A 401: the stored token was refused, or the session ended. */
  function refused(withToken: boolean): void {
    if (withToken) {
      tokenStore.clear();
      showSignIn();
      tokens.ask('The API refused the stored token (it may have changed): enter it again.');
    } else if (viewer) showSignIn('Your session has ended: sign in again.');
  }

  function applyViewer(v: Viewer): void {
    viewer = v;
    const admin = v.role === 'admin';
    who.replaceChildren(
      admin ? h('span', { class: 'badge ok' }, 'admin') : h('span', {}, 'Signed in as ', h('strong', {}, v.me.displayName ?? 'you')),
    );
    signOutButton.title = admin ? 'Forget the API token on this browser' : 'End this session';
    pipelineTitle.textContent = admin ? 'Pipeline' : 'Your listening data';
    // The models card is the admin's alone (transform runs): not even in a listener's page.
    if (admin) pipelineGrid.insertBefore(transform.panel.root, importer.panel.root);
    else transform.panel.root.remove();
    signIn.hide();
    view.hidden = false;
  }

  async function boot(): Promise<void> {
    banners.service.hidden = true;
    if (tokenStore.get()) applyViewer({ role: 'admin' });
    else {
      let me: Me | null;
      try {
        me = await signedInListener(api);
      } catch {
        showSignIn('Rewind cannot check your sign-in right now (is it running?): reload the page in a moment.');
        return;
      }
      if (!me) return showSignIn();
      applyViewer({ role: 'listener', me });
    }
    if (!(await loadAccounts())) return;
    statsStale = true;
    showRoute();
    loadPipeline();
    void shares.load();
  }

  // -------------------------------------------------------------------------------------------
  // Layout

  const refresh = h(
    'button',
    { type: 'button', class: 'button small', title: 'Reload every panel', onclick: () => void boot() },
    'Refresh',
  );
  const pipelineTitle = h('h2', { id: 'pipeline-title', class: 'section-title' }, 'Pipeline');
  const pipelineGrid = h('div', { class: 'grid' }, accountsCard.panel.root, polling.panel.root, importer.panel.root);
  const dashboardMain = h('main', { class: 'grid' }, ...statsPanels.map((p) => p.panel.root), wrapped.panel.root, shares.panel.root);
  const pipelineSection = h('section', { class: 'pipeline', 'aria-labelledby': 'pipeline-title' }, pipelineTitle, pipelineGrid);
  const view = h(
    'div',
    { class: 'dashboard', hidden: true },
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: '#/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◀◀'), 'Rewind'),
      search.root,
      h('div', { class: 'controls' }, ...controls.elements, refresh),
      h('div', { class: 'session' }, who, signOutButton),
    ),
    banners.demo,
    banners.service,
    dashboardMain,
    pageView,
    pipelineSection,
    h('footer', { class: 'footer' }, h('a', { href: '/docs' }, 'API docs'), ' · ', h('a', { href: '/api/health' }, 'Health')),
  );
  clear(app, view, signIn.root, tokens.dialog);

  void boot();
  setInterval(() => document.visibilityState === 'visible' && viewer && !tokens.isOpen() && loadPipeline(), 60_000);
}
