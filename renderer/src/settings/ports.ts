// Which port a server uses and why: a command-line flag overrides Settings; a saved change
// applies after a restart. Pure (ports.test.ts).

export interface PortFacts {
  saved: number;
  /** null: the server is not running */
  running: number | null;
  fromFlag: boolean;
  flag: string;
}

export interface PortExplanation {
  /** where the running port came from, in a few words */
  source: 'command line' | 'Settings' | 'not running';
  /** one sentence on which wins */
  wins: string;
}

export function explainPort({ saved, running, fromFlag, flag }: PortFacts): PortExplanation {
  if (running === null) return { source: 'not running', wins: 'The server is not running; see the message below.' };
  if (fromFlag) {
    return {
      source: 'command line',
      wins: saved === running
        ? `${flag} ${running} on the command line, the same as saved.`
        : `${flag} ${running} on the command line overrides the saved ${saved === 0 ? '0 (any free port)' : saved}.`,
    };
  }
  if (saved === 0) return { source: 'Settings', wins: 'Settings say 0: any free port, chosen at start.' };
  if (saved === running) return { source: 'Settings', wins: 'From Settings.' };
  return { source: 'Settings', wins: `The saved port ${saved} applies after Outpost restarts.` };
}
