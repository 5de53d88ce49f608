// The dashboard's entry: /share/:id is a share link's public page (share-page.ts, which loads no
// charts and sends no credentials); every other path is the dashboard (dashboard.ts).
import './base.css';
import './panels.css';
import './cards.css';
import './views.css';
import './pages.css';

/** GET /share/:id: the gateway answers it with this page (apps/gateway/src/gateway-app.ts). */
const SHARE_PATH = /^\/share\/([A-Za-z0-9_-]{1,64})\/?$/;

const app = document.getElementById('app')!;
const share = SHARE_PATH.exec(location.pathname);
if (share) void import('./share-page').then((m) => m.showSharePage(app, share[1]));
else void import('./dashboard').then((m) => m.startDashboard(app));
