/** Shown instead of the pages when the core cannot be reached at start (server stopped, missing token). */
import { AlertIcon } from './Icons';

/** A full-page explanation with a retry button. */
export function StartupProblem({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="startup-problem" role="alert">
      <div className="empty-state">
        <div className="empty-state-icon danger">
          <AlertIcon size={36} />
        </div>
        <h1 className="empty-state-title">File Connector is not available</h1>
        <p className="empty-state-text">{message}</p>
        <div className="empty-state-action">
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            Try again
          </button>
        </div>
      </div>
    </div>
  );
}
