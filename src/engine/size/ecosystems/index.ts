// The sizing of each ecosystem's installs and builds, by ecosystem (the knowledge itself, such as
// cache folders, is in engine/ecosystems). A new package manager adds its module here.
import type { PackageManager } from '../../model';
import { ecosystemOfBuildTool, ecosystemOfManager, type EcosystemId } from '../../ecosystems';
import type { BuildSizer, EcosystemSizing, InstallSizer } from '../commands/scope';
import { osSizing } from './os';
import { pythonSizing } from './python';
import { nodeSizing } from './node';
import { goSizing } from './go';
import { rustSizing } from './rust';
import { javaSizing } from './java';
import { dotnetSizing } from './dotnet';
import { phpSizing } from './php';
import { rubySizing } from './ruby';
import { cppSizing } from './cpp';

export const SIZING: Readonly<Record<EcosystemId, EcosystemSizing>> = {
  debian: osSizing,
  alpine: osSizing,
  rpm: osSizing,
  python: pythonSizing,
  node: nodeSizing,
  go: goSizing,
  rust: rustSizing,
  java: javaSizing,
  dotnet: dotnetSizing,
  php: phpSizing,
  ruby: rubySizing,
  cpp: cppSizing,
};

/** The sizer of a manager's installs (null for a manager no ecosystem sizes). */
export function installSizer(manager: PackageManager): InstallSizer | null {
  const eco = ecosystemOfManager(manager);
  return eco ? SIZING[eco.id].install : null;
}

/** The sizer of a build tool's output (null for a tool no ecosystem knows: a generic guess). */
export function buildSizer(tool: string): BuildSizer | null {
  const eco = ecosystemOfBuildTool(tool);
  return eco ? (SIZING[eco.id].builds[tool] ?? null) : null;
}
