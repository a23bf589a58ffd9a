// A small line diff (longest common subsequence) for "what changed since the previous message".

export interface DiffLine {
  op: 'same' | 'add' | 'del';
  text: string;
}

/** Past this many line pairs (after the common start and end are set aside) no diff is computed. */
export const MAX_DIFF_CELLS = 250_000;

/** The lines of `before` and `after`, each kept, added or deleted; null when too large to compare. */
export function lineDiff(before: string, after: string): DiffLine[] | null {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_DIFF_CELLS) return null;

  // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..]
  const width = midB.length + 1;
  const lcs = new Uint32Array((midA.length + 1) * width);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1
        : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = a.slice(0, start).map((text) => ({ op: 'same', text }));
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      out.push({ op: 'same', text: midA[i]! }); i++; j++;
    } else if (i < midA.length && (j === midB.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      out.push({ op: 'del', text: midA[i]! }); i++; // deletions first, as diff tools show them
    } else {
      out.push({ op: 'add', text: midB[j]! }); j++;
    }
  }
  for (const text of a.slice(endA)) out.push({ op: 'same', text });
  return out;
}

/** Whether anything differs. */
export const changed = (diff: DiffLine[]): boolean => diff.some((l) => l.op !== 'same');
