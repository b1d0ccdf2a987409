# syntax=docker/dockerfile:1
# Zorgspiegel in production: compiled JavaScript, production dependencies only, a non-root user.
# test/app/dockerfile.test.ts replays this file's COPY, RUN, ENV and CMD lines in temporary
# directories and checks that the server comes up from dist/ and passes the HEALTHCHECK.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/embedded-mongo/package.json ./packages/embedded-mongo/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
# serve's V8 flags: the build makes the code cache of dist/cli/bundle.js under them (scripts/bundle.js).
COPY bin/node-flags.js ./bin/
COPY packages ./packages
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
ENV DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
# The workspace package @zorgspiegel/embedded-mongo (the database when no MONGODB_URI is set):
# its manifest and entry point before `npm ci` links it, its compiled dist/ from the build stage.
COPY packages/embedded-mongo/package.json packages/embedded-mongo/index.js ./packages/embedded-mongo/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/packages/embedded-mongo/dist ./packages/embedded-mongo/dist
COPY cards ./cards
# The chart's font comes from the dejavu-fonts-ttf dependency, so this slim image needs no fonts.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# serve's V8 heap limits (bin/node-flags.js): collect sooner, keep RSS near what the bot really holds.
# bundled-main.js runs the CLI from its one-file bundle with the build's code cache (a faster start).
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=256", "dist/cli/bundled-main.js", "serve"]
