import { parseDockerfile, shellParserLoaded } from '/work/main/src/engine/node';
import { rule } from '/work/main/src/engine/rules/apt-get-not-apt';
import { EMPTY_LOOKUP } from '/work/main/src/engine/rules/run';
await shellParserLoaded;
const m = parseDockerfile('FROM debian:bookworm-slim\nRUN apt update\n');
console.log(rule.check({ model: m, bases: EMPTY_LOOKUP }));
