export async function runExportCli(_flags: Map<string, string[]>): Promise<void> {
  throw new Error('export is not implemented yet');
}
