/** A malware check every upload passes before it is kept; production plugs in a real scanner (e.g. clamd). */
export type VirusScanner = (bytes: Buffer) => Promise<ScanVerdict>;

export type ScanVerdict = { readonly clean: true } | { readonly clean: false; readonly signature: string };

const eicar = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * The default scanner: knows only the EICAR test signature, which every antivirus
 * product flags, so the refusal path is exercised end to end without a daemon.
 */
export const eicarScanner: VirusScanner = async (bytes) =>
  bytes.includes(eicar) ? { clean: false, signature: 'EICAR-Test-File' } : { clean: true };
