// first: the page's first requests go out while zod, the API contract and React are still being
// evaluated (early-requests.ts imports none of them); the session check takes their answers
import './early-requests.js';
import './session-check.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { followTheme } from './theme.js';
import { firstCheckOrTimeout } from './session-check.js';

/** How long the first render may wait for the session check: past this, "Connecting…" shows. */
const WAIT_FOR_SESSION_MS = 150;

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
followTheme();
// the session check's answer usually arrives while this code is evaluated: wait for it a moment,
// so that the first render is the page itself and not "Connecting…" replaced a moment later
void firstCheckOrTimeout(WAIT_FOR_SESSION_MS).then(() => createRoot(root).render(<StrictMode><App /></StrictMode>));
