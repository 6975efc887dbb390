// The one mapping from an Analysis to editor markers (squiggles, hovers, the Problems list).
// Pure: it takes the Monaco namespace and a text model, so it can be reasoned about on its own.
import type * as MonacoNs from 'monaco-editor/editor/editor.api';
import type { Analysis, Finding, Severity } from '../engine/types';
import { formatBytes } from './format';

type Monaco = typeof MonacoNs;
type TextModel = MonacoNs.editor.ITextModel;

export const MARKER_OWNER = 'dockerfile-playground';
/** Links in marker hovers that open a rule's Learn page inside the app. */
export const LEARN_SCHEME = 'playground-learn';

/** Range of whole lines (first non-blank character of `line` to the end of `endLine`), clamped. */
function lineRange(model: TextModel, line: number, endLine: number, column?: number, endColumn?: number) {
  const count = model.getLineCount();
  const start = Math.min(Math.max(1, line), count);
  const end = Math.min(Math.max(start, endLine), count);
  const firstNonBlank = model.getLineFirstNonWhitespaceColumn(start) || 1;
  const startColumn = column && column >= 1 ? column : firstNonBlank;
  const lastColumn = endColumn && endColumn > 1 ? endColumn : model.getLineMaxColumn(end);
  return {
    startLineNumber: start,
    startColumn,
    endLineNumber: end,
    endColumn: start === end ? Math.max(lastColumn, startColumn + 1) : lastColumn,
  };
}

function severityOf(monaco: Monaco, severity: Severity): MonacoNs.MarkerSeverity {
  if (severity === 'error') return monaco.MarkerSeverity.Error;
  if (severity === 'warning') return monaco.MarkerSeverity.Warning;
  return monaco.MarkerSeverity.Info;
}

export function findingMessage(finding: Finding): string {
  const saving =
    finding.savingsBytes && finding.savingsBytes > 0
      ? ` (saves about ${formatBytes(finding.savingsBytes)})`
      : '';
  return `${finding.message}${saving}`;
}

export function analysisToMarkers(
  monaco: Monaco,
  model: TextModel,
  analysis: Analysis,
): MonacoNs.editor.IMarkerData[] {
  const markers: MonacoNs.editor.IMarkerData[] = [];
  for (const error of analysis.syntaxErrors) {
    const range = lineRange(model, error.line, error.line, error.column);
    markers.push({
      ...range,
      severity: monaco.MarkerSeverity.Error,
      message: error.message,
      source: 'syntax',
    });
  }
  for (const finding of analysis.findings) {
    const range = lineRange(model, finding.line, finding.endLine, finding.column, finding.endColumn);
    markers.push({
      ...range,
      severity: severityOf(monaco, finding.severity),
      message: findingMessage(finding),
      source: finding.aliases.length > 0 ? `playground (${finding.aliases.join(', ')})` : 'playground',
      // The rule id links to its Learn page (see LEARN_SCHEME; the editor registers the opener).
      code: {
        value: finding.ruleId,
        target: monaco.Uri.from({ scheme: LEARN_SCHEME, path: finding.ruleId }),
      },
    });
  }
  return markers;
}

export function applyMarkers(monaco: Monaco, model: TextModel, analysis: Analysis | null): void {
  monaco.editor.setModelMarkers(
    model,
    MARKER_OWNER,
    analysis ? analysisToMarkers(monaco, model, analysis) : [],
  );
}
