// first: the session check starts while React and the app are still being evaluated
import './session-check.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { followTheme } from './theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
followTheme();
createRoot(root).render(<StrictMode><App /></StrictMode>);
