/**
 * Runs the SDK's dynamic-provider host (`node host-child.js <cmd/dynamic-provider> <engine address>`)
 * unchanged, and ends it when the process that started it goes away: when our stdin closes, which the
 * operating system does even if that process was killed outright. The SDK's closure-serializing tooling,
 * which a host never uses, and zod's locales are loaded only if used (../common/defer-modules.ts).
 */
import { deferUnusedModules } from "../common/defer-modules";

deferUnusedModules();
const [hostMain, ...args] = process.argv.slice(2);
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
process.argv = [process.argv[0], hostMain, ...args];
require(hostMain);
