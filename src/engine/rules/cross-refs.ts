// Equivalent checks in other Dockerfile scanners, carried as extra aliases on findings (DESIGN.md:
// findings[].aliases) and in SARIF: Trivy (DS…), Checkov (CKV_DOCKER_…) and KICS (query UUIDs).
// Only pairs where the other tool's check reports the same problem are listed; a near miss (KICS
// "Using Platform Flag with FROM" against our constant-platform rule) is left out.
//
// Sources (public rule lists, read once; rerun nothing — the ids are stable):
export const CROSS_REF_SOURCES = {
  trivy:
    'aquasecurity/trivy-checks, checks/docker/*.rego METADATA `custom.id` (files at commit c3aa21d104d4; run_pipefail.rego at e6b1b6c2da65)',
  checkov:
    'bridgecrewio/checkov, docs/5.Policy Index/dockerfile.md at commit 89d1b46f67dd (CKV_DOCKER_1–11, CKV2_DOCKER_1)',
  kics: 'Checkmarx/kics, docs/queries/dockerfile-queries.md at commit 01a24f116d03 (query ids)',
} as const;

export type CrossRefTool = keyof typeof CROSS_REF_SOURCES;

interface Entry {
  /** Our rule id, or a hadolint id / build-check name when a rule covers several checks. */
  on: string;
  trivy?: string;
  checkov?: string;
  kics?: string;
}

const TABLE: readonly Entry[] = [
  { on: 'DL3006', trivy: 'DS001', kics: '9efb0b2d-89c9-41a3-91ca-dcc0aec911fd' },
  { on: 'DL3007', trivy: 'DS001', checkov: 'CKV_DOCKER_7', kics: 'f45ea400-6bbe-4501-9fc7-1c3d75c32067' },
  {
    on: 'non-root-user',
    trivy: 'DS002',
    checkov: 'CKV_DOCKER_3',
    kics: 'fd54f200-402c-4333-a5a4-36ef6709af2f',
  },
  { on: 'non-root-user', checkov: 'CKV_DOCKER_8', kics: '67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae' },
  { on: 'DL3020', trivy: 'DS005', checkov: 'CKV_DOCKER_4', kics: '9513a694-aa0d-41d8-be61-3271e056f36b' },
  { on: 'DL3023', trivy: 'DS006', kics: 'cdddb86f-95f6-4fc4-b5a1-483d9afceb2b' },
  { on: 'DL4004', trivy: 'DS007', kics: '6938958b-3f1a-451c-909b-baeee14bdc97' },
  { on: 'DL4003', trivy: 'DS016', kics: '41c195f4-fc31-4a5c-8a1b-90605538d49f' },
  { on: 'DL3012', trivy: 'DS023' },
  { on: 'DL3000', trivy: 'DS009', checkov: 'CKV_DOCKER_10', kics: '6b376af8-cfe8-49ab-a08d-f32de23661a4' },
  { on: 'DL3004', trivy: 'DS010', checkov: 'CKV2_DOCKER_1', kics: '8ada6e80-0ade-439e-b176-0b28f6bce35a' },
  { on: 'DL3021', trivy: 'DS011', kics: '6db6e0c2-32a3-4a2e-93b5-72c35f4119db' },
  { on: 'DL3024', trivy: 'DS012', checkov: 'CKV_DOCKER_11', kics: 'f2daed12-c802-49cd-afed-fe41d0b82fed' },
  { on: 'DL3003', trivy: 'DS013', kics: 'f4a6bcd3-e231-4acf-993c-aa027be50d2e' },
  { on: 'DL4001', trivy: 'DS014', kics: 'fc775e75-fcfb-4c98-b2f2-910c5858b359' },
  { on: 'DL3032', trivy: 'DS015', kics: '00481784-25aa-4a55-8633-3136dfcf4f37' },
  {
    on: 'apt-update-alone',
    trivy: 'DS017',
    checkov: 'CKV_DOCKER_5',
    kics: '9bae49be-0aa3-4de5-bab2-4c3a069e40cd',
  },
  { on: 'DL3040', trivy: 'DS019', kics: '295acb63-9246-4b21-b441-7c1f1fb62dc0' },
  { on: 'DL3036', trivy: 'DS020', kics: '38300d1a-feb2-4a48-936a-d1ef1cd24313' },
  { on: 'DL3014', trivy: 'DS021', kics: '77783205-c4ca-4f80-bb80-c777f267c547' },
  { on: 'DL4000', trivy: 'DS022', checkov: 'CKV_DOCKER_6', kics: '99614418-f82b-4852-a9ae-5051402b741c' },
  { on: 'DL3019', trivy: 'DS025', kics: 'ae9c56a6-3ed1-4ac0-9b54-31267f51151d' },
  {
    on: 'healthcheck-missing',
    trivy: 'DS026',
    checkov: 'CKV_DOCKER_2',
    kics: 'b03a748a-542d-44f4-bb86-9199ab4fd2d5',
  },
  { on: 'DL3015', trivy: 'DS029', kics: '7384dfb2-fcd1-4fbf-91cd-6c44c318c33c' },
  { on: 'secrets-in-arg-env', trivy: 'DS031', kics: 'c3e1b6ae-d92c-44b3-8ed5-1f5442bab6a4' },
  { on: 'secret-files-copied', trivy: 'DS031' },
  { on: 'DL4006', trivy: 'DS032', kics: 'efbf148a-67e9-42d2-ac47-02fa1c0d0b22' },
  { on: 'DL3027', checkov: 'CKV_DOCKER_9', kics: 'b84a0b47-2e99-4c9f-8933-98bcabe2b94d' },
  { on: 'DL3022', kics: '68a51e22-ae5a-4d48-8e87-b01a323605c9' },
  { on: 'DL3025', kics: 'b86987e1-6397-4619-81d5-8807f2387c79' },
  { on: 'DL3008', kics: '965a08d7-ef86-4f14-8792-4a3b2098937e' },
  { on: 'DL3018', kics: 'd3499f6d-1651-41bb-a9a7-de925fea487b' },
  { on: 'DL3033', kics: '6452c424-1d92-4deb-bb18-a03e95d579c4' },
  { on: 'DL3037', kics: '562952e4-0348-4dea-9826-44f3a2c6117b' },
  { on: 'DL3041', kics: '93d88cf7-f078-46a8-8ddc-178e03aeacf1' },
  { on: 'DL3013', kics: '02d9c71f-3ee8-4986-9c27-1a20d0d19bfc' },
  { on: 'DL3016', kics: 'e36d8880-3f78-4546-b9a1-12f0745ca0d5' },
  { on: 'DL3028', kics: '22cd11f7-9c6c-4f6e-84c0-02058120b341' },
  { on: 'DL3030', kics: '6e19193a-8753-436d-8a09-76dcff91bb03' },
  { on: 'DL3034', kics: '45e1fca5-f90e-465d-825f-c2cb63fa3944' },
  { on: 'DL3038', kics: '7ebd323c-31b7-4e5b-b26f-de5e9e477af8' },
  { on: 'DL3042', kics: 'f2f903fb-b977-461e-98d7-b3e2185c6118' },
  { on: 'DL3009', kics: 'df746b39-6564-4fed-bf85-e9c44382303c' },
  { on: 'DL3011', kics: '71bf8cf8-f0a1-42fa-b9d2-d10525e0a38e' },
];

