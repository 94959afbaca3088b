# One image for every service; docker-compose.yml picks the entry point per container.
FROM node:22-bookworm-slim
WORKDIR /app
# A 64 MB young generation: half the GC time per request (docs/architecture.md §8); the
# benchmark starts its services with the same flag (scripts/lib/bench/services.ts).
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS=--max-semi-space-size=64
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY services ./services
COPY gateway ./gateway
COPY schema ./schema
COPY data ./data
COPY scripts ./scripts
USER node
