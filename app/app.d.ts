// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** Who is asking (null: not signed in); set by hooks.server.ts. */
      principal: import('$lib/server/auth/principal.ts').Principal | null;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
