export interface DbServerStats {
  /** POST /sql requests, one per query or batch. */
  sqlRequests: number;
  /** Statements received over HTTP: 1 per query, N per batch of N. */
  sqlQueries: number;
  /** WebSocket connections accepted by the proxy. */
  wsConnections: number;
  /** WebSocket messages from clients to the database. */
  wsMessages: number;
}

export function emptyStats(): DbServerStats {
  return { sqlRequests: 0, sqlQueries: 0, wsConnections: 0, wsMessages: 0 };
}
