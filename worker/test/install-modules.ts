import { installRegisteredModules } from '../app.ts';

// Some tests run a job, a cron trigger or the permission table without a request; the modules they
// need are installed here as the app installs them (worker/app.ts).
installRegisteredModules();
