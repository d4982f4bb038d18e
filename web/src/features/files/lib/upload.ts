/** The file's SHA-256 as hex: the storage checks it against the signed checksum, the server against what was declared. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Headers the browser sets itself and refuses from script; the presigned URL signs them, and the browser sends the same values. */
const setByTheBrowser = new Set(['content-length', 'host']);

export class UploadFailed extends Error {
  constructor(readonly status: number) {
    super(`The storage refused the upload (HTTP ${status})`);
  }
}

/**
 * PUTs the bytes straight to the presigned URL, never through the API. XMLHttpRequest rather than
 * fetch: only it reports upload progress. `onProgress` gets a fraction from 0 to 1.
 */
export function putToPresignedUrl(
  upload: { method: string; url: string; headers: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) {
      if (!setByTheBrowser.has(name.toLowerCase())) request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new UploadFailed(request.status));
    };
    request.onerror = () => reject(new UploadFailed(0));
    request.send(file);
  });
}
