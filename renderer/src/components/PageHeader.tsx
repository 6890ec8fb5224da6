/** Page title, a one-line summary and the page's main actions. */
import type { ReactNode } from 'react';

/** The header at the top of every page. */
export function PageHeader({ title, summary, actions }: { title: string; summary?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div className="page-heading">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        {summary && <p className="page-summary">{summary}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
