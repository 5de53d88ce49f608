# syntax=docker/dockerfile:1
# One image for every Rewind service; docker-compose.yml picks the entry point per service.
# Node.js 24 LTS, the release package.json pins for npm scripts (tools/docker/test checks they match).
# The digest is the one public Dockerfiles state for this tag; it was not pulled here (no engine).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553

# Build: every dependency (TypeScript, Vite, ...), no install scripts of third parties.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only: no TypeScript, no embedded PostgreSQL, no dev tools, no install
# scripts (swagger-ui-dist's analytics postinstall never runs).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    REWIND_DATA_DIR=/data \
    IMPORT_DIR=/data/imports
COPY --from=deps /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/libs/models ./libs/models
# Every path the services write, created and owned by the user they run as: a named volume
# mounted here starts with this owner (the imports volume of docker-compose.yml).
RUN mkdir -p /data/imports && chown -R node:node /data
USER node
CMD ["node", "dist/apps/gateway/src/main.js"]
