import { randomBytes } from 'node:crypto';

/** A Stripe object as the API returns it: `id`, `object` and whatever else its type carries. */
export interface StripeObject {
  id: string;
  object: string;
  [field: string]: unknown;
}

export const now = () => Math.floor(Date.now() / 1000);

/** Ids shaped like Stripe's test-mode ids: a type prefix and 24 random alphanumerics. */
export function newId(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}_${id}`;
}

/** The account's objects by id, per type, in creation order (lists are newest first, like Stripe's). */
export class Store {
  readonly #byId = new Map<string, StripeObject>();

  put<T extends StripeObject>(object: T): T {
    this.#byId.set(object.id, object);
    return object;
  }

  get(id: string, object: string): StripeObject | undefined {
    const found = this.#byId.get(id);
    return found?.object === object ? found : undefined;
  }

  list(object: string, where: (candidate: StripeObject) => boolean = () => true): StripeObject[] {
    return [...this.#byId.values()].filter((candidate) => candidate.object === object && where(candidate)).reverse();
  }
}

/** Stripe's error body: `{ error: { type, code, message, param } }`. */
export class StripeError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(status: number, type: string, message: string, code?: string, param?: string) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  body() {
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}

export const missing = (object: string, id: string, param = 'id') =>
  new StripeError(404, 'invalid_request_error', `No such ${object}: '${id}'`, 'resource_missing', param);

export const invalid = (message: string, param?: string) =>
  new StripeError(400, 'invalid_request_error', message, 'parameter_invalid', param);

export const listOf = (url: string, data: StripeObject[], limit = 10) => ({
  object: 'list',
  data: data.slice(0, limit),
  has_more: data.length > limit,
  url,
});
