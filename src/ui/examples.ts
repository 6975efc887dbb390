// The examples gallery: Dockerfiles taken from the seed articles on image size (before and after
// versions), so a first-time visitor can see each technique at work.
export interface Example {
  id: string;
  title: string;
  summary: string;
  dockerfile: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'node-naive',
    title: 'Node.js, the naive way',
    summary: 'Full node:20 base, the whole context copied, dev dependencies and build tools shipped.',
    dockerfile: `FROM node:20
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
CMD ["npm", "start"]
`,
  },
  {
    id: 'node-multi-stage',
    title: 'Node.js, multi-stage',
    summary: 'Build in one stage, install production dependencies only in an alpine runtime stage.',
    dockerfile: `FROM node:20-alpine AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-alpine AS production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=builder /app/dist ./dist
EXPOSE 8080
CMD ["node", "dist/server.js"]
`,
  },
  {
    id: 'apt-cleanup-too-late',
    title: 'apt cache cleaned one layer too late',
    summary: 'Removing /var/lib/apt/lists in its own RUN saves nothing: the bytes stay in the layer before.',
    dockerfile: `FROM ubuntu:22.04
RUN apt-get update && apt-get install -y curl git
RUN rm -rf /var/lib/apt/lists/*
COPY . /app
WORKDIR /app
CMD ["./start.sh"]
`,
  },
  {
    id: 'go-single-stage',
    title: 'Go, single stage',
    summary: 'The whole Go toolchain ships with an 8 MB binary.',
    dockerfile: `FROM golang:1.22
WORKDIR /app
COPY . .
RUN go build -o main .
CMD ["./main"]
`,
  },
  {
    id: 'go-scratch',
    title: 'Go, static binary on scratch',
    summary: 'Build with the toolchain, ship only the binary and CA certificates.',
    dockerfile: `FROM golang:1.22-alpine AS builder
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build \\
    -ldflags="-w -s" \\
    -o main .

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=builder /app/main /main
EXPOSE 8080
ENTRYPOINT ["/main"]
`,
  },
  {
    id: 'python-pip',
    title: 'Python with pip',
    summary: 'Full python base and the pip download cache kept in the image.',
    dockerfile: `FROM python:3.12
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`,
  },
  {
    id: 'python-cache-mount',
    title: 'Python with a BuildKit cache mount',
    summary: 'Dependencies first for caching, and the pip cache kept outside the image.',
    dockerfile: `# syntax=docker/dockerfile:1
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \\
    pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
`,
  },
  {
    id: 'java-maven',
    title: 'Java with Maven, single stage',
    summary: 'Maven, the JDK and the local repository ship with the jar.',
    dockerfile: `FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY . .
RUN mvn package -DskipTests
CMD ["java", "-jar", "target/app.jar"]
`,
  },
  {
    id: 'apt-tools-one-layer',
    title: 'Download tools in one layer',
    summary: 'Install, use and remove a tool in the same RUN so nothing lingers.',
    dockerfile: `FROM debian:bookworm-slim
RUN apt-get update && \\
    apt-get install -y --no-install-recommends wget ca-certificates && \\
    wget https://example.com/tool.tar.gz && \\
    tar -xzf tool.tar.gz && \\
    mv tool /usr/local/bin/ && \\
    rm tool.tar.gz && \\
    apt-get purge -y wget && \\
    apt-get autoremove -y && \\
    rm -rf /var/lib/apt/lists/*
USER nobody
CMD ["tool"]
`,
  },
];