const TOOLS: CrossRefTool[] = ['trivy', 'checkov', 'kics'];

/** Answers so far, by rule id and aliases (the rules' own fixed lists: a small, bounded set). */
const answers = new Map<string, readonly string[]>();

/** The other tools' ids for a finding of `ruleId` carrying `aliases` (in tool order, no repeats). */
export function crossRefIds(ruleId: string, aliases: readonly string[]): readonly string[] {
  const key = [ruleId, ...aliases].join('\u0000');
  let ids = answers.get(key);
  if (!ids) answers.set(key, (ids = Object.freeze(lookUp(ruleId, aliases))));
  return ids;
}

function lookUp(ruleId: string, aliases: readonly string[]): string[] {
  const keys = new Set([ruleId, ...aliases]);
  const out: string[] = [];
  for (const tool of TOOLS)
    for (const e of TABLE) {
      const id = e[tool];
      if (id && keys.has(e.on) && !out.includes(id)) out.push(id);
    }
  return out;
}

/** Which tool an alias belongs to, or null for hadolint / build-check ids. */
export function toolOfAlias(alias: string): CrossRefTool | null {
  if (/^DS\d{3}$/.test(alias)) return 'trivy';
  if (/^CKV2?_DOCKER_\d+$/.test(alias)) return 'checkov';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(alias)) return 'kics';
  return null;
}

/** Every entry's key, for the test that each names a real rule or alias. */
export const CROSS_REF_KEYS: readonly string[] = TABLE.map((e) => e.on);
