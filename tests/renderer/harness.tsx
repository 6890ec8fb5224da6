/**
 * Puts a real core behind the renderer: a core on a temporary data folder answers every request the UI makes and
 * its events reach the stores, exactly as over IPC. Stores are reset and the DOM cleaned between tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach } from 'vitest';
import { setApi } from '../../renderer/src/api';
import { setConnectionState } from '../../renderer/src/api/connection';
import { useActivityStore } from '../../renderer/src/store/activity';
import { useAppStore } from '../../renderer/src/store/app';
import { useEndpointsStore } from '../../renderer/src/store/endpoints';
import { useFilesStore } from '../../renderer/src/store/files';
import { usePerformanceStore } from '../../renderer/src/store/performance';
import { useSettingsStore } from '../../renderer/src/store/settings';
import type { RequestName, RequestOutput } from '../../src/contract/contract';
import type { EndpointInput } from '../../src/contract/schemas';
import { unwrap } from '../../src/contract/wire';
import { testCore } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

export type TestCore = Awaited<ReturnType<typeof testCore>>;

const initial = {
  app: useAppStore.getInitialState(),
  endpoints: useEndpointsStore.getInitialState(),
  files: useFilesStore.getInitialState(),
  activity: useActivityStore.getInitialState(),
  settings: useSettingsStore.getInitialState(),
  performance: usePerformanceStore.getInitialState(),
};

/** Back to the state a freshly started window has. */
function resetStores(): void {
  // The search-focus counter and the files generation only ever grow: components remember the last value served,
  // and a response still in flight from the previous test must not match the new generation.
  const { searchFocusRequest } = useAppStore.getState();
  const { generation } = useFilesStore.getState();
  useAppStore.setState({ ...initial.app, searchFocusRequest }, true);
  useEndpointsStore.setState(initial.endpoints, true);
  useFilesStore.setState({ ...initial.files, generation: generation + 1 }, true);
  useActivityStore.setState(initial.activity, true);
  useSettingsStore.setState(initial.settings, true);
  usePerformanceStore.setState(initial.performance, true);
}

beforeEach(resetStores);
// Registered after tests/helpers/core's hook, so it runs first: the UI unmounts before its core closes.
afterEach(() => {
  cleanup();
  setApi(null);
});

/** Opens a real core on a temporary folder (or `dataDir`) and makes it the renderer's API, as the preload bridge would. */
export async function startCore(options: { dataDir?: string } = {}): Promise<TestCore> {
  const core = await testCore(options);
  setApi({
    invoke: async (name, input) => unwrap(await core.dispatch(name, input)) as never,
    on: (event, listener) =>
      core.subscribe((m) => {
        if (m.event === event) listener(m.payload as never);
      }),
  });
  // Like IPC, the in-process core is reachable from the start.
  act(() => setConnectionState('connected'));
  return core;
}

/** Sends one request through the contract, as the UI does. */
export async function request<K extends RequestName>(
  core: TestCore,
  name: K,
  input: unknown,
): Promise<RequestOutput<K>> {
  return unwrap(await core.dispatch(name, input)) as RequestOutput<K>;
}

/** Writes `files` (relative path → content) into a fresh temporary folder and returns the folder. */
export function projectFolder(files: Record<string, string>): string {
  const root = tempDir('fc-project-');
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

/** A local-folder endpoint on `folder`. */
export function folderEndpoint(name: string, folder: string): EndpointInput {
  return { type: 'local_folder', name, settings: { path: folder }, schedule: { type: 'manual' } };
}

/** Creates an endpoint on `folder` and syncs it to the end through the contract; returns its id. */
export async function syncedEndpoint(core: TestCore, name: string, folder: string): Promise<number> {
  const endpoint = await request(core, 'endpoints.create', folderEndpoint(name, folder));
  await syncToEnd(core, endpoint.id);
  return endpoint.id;
}

/** Starts a sync of endpoint `id` through the contract and waits until the engine has finished it. */
export async function syncToEnd(core: TestCore, id: number): Promise<void> {
  await request(core, 'sync.start', { endpointId: id });
  await core.engine.settled(id);
}

/**
 * Renders `ui` into `<div id="root">`, the element the real index.html mounts into, so modal dialogs hide the page
 * from the accessibility tree exactly as they do in the app.
 */
export function renderApp(ui: ReactElement) {
  const root = document.createElement('div');
  root.id = 'root';
  document.body.appendChild(root);
  return render(ui, { container: root });
}

/** Text of the elements an element's aria-describedby points at, as a screen reader would read after its name. */
export function descriptionOf(element: Element): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ')
    .trim();
}

/** Opens a page from the sidebar, as a click on its entry does, and waits for its heading. The window opens on Overview. */
export async function openPage(title: string): Promise<void> {
  const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
  fireEvent.click(nav.getByRole('button', { name: title }));
  await screen.findByRole('heading', { level: 1, name: title });
}
