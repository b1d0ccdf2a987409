import path from 'node:path';
import express, { type Router } from 'express';

/**
 * The page itself: plain HTML, CSS and browser JavaScript from ./public, plus the Adaptive Cards
 * renderer straight from node_modules — the same library Teams' web client is built on.
 */
export const PUBLIC_DIR = path.join(__dirname, 'public');
export const VENDOR_PATH = '/playground/vendor';

function adaptiveCardsDist(): string {
  return path.join(path.dirname(require.resolve('adaptivecards/package.json')), 'dist');
}

export function createStaticRouter(): Router {
  const router = express.Router();
  const dist = adaptiveCardsDist();
  router.get(`${VENDOR_PATH}/adaptivecards.min.js`, (_req, res) => {
    res.sendFile(path.join(dist, 'adaptivecards.min.js'), { maxAge: '1h' });
  });
  // Revalidate on every load so an edited page shows up without a hard refresh.
  router.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: 0, etag: true }));
  return router;
}
