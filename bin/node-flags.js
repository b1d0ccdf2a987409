// V8 flags for a long-running `serve`. Without a cap V8 sizes its heap for throughput: the bot,
// whose live objects are ~50–90 MB, let its old space grow to ~270 MB between full collections
// and sat at ~350–530 MB RSS after 2,000 Slack answers (npm run bench -- ack). The capped old
// space makes V8 collect sooner; the cap is still about three times what the bot holds, so a
// close or an export has room. The young generation keeps V8's 16 MB: at 4 MB the scavenges
// took about a third of the CPU an answer costs (13 instead of 20 ms per request in the ack
// bench) for some 40 MB less RSS.
// The same list is in package.json's start scripts and the Dockerfile's CMD
// (test/app/node-flags.test.ts keeps them equal); bench/ack.ts starts its servers with it.
exports.serveNodeFlags = ['--max-semi-space-size=16', '--max-old-space-size=256'];
