/** Renderer entry point. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyRememberedTheme } from './lib/theme';
import { useSettingsStore } from './store/settings';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/endpoints.css';
import './styles/files.css';
import './styles/activity.css';
import './styles/settings.css';
import 'uplot/dist/uPlot.min.css';
import './styles/overview.css';
import './styles/performance.css';

// Paint in last time's theme from the first frame, then in the core's setting as soon as it answers.
applyRememberedTheme();
void useSettingsStore.getState().load();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
