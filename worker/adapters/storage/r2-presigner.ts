import { AwsV4Signer } from 'aws4fetch';
import type { ObjectUrls, PresignedRequest } from '../../kernel/storage.ts';

/** SigV4 allows a week; uploads and downloads here are far shorter (the callers pass ≤ 15 and ≤ 5 minutes). */
const MAX_EXPIRY_SECONDS = 15 * 60;

export interface R2PresignerOptions {
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  /** `https://<account>.r2.cloudflarestorage.com`, or a local endpoint that verifies the same signatures. */
  endpoint: string;
}

const hexToBase64 = (hex: string) => btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((byte) => Number.parseInt(byte, 16))));

/**
 * Presigned URLs for R2's S3-compatible API, signed with aws4fetch (SigV4, query-string form,
 * region `auto`, path-style `<endpoint>/<bucket>/<key>`). Every header passed to the signer is
 * signed (`allHeaders`): by default aws4fetch leaves `content-type` and `content-length` out.
 */
export class R2Presigner implements ObjectUrls {
  readonly #options: R2PresignerOptions;

  constructor(options: R2PresignerOptions) {
    this.#options = options;
  }

  async presignPut(input: { key: string; contentType: string; size: number; sha256Hex: string; expiresInSeconds: number }) {
    const headers = {
      'content-type': input.contentType,
      'content-length': String(input.size),
      'x-amz-checksum-sha256': hexToBase64(input.sha256Hex),
    };
    return this.#sign('PUT', input.key, {}, headers, input.expiresInSeconds);
  }

  async presignGet(input: { key: string; contentType: string; contentDisposition: string; expiresInSeconds: number }) {
    const query = { 'response-content-type': input.contentType, 'response-content-disposition': input.contentDisposition };
    return this.#sign('GET', input.key, query, {}, input.expiresInSeconds);
  }

  async #sign(
    method: 'PUT' | 'GET',
    key: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    expiresInSeconds: number,
  ): Promise<PresignedRequest> {
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_EXPIRY_SECONDS) {
      throw new Error(`A presigned URL lives 1 to ${MAX_EXPIRY_SECONDS} seconds, not ${expiresInSeconds}`);
    }
    const url = new URL(`${this.#options.endpoint.replace(/\/+$/, '')}/${this.#options.bucket}/${key}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('X-Amz-Expires', String(expiresInSeconds));
    const now = new Date();
    const signed = await new AwsV4Signer({
      method,
      url: url.toString(),
      headers,
      accessKeyId: this.#options.accessKeyId,
      secretAccessKey: this.#options.secretAccessKey,
      service: 's3',
      region: 'auto',
      datetime: now.toISOString().replace(/[:-]|\.\d{3}/g, ''),
      signQuery: true,
      allHeaders: true,
    }).sign();
    return {
      method,
      url: signed.url.toString(),
      headers,
      expiresAt: new Date(Math.floor(now.getTime() / 1000) * 1000 + expiresInSeconds * 1000),
    };
  }
}
