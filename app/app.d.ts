// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      /** Who is asking (null: not signed in); set by hooks.server.ts. */
      principal: import('$lib/server/auth/principal.ts').Principal | null;
      /** The UI language of this request (user's choice, else Accept-Language); set by hooks.server.ts. */
      locale: import('$lib/i18n/locale.ts').Locale;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
