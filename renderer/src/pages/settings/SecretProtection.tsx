/** How sign-in secrets are kept on this computer, in words for the person using the app. */
import type { AppInfo } from '../../../../src/contract/model';

/** What `secretProtection` means for the person using the app. */
function secretText(protection: AppInfo['secretProtection']): { title: string; body: string; warn: boolean } {
  switch (protection) {
    case 'os-encrypted':
      return {
        title: 'Encrypted by this computer',
        body:
          'Sign-ins and client secrets are locked with your computer’s own keychain, so only your account on this ' +
          'computer can read them. They are never shown again or written to the log.',
        warn: false,
      };
    case 'weak':
      return {
        title: 'Not strongly protected',
        body:
          'This computer has no keychain File Connector can use, so sign-ins are saved in the data folder with ' +
          'only light protection: anyone who can open that folder could use them. Set up a keyring (such as GNOME ' +
          'Keyring or KWallet) and restart File Connector to encrypt them.',
        warn: true,
      };
    case 'unavailable':
      return {
        title: 'Not saved',
        body:
          'Sign-ins cannot be saved here: they last until File Connector stops, and you sign in again after a ' +
          'restart. For syncing without anyone present, give endpoints a token file instead.',
        warn: true,
      };
  }
}

/** The notice about secret protection. */
export function SecretProtection({ protection }: { protection: AppInfo['secretProtection'] }) {
  const text = secretText(protection);
  return (
    <div className={`notice ${text.warn ? 'notice-warning' : 'notice-info'} settings-secrets`}>
      <p>
        <strong>{text.title}.</strong> {text.body}
      </p>
    </div>
  );
}
