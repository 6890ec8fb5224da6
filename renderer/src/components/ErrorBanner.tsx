/** An error message the user can act on, with an optional retry. */
import { AlertIcon } from './Icons';

/** Shows `message` in an alert region; `onRetry` adds a "Try again" button. */
export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert">
      <AlertIcon size={18} />
      <span className="error-banner-text">{message}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
