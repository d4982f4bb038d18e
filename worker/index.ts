import { newApp } from './app.ts';
import { Database } from './db/client.ts';
import { purgeExpired } from './db/idempotency.repo.ts';
import { loadConfig } from './kernel/config.ts';
import { jsonLogger } from './middleware/logger.ts';

export { RateLimiter } from '../durable-objects/rate-limiter.ts';

const app = newApp();

export default {
  fetch: app.fetch,

  /** Cron: housekeeping that is safe to run twice (every statement is idempotent). */
  async scheduled(controller, env) {
    const config = loadConfig(env);
    const db = new Database(config);
    const logger = jsonLogger({ cron: controller.cron });
    try {
      const purged = await purgeExpired(db);
      logger.info('cron finished', { idempotency_keys_purged: purged });
    } finally {
      await db.close();
    }
  },
} satisfies ExportedHandler<Env>;
