// The local dashboard: runs, live searches and reports from the run database.
export { startServer, type ServeOptions, type RunningServer } from './server.js';
export { liveState, liveFragment, type LiveState } from './live.js';
export { isLoopback, generateToken } from './auth.js';
