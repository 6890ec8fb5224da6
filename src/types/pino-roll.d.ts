// pino-roll ships no types; this is the part of its API we use.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string | (() => string);
    extension?: string;
    frequency?: 'daily' | 'hourly' | number;
    size?: string | number;
    mkdir?: boolean;
    limit?: { count: number };
    symlink?: boolean;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<DestinationStream & { end(): void }>;
}
