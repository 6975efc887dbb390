// Quick fixes: the rule's fix (Finding.fix, edits on the analyzed text) offered as a Monaco code
// action on the finding's lines. Only offered while the editor text is the text that was analyzed,
// so the offsets are right.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import type { Analysis, Finding } from '../engine/types';

type Monaco = typeof MonacoNs;

export interface QuickFixSource {
  analysis(): Analysis | null;
  analyzedText(): string;
}

export function fixableFindings(analysis: Analysis | null): Finding[] {
  return (analysis?.findings ?? []).filter(
    (f) => f.fix && f.fix.edits.length > 0 && f.fix.safety !== 'display-only',
  );
}

export function registerQuickFixes(monaco: Monaco, source: QuickFixSource): MonacoNs.IDisposable {
  return monaco.languages.registerCodeActionProvider(
    'dockerfile',
    {
      provideCodeActions(model, range, context) {
        const analysis = source.analysis();
        if (!analysis || model.getValue() !== source.analyzedText()) return { actions: [], dispose() {} };
        const actions: MonacoNs.languages.CodeAction[] = [];
        for (const finding of fixableFindings(analysis)) {
          if (finding.endLine < range.startLineNumber || finding.line > range.endLineNumber) continue;
          const fix = finding.fix!;
          const marker = context.markers.find((m) => codeOf(m) === finding.ruleId);
          actions.push({
            title: fix.safety === 'unsafe' ? `${fix.title} (review: may change behaviour)` : fix.title,
            kind: 'quickfix',
            isPreferred: fix.safety === 'safe',
            diagnostics: marker ? [marker] : undefined,
            edit: {
              edits: fix.edits.map((edit) => {
                const start = model.getPositionAt(edit.start);
                const end = model.getPositionAt(edit.end);
                return {
                  resource: model.uri,
                  versionId: model.getVersionId(),
                  textEdit: {
                    range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
                    text: edit.text,
                  },
                };
              }),
            },
          });
        }
        return { actions, dispose() {} };
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  );
}

function codeOf(marker: MonacoNs.editor.IMarkerData): string | undefined {
  return typeof marker.code === 'string' ? marker.code : marker.code?.value;
}
