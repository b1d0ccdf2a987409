// V8 flags for a long-running `serve`. Without them V8 sizes its heap for throughput: the bot,
// whose live objects are ~50–90 MB, let its old space grow to ~270 MB between full collections
// and sat at ~350–530 MB RSS after 2,000 Slack answers (npm run bench -- ack). A small young
// generation and a capped old space make V8 collect sooner; the cap is still about three times
// what the bot holds, so a close or an export has room.
// The same list is in package.json's start scripts and the Dockerfile's CMD
// (test/app/node-flags.test.ts keeps them equal); bench/ack.ts starts its servers with it.
exports.serveNodeFlags = ['--max-semi-space-size=16', '--max-old-space-size=256'];
