/**
 * Which endpoints a person signs in to from the app, and how: the provider's
 * flow, and the SecretStore key its refresh token is kept under.
 */
import type { Endpoint, SignInState } from '../contract/model.js';
import { autodeskAccSettingsSchema, googleDriveSettingsSchema } from '../contract/schemas.js';
import { authorizeUrlOf, tokenUrlOf } from '../connectors/autodesk_acc/auth.js';
import { refreshTokenKey as accRefreshTokenKey, signInWithAutodesk } from '../connectors/autodesk_acc/signIn.js';
import { refreshTokenKey, signInWithGoogle } from '../connectors/google_drive/signIn.js';
import type { SignInStep } from '../auth/signIn.js';
import type { SecretStore } from './secrets.js';

export interface SignInRun {
  openBrowser(url: string): Promise<void>;
  onStep(step: SignInStep): void;
  signal: AbortSignal;
}

export interface SignInProvider {
  /** "Google", for messages. */
  label: string;
  secretKey: string;
  /** Runs the flow and returns the refresh token to keep. */
  run(options: SignInRun): Promise<string>;
}

/** The sign-in this endpoint needs from a person, or null (folders, service accounts, headless token files). */
export function signInProvider(endpoint: Endpoint): SignInProvider | null {
  if (endpoint.type === 'google_drive') {
    const parsed = googleDriveSettingsSchema.safeParse(endpoint.settings);
    if (!parsed.success) return null;
    const auth = parsed.data.auth;
    if (auth.type !== 'oauth' || auth.tokenFile || auth.tokenEnv) return null;
    return {
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
    // Two-legged credentials and headless token files need no person.
    if (auth.type !== 'pkce' || auth.tokenFile) return null;
    return {
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
