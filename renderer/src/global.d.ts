import type { DesktopBridge } from '../../src/contract/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the UI is served over loopback HTTP. */
    fileConnector?: DesktopBridge;
  }
}

export {};
