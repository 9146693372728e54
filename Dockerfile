# One image for the three TRM apps (docker-compose.yml picks the entry point).
FROM node:22-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ wget && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY migrations migrations
COPY dashboards dashboards
ENV NODE_ENV=production HOST=0.0.0.0
USER node
EXPOSE 3000
CMD ["npm", "run", "start:analytics"]
