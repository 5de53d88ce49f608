// The `cors` package (installed with @nestjs/platform-express) ships no types; this is the part the gateway uses.
declare module 'cors' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface CorsOptions {
    origin?: string | string[];
    allowedHeaders?: string[];
  }

  export default function cors(options?: CorsOptions): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
}
