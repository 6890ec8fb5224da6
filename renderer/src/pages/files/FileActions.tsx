/**
 * What a person does with a file from its details: open it at its source, copy its link or path, show a local
 * file in its folder (desktop only). "Copied" is said out loud and on screen.
 */
import type { CatalogFile, EndpointSummary } from '../../../../src/contract/model';
import { getApi } from '../../api';
import { CopyIcon, ExternalIcon } from '../../components/Icons';
import { errorMessage } from '../../lib/errors';
import { useAppStore } from '../../store/app';
import { fullPathOf, openExternal, openLabel, useCopy, webLinkOf } from './fileLinks';
import { useState } from 'react';

/** The action buttons and their status line. */
export function FileActions({ file, endpoint }: { file: CatalogFile; endpoint: EndpointSummary | undefined }) {
  const link = webLinkOf(file);
  const { copy, message } = useCopy();
  const canOpenFolders = useAppStore((s) => s.info?.canOpenDataFolder ?? false);
  const [folderError, setFolderError] = useState<string | null>(null);
  const local = endpoint?.type === 'local_folder';

  async function showInFolder() {
    setFolderError(null);
    try {
      await getApi().invoke('files.showInFolder', { rowId: file.rowId });
    } catch (error) {
      setFolderError(errorMessage(error));
    }
  }

  return (
    <div className="file-actions">
      <div className="file-actions-row">
        {link && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => openExternal(link)}>
            <ExternalIcon size={14} />
            {openLabel(link)}
          </button>
        )}
        {link && (
          <button type="button" className="btn btn-small" onClick={() => void copy(link, 'Link')}>
            <CopyIcon size={14} />
            Copy link
          </button>
        )}
        <button type="button" className="btn btn-small" onClick={() => void copy(fullPathOf(file, endpoint), 'Path')}>
          <CopyIcon size={14} />
          Copy path
        </button>
        {local && canOpenFolders && (
          <button type="button" className="btn btn-small" onClick={() => void showInFolder()}>
            Show in folder
          </button>
        )}
      </div>
      <p className="file-actions-status" role="status">
        {message}
      </p>
      {folderError && <p className="field-error">{folderError}</p>}
    </div>
  );
}
