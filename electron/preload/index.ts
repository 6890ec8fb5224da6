/** Preload (sandboxed, bundled to CJS): exposes `window.fileConnector` and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcApi } from './api.js';

contextBridge.exposeInMainWorld('fileConnector', createIpcApi(ipcRenderer));
