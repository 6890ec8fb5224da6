/** The native folder picker the core calls for `system.pickFolder`. */

/** The part of `dialog.showOpenDialog`'s result used here. */
export interface OpenDialogResult {
  canceled: boolean;
  filePaths: string[];
}

/** Options passed to the dialog (a subset of Electron's OpenDialogOptions). */
export interface PickFolderOptions {
  title: string;
  properties: ('openDirectory' | 'createDirectory')[];
}

/** One folder, which the user may create on the spot; a fresh object per call since Electron may keep it. */
export function pickFolderOptions(): PickFolderOptions {
  return { title: 'Choose a folder to catalog', properties: ['openDirectory', 'createDirectory'] };
}

/** Wraps a dialog call into the core's `pickFolder`: the chosen path, or null when cancelled. */
export function createPickFolder(
  showOpenDialog: (options: PickFolderOptions) => Promise<OpenDialogResult>,
): () => Promise<string | null> {
  return async () => {
    const result = await showOpenDialog(pickFolderOptions());
    if (result.canceled) return null;
    return result.filePaths[0] ?? null;
  };
}
