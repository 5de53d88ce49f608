import { ApiError } from './api';
import { clear, h } from './dom';

export type PanelState = 'loading' | 'ready' | 'empty' | 'unavailable' | 'error';

/**
 * A dashboard card. Its `data-state` tells users (and the browser test) where it stands:
 * loading, ready (data shown), empty (no data in the range), unavailable (route or service
 * missing) or error.
 */
export class Panel {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  readonly actions: HTMLElement;
  private readonly note: HTMLElement;
  private readonly title: HTMLElement;
  private seq = 0;

  constructor(
    readonly id: string,
    title: string,
    className = '',
  ) {
    this.actions = h('div', { class: 'panel-actions' });
    this.body = h('div', { class: 'panel-body' });
    this.note = h('p', { class: 'panel-note', role: 'status' });
    this.title = h('h2', {}, title);
    this.root = h(
      'section',
      { class: `panel ${className}`.trim(), id: `panel-${id}`, 'data-panel': id, 'data-state': 'loading', 'aria-busy': 'true' },
      h('header', { class: 'panel-head' }, this.title, this.actions),
      this.note,
      this.body,
    );
  }

  setTitle(title: string): void {
    this.title.textContent = title;
  }

  setState(state: PanelState, message = ''): void {
    this.root.dataset.state = state;
    this.root.setAttribute('aria-busy', String(state === 'loading'));
    this.note.textContent = message;
    this.note.hidden = !message;
  }

  /**
   * Fetches then renders; a newer call wins over a slower older one. `render` returns false when
   * there is nothing to show in the range.
   */
  async run<T>(fetcher: () => Promise<T>, render: (data: T) => boolean, emptyText = 'Nothing in this range.'): Promise<void> {
    const mine = ++this.seq;
    this.setState('loading', '');
    this.root.classList.add('is-loading');
    try {
      const data = await fetcher();
      if (mine !== this.seq) return;
      const hasData = render(data);
      this.setState(hasData ? 'ready' : 'empty', hasData ? '' : emptyText);
    } catch (error) {
      if (mine !== this.seq) return;
      clear(this.body);
      this.fail(error);
    } finally {
      if (mine === this.seq) this.root.classList.remove('is-loading');
    }
  }

  fail(error: unknown): void {
    if (error instanceof ApiError) {
      if (error.status === 404 && /^Cannot (GET|POST)/.test(error.message)) {
        this.setState('unavailable', `Not available: this Rewind has no ${error.route} yet.`);
      } else if (error.serviceDown) {
        this.setState('unavailable', `Unavailable: the service behind ${error.route} is not answering (see the banner above).`);
      } else if (error.status === 401) {
        this.setState('error', 'The API token was refused.');
      } else {
        this.setState('error', error.message);
      }
    } else {
      console.warn(error);
      this.setState('error', error instanceof Error ? error.message : String(error));
    }
  }
}
