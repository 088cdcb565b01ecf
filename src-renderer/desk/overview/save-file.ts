// Hands a generated file to the browser's download (a blob: URL on a temporary link);
// the CSP allows it (no script, no network), and the URL is revoked right after.
export function saveBytesFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function saveTextFile(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBytesFile(name, text, type);
}
