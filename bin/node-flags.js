// V8 flags for a long-running `serve`. Without them V8 sizes its heap for throughput: a bot whose
// live objects are ~50–90 MB let its old space grow to ~270 MB between full collections and kept
// ~500 MB RSS after 2,000 Slack answers (npm run bench -- ack). A smaller young generation and a
// capped old space make V8 collect sooner and give memory back; the cap is still several times
// what the bot holds, so a large export or summary has room.
// Used by bin/zorgspiegel.js (re-exec), the Dockerfile (NODE_OPTIONS) and bench/ack.ts.
exports.serveNodeFlags = ['--max-semi-space-size=4', '--max-old-space-size=256'];
