/**
 * Which endpoints a person signs in to from the app, and how: the provider's
 * flow (or a client secret they type), and the SecretStore key it is kept under.
 */
import type { Endpoint, SignInState } from '../contract/model.js';
import { autodeskAccSettingsSchema, googleDriveSettingsSchema } from '../contract/schemas.js';
import { authorizeUrlOf, tokenUrlOf } from '../connectors/autodesk_acc/auth.js';
import {
  clientSecretKey as accClientSecretKey,
  refreshTokenKey as accRefreshTokenKey,
  signInWithAutodesk,
} from '../connectors/autodesk_acc/signIn.js';
import { refreshTokenKey, signInWithGoogle } from '../connectors/google_drive/signIn.js';
import type { SignInStep } from '../auth/signIn.js';
import type { SecretStore } from './secrets.js';

export interface SignInRun {
  openBrowser(url: string): Promise<void>;
  onStep(step: SignInStep): void;
  signal: AbortSignal;
}

/** A sign-in through the provider's page in the browser; its refresh token is kept under `secretKey`. */
export interface BrowserSignIn {
  kind: 'browser';
  /** "Google", for messages. */
  label: string;
  secretKey: string;
  /** Runs the flow and returns the refresh token to keep. */
  run(options: SignInRun): Promise<string>;
}

/** A client secret a person types once (`auth.setSecret`), kept under `secretKey`. */
export interface SecretSignIn {
  kind: 'secret';
  label: string;
  secretKey: string;
}

export type SignInProvider = BrowserSignIn | SecretSignIn;

/**
 * What this endpoint needs from a person, or null (folders, service accounts, headless token files, secrets
 * named by an environment variable).
 */
export function signInProvider(endpoint: Endpoint): SignInProvider | null {
  if (endpoint.type === 'google_drive') {
    const parsed = googleDriveSettingsSchema.safeParse(endpoint.settings);
    if (!parsed.success) return null;
    const auth = parsed.data.auth;
    if (auth.type !== 'oauth' || auth.tokenFile || auth.tokenEnv) return null;
    return {
      kind: 'browser',
      label: 'Google',
      secretKey: refreshTokenKey(endpoint.id),
      run: async (options) =>
        (
          await signInWithGoogle({
            clientId: auth.clientId,
            clientSecret: auth.clientSecret,
            authorizeUrl: auth.authorizeUrl,
            tokenUrl: auth.tokenUrl,
            ...options,
          })
        ).refreshToken,
    };
  }
  if (endpoint.type === 'autodesk_acc') {
    const parsed = autodeskAccSettingsSchema.safeParse(endpoint.settings);
    if (!parsed.success) return null;
    const settings = parsed.data;
    const auth = settings.auth;
    // App credentials without a variable take their secret from the app's store; with one, and headless token
    // files, need no person.
    if (auth.type === 'client_credentials') {
      return auth.clientSecretEnv
        ? null
        : { kind: 'secret', label: 'Autodesk', secretKey: accClientSecretKey(endpoint.id) };
    }
    if (auth.tokenFile) return null;
    return {
      kind: 'browser',
      label: 'Autodesk',
      secretKey: accRefreshTokenKey(endpoint.id),
      run: async (options) =>
        (
          await signInWithAutodesk({
            clientId: auth.clientId,
            authorizeUrl: authorizeUrlOf(settings),
            tokenUrl: tokenUrlOf(settings),
            ...options,
          })
        ).refreshToken,
    };
  }
  return null;
}

/** Whether the endpoint can sync as it is, or needs a person to sign in first. */
export async function signInState(endpoint: Endpoint, secrets: SecretStore): Promise<SignInState> {
  const provider = signInProvider(endpoint);
  if (!provider) return 'not-needed';
  return (await secrets.has(provider.secretKey)) ? 'signed-in' : 'needed';
}

/** Why an endpoint that waits for a person cannot do `action` ("sync") yet, and what to do. */
export function notReadyMessage(endpoint: Endpoint, provider: SignInProvider | null, action: string): string {
  if (provider?.kind === 'secret') {
    return `"${endpoint.name}" has no client secret yet: enter the client secret of the ${provider.label} app first (it is kept encrypted by the OS), then ${action}.`;
  }
  return `"${endpoint.name}" is not signed in yet: sign in first, then ${action}.`;
}
