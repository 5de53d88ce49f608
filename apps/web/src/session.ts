// Who is looking at the dashboard: a listener signed in with Spotify (session cookie, GET
// /api/auth/me) or the admin (the API token, pasted once and kept in this browser). Without
// either, the sign-in page; the token form is its secondary way in.
import { ApiError, tokenStore, type Api } from './api';
import { clear, h } from './dom';
import type { Me } from '@rewind/contracts';

export const LOGIN = '/api/auth/login';

/** The listener of the session cookie; null when there is no live session. Throws when the API cannot say. */
export async function signedInListener(api: Api): Promise<Me | null> {
  try {
    const me = await api.probe<Me>('/api/auth/me');
    return me.role === 'listener' ? me : null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** POST /api/auth/logout: the session ends on the server and its cookie is cleared. */
export async function signOut(api: Api): Promise<void> {
  try {
    await api.post('/api/auth/logout', undefined, {});
  } catch (e) {
    // 401: the session had ended already.
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
}

/** The admin's token: asked in a dialog, checked against the API, kept in localStorage, sent as a header only. */
export function tokenDialog(api: Api, accepted: () => void) {
  const dialog = h('dialog', { class: 'token-dialog', 'data-testid': 'token-dialog' });
  let open = false;
  dialog.addEventListener('close', () => (open = false));

  function ask(reason = ''): void {
    if (open) return;
    open = true;
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
        'The admin of this Rewind sees every account through the Rewind API, which needs its token once on this browser (it is kept in this browser’s local storage, never in a URL).',
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
      h(
        'div',
        { class: 'row end' },
        h('button', { type: 'button', class: 'button ghost', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'button primary' }, 'Open the dashboard'),
      ),
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
      dialog.close();
      accepted();
    });
    clear(dialog, form);
    if (!dialog.open) dialog.showModal();
    input.focus();
  }

  return { dialog, ask, isOpen: () => open };
}

/** The page shown to someone neither signed in nor holding the token. */
export function signInView(useToken: () => void) {
  const note = h('p', { class: 'sign-in-note', role: 'status', 'data-testid': 'sign-in-note', hidden: true });
  const root = h(
    'main',
    { class: 'sign-in', 'data-testid': 'sign-in', hidden: true },
    h(
      'div',
      { class: 'sign-in-card' },
      h('p', { class: 'brand big' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◀◀'), 'Rewind'),
      h('h1', {}, 'Your Spotify listening, any day you like'),
      h(
        'p',
        { class: 'muted' },
        'Sign in with the Spotify account this Rewind follows for you: you see your own stats, your Wrapped and your share links.',
      ),
      note,
      h('a', { class: 'button primary large', href: LOGIN, 'data-testid': 'sign-in-spotify' }, 'Sign in with Spotify'),
      h(
        'p',
        { class: 'small muted' },
        'Running this Rewind? ',
        h('button', { type: 'button', class: 'link', 'data-testid': 'use-token', onclick: () => useToken() }, 'Use the API token'),
        ' to see every account.',
      ),
    ),
  );
  return {
    root,
    show(message = '') {
      note.textContent = message;
      note.hidden = !message;
      root.hidden = false;
    },
    hide() {
      root.hidden = true;
    },
  };
}
