# The liqo-ts image for real clusters: every Liqo component is a subcommand of bin/liqo.mjs
# (deploy/liqo.yaml sets the subcommand and flags in each container's args). On lkind clusters the
# simulated kubelet runs this same entrypoint as a host process.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY deploy ./deploy
# Build the components' bundle now: at run time /app is read-only for the node user.
RUN node bin/liqo.mjs --help >/dev/null
USER node
ENTRYPOINT ["node", "/app/bin/liqo.mjs"]
