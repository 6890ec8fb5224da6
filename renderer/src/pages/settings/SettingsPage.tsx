/**
 * Settings: appearance, start at sign-in, notifications, syncing (how many at once, request pace, webhooks), the
 * data and how long its history is kept, the configuration file, and how sign-ins are kept. Switches and choices
 * save at once; a small "Saved" (or the core's error) shows next to the control that changed.
 */
import { useEffect, type ReactNode } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useAppStore } from '../../store/app';
import { useEndpointsStore } from '../../store/endpoints';
import { useSettingsStore } from '../../store/settings';
import { ConcurrencyField } from './ConcurrencyField';
import { ConfigFileSection } from './ConfigFileSection';
import { SettingCheckbox } from './controls';
import { DataFacts } from './DataSection';
import { PacingInfo } from './PacingInfo';
import { RetentionFields } from './RetentionFields';
import { SecretProtection } from './SecretProtection';
import { ThemeChoice } from './ThemeChoice';
import { WatchedEndpoints } from './WatchedEndpoints';

/** A titled card of settings. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section settings-section" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The Settings page. */
export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const loaded = useSettingsStore((s) => s.loaded);
  const error = useSettingsStore((s) => s.error);
  const scheduler = useSettingsStore((s) => s.scheduler);
  const stats = useSettingsStore((s) => s.stats);
  const statsError = useSettingsStore((s) => s.statsError);
  const { load, loadStats, update, setMaxConcurrentSyncs } = useSettingsStore.getState();
  const info = useAppStore((s) => s.info);
  const endpoints = useEndpointsStore((s) => s.items);

  useEffect(() => {
    void useSettingsStore.getState().load();
    void useSettingsStore.getState().loadStats();
  }, []);

  const browser = info?.host === 'browser';

  return (
    <div className="page settings-page">
      <PageHeader
        title="Settings"
        summary="How File Connector looks, starts, tells you about syncs and keeps its data."
      />

      {error && <ErrorBanner message={error} onRetry={() => void load()} />}
      {!loaded && !error && (
        <div className="page-loading">
          <Spinner label="Loading settings…" />
        </div>
      )}

      {settings && (
        <>
          <Section id="settings-appearance" title="Appearance">
            <ThemeChoice value={settings.theme} onSave={(theme) => update({ theme })} />
          </Section>

          <Section id="settings-startup" title="Startup">
            <SettingCheckbox
              label="Start File Connector when I sign in to this computer"
              hint={
                browser
                  ? 'Only the desktop app can start by itself; this page is open in a browser.'
                  : 'It starts hidden in the tray and keeps syncing on schedule.'
              }
              checked={settings.startAtLogin}
              disabled={!info || browser}
              onSave={(startAtLogin) => update({ startAtLogin })}
            />
          </Section>

          <Section id="settings-notifications" title="Notifications">
            <SettingCheckbox
              label="Tell me when a sync fails"
              hint="Also when an endpoint needs you to sign in again."
              checked={settings.notifyOnFailure}
              onSave={(notifyOnFailure) => update({ notifyOnFailure })}
            />
            <SettingCheckbox
              label="Tell me when files change in watched endpoints"
              checked={settings.notifyOnChanges}
              onSave={(notifyOnChanges) => update({ notifyOnChanges })}
            />
            <WatchedEndpoints
              watched={settings.watchedEndpointIds}
              enabled={settings.notifyOnChanges}
              endpoints={endpoints}
              onSave={(watchedEndpointIds) => update({ watchedEndpointIds })}
            />
          </Section>

          <Section id="settings-syncing" title="Syncing">
            <ConcurrencyField value={scheduler?.maxConcurrentSyncs ?? null} onSave={(n) => setMaxConcurrentSyncs(n)} />
            <PacingInfo endpoints={endpoints} />
            <SettingCheckbox
              label={`Receive webhook calls on this computer (127.0.0.1:${settings.webhookListener.port})`}
              hint={
                browser
                  ? 'This server already receives them at /hooks/<endpoint name> on its own address.'
                  : 'For endpoints scheduled "When a webhook calls": point a tunnel (e.g. cloudflared or ngrok) at this port.'
              }
              checked={settings.webhookListener.enabled}
              disabled={!info || browser}
              onSave={(enabled) => update({ webhookListener: { ...settings.webhookListener, enabled } })}
            />
          </Section>
        </>
      )}

      <Section id="settings-data" title="Data">
        {statsError && <ErrorBanner message={statsError} onRetry={() => void loadStats()} />}
        <DataFacts info={info} stats={stats} />
        {settings && (
          <RetentionFields
            value={settings.retention}
            onSave={(retention) => update({ retention })}
            onSaved={() => void loadStats()}
          />
        )}
      </Section>

      <Section id="settings-config" title="Configuration file">
        <ConfigFileSection />
      </Section>

      {info && (
        <Section id="settings-secrets" title="Sign-in secrets">
          <SecretProtection protection={info.secretProtection} />
        </Section>
      )}
    </div>
  );
}
