// The Dockerfile shown on a first visit: the naive Node example from the seed articles.
export const SAMPLE_DOCKERFILE = `FROM node:20
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`;
