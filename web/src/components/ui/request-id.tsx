export function RequestId({ requestId }: { requestId: string | null | undefined }) {
  return (
    <p className="request-id">
      Request ID: {requestId ? <code className="request-id__value">{requestId}</code> : <span>none (the API did not answer)</span>}
    </p>
  );
}
