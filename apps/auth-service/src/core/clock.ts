/** Milliseconds since the epoch; tests hand the app one they move forward (session and share expiry). */
export type Clock = () => number;

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = () => Date.now();
