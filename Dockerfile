# One image for every service; docker-compose.yml picks the entry point per container.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY services ./services
COPY gateway ./gateway
COPY schema ./schema
COPY data ./data
COPY scripts ./scripts
USER node
